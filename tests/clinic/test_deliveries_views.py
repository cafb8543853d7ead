"""The delivery pages: one patient's messages, the clinic's deliveries, and resending."""

from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from clinic.models import AuditEvent, OutboxMessage
from clinic.outbox.services import enqueue_message
from tests.factories import PatientFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("huey_immediate")]
Kind = OutboxMessage.Kind
Status = OutboxMessage.Status
SENT_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def message_to(recipient=None, *, key, patient=None, kind=Kind.PROGRAM_READY, **fields):
    message = enqueue_message(kind=kind, key=key, recipient=recipient, patient=patient)
    if fields:
        OutboxMessage.objects.filter(pk=message.pk).update(**fields)
        message.refresh_from_db()
    return message


def failed(recipient=None, *, key="failed", **extra):
    return message_to(
        recipient,
        key=key,
        status=Status.FAILED,
        attempts=6,
        next_attempt_at=None,
        last_error="Attempt 6: 451 4.3.0 Try again later",
        **extra,
    )


def patient_messages_url(record):
    return reverse("clinic:patient-messages", kwargs={"uuid": record.uuid})


def resend_url(message):
    return reverse("clinic:message-resend", kwargs={"uuid": message.uuid})


# --- one patient's messages ---------------------------------------------------------------------


def test_a_patients_messages_show_status_attempts_and_the_last_problem(
    therapist_client, patient, patient_record, other_patient
):
    sent = message_to(patient, key="sent", status=Status.SENT, attempts=2, sent_at=SENT_AT)
    broken = failed(patient)
    message_to(other_patient, key="other")
    response = therapist_client.get(patient_messages_url(patient_record))
    assert response.status_code == 200
    assert list(response.context["page"]) == [broken, sent]
    page = response.content.decode()
    assert "Attempt 6: 451 4.3.0 Try again later" in page
    assert "pat@test.example" in page
    assert "Resend" in page and resend_url(broken) in page
    assert resend_url(sent) not in page  # only failed messages can be resent


def test_opening_a_patients_messages_is_recorded_in_the_audit_log(
    therapist_client, therapist, patient_record
):
    therapist_client.get(patient_messages_url(patient_record))
    event = AuditEvent.objects.get(action="view")
    assert (event.action, event.user, event.patient) == ("view", therapist, patient_record)
    assert event.detail == "messages"


def test_the_patient_page_links_to_their_messages(therapist_client, patient_record):
    response = therapist_client.get(patient_record.get_absolute_url())
    assert patient_messages_url(patient_record) in response.content.decode()


# --- the clinic's deliveries --------------------------------------------------------------------


def test_the_admin_sees_every_message_and_how_many_failed(
    admin_client_, patient, colleague, other_patient_record
):
    failed(patient)
    message_to(colleague, key="alert", kind=Kind.STAFF_ALERT, patient=other_patient_record)
    message_to(patient, key="sent", status=Status.SENT, sent_at=SENT_AT)
    response = admin_client_.get(reverse("clinic:delivery-list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    assert response.context["counts"] == {"failed": 1, "waiting": 1}
    page = response.content.decode()
    assert "1 message failed." in page
    assert patient_messages_url(other_patient_record) in page


def test_the_deliveries_can_be_narrowed_to_the_failed_ones(admin_client_, patient, therapist):
    broken = failed(patient)
    message_to(therapist, key="waiting", kind=Kind.STAFF_ALERT)
    response = admin_client_.get(reverse("clinic:delivery-list"), {"status": "failed"})
    assert list(response.context["page"]) == [broken]
    response = admin_client_.get(reverse("clinic:delivery-list"), {"status": "nonsense"})
    assert response.context["page"].paginator.count == 2


def test_opening_the_deliveries_is_recorded_in_the_audit_log(admin_client_, admin):
    admin_client_.get(reverse("clinic:delivery-list"), {"status": "failed"})
    event = AuditEvent.objects.get(action="view")
    assert (event.action, event.user, event.patient) == ("view", admin, None)
    assert event.detail == "deliveries, page 1, failed only"


# --- resend -------------------------------------------------------------------------------------


def test_resending_puts_a_failed_message_back_in_the_queue_and_is_audited(
    therapist_client, therapist, patient, patient_record, django_capture_on_commit_callbacks
):
    message = failed(patient)
    back = patient_messages_url(patient_record)
    with django_capture_on_commit_callbacks(execute=True):
        response = therapist_client.post(resend_url(message), {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    message.refresh_from_db()
    assert message.status == Status.SENT  # the worker (immediate here) sent it
    assert len(mail.outbox) == 1
    event = AuditEvent.objects.get(action="update")
    assert (event.user, event.patient, event.object_id) == (
        therapist,
        patient_record,
        str(message.uuid),
    )
    notes = [str(note) for note in get_messages(response.wsgi_request)]
    assert notes == [
        "“Your home program from Restore Clinic is ready” will be sent again in a moment."
    ]


def test_the_resend_request_only_queues_the_message(
    therapist_client, patient, huey_queue, django_capture_on_commit_callbacks
):
    """No SMTP in the request: the page writes the row and queues a task for the worker."""
    message = failed(patient)
    with django_capture_on_commit_callbacks(execute=True):
        therapist_client.post(resend_url(message))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 0)
    assert mail.outbox == []
    assert huey_queue.pending_count() == 1


def test_a_message_that_did_not_fail_is_not_resent(admin_client_, patient):
    message = message_to(patient, key="sent", status=Status.SENT, sent_at=SENT_AT)
    response = admin_client_.post(resend_url(message))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert not AuditEvent.objects.filter(action="update").exists()
    notes = [str(note) for note in get_messages(response.wsgi_request)]
    assert notes == ["Only a message that failed can be sent again."]


def test_resend_goes_back_to_our_own_pages_only(admin_client_, patient, patient_record):
    message = failed(patient)
    response = admin_client_.post(resend_url(message), {"next": "https://evil.example/"})
    assert response["Location"] == patient_messages_url(patient_record)


def test_a_staff_message_without_a_patient_returns_to_the_deliveries(admin_client_, therapist):
    message = failed(therapist, key="alert")
    response = admin_client_.post(resend_url(message))
    assert response["Location"] == reverse("clinic:delivery-list")


def test_a_therapist_cannot_resend_a_colleagues_own_message(therapist_client, colleague):
    message = failed(colleague, key="alert")
    assert therapist_client.post(resend_url(message)).status_code == 404
    message.refresh_from_db()
    assert message.status == Status.FAILED


# --- query counts -------------------------------------------------------------------------------


def _many(count, recipient, record):
    for n in range(count):
        if n % 2:
            failed(recipient, key=f"failed-{n}")
        else:
            message_to(recipient, key=f"sent-{n}", status=Status.SENT, sent_at=SENT_AT)
    other = PatientFactory(therapist=record.therapist)
    message_to(patient=other, key="staff-alert", kind=Kind.STAFF_ALERT)


@pytest.mark.parametrize("count", [1, 20])
def test_patient_messages_query_count_is_constant(
    therapist_client, patient, patient_record, django_assert_num_queries, count
):
    _many(count, patient, patient_record)
    # session, user, patient, count, audit event (1), clinic details, page of messages with
    # their recipients and patient
    with django_assert_num_queries(7):
        response = therapist_client.get(patient_messages_url(patient_record))
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 20])
def test_deliveries_query_count_is_constant(
    admin_client_, patient, patient_record, django_assert_num_queries, count
):
    _many(count, patient, patient_record)
    # session, user, failed and waiting counts, count, audit event (1), clinic details, page
    # of messages with their recipients and patients
    with django_assert_num_queries(7):
        response = admin_client_.get(reverse("clinic:delivery-list"))
    assert response.context["page"].paginator.count == count + 1
