"""Writing outbox messages: in the caller's transaction, once per key, with no health
information, in the recipient's language; failed ones resent by staff (audited)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from clinic.languages import patient_language
from clinic.models import AuditEvent, OutboxMessage, Patient
from clinic.outbox.services import enqueue_message, resend_message
from tests.clinic.conftest import run_due_tasks
from tests.factories import PatientFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("huey_immediate")]
Kind = OutboxMessage.Kind
Status = OutboxMessage.Status


def program_ready(patient_user, key="program_ready:1", path="/portal/", **extra):
    return enqueue_message(
        kind=Kind.PROGRAM_READY, key=key, recipient=patient_user, path=path, **extra
    )


def test_a_message_is_sent_once_the_transaction_commits(
    patient, patient_record, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = program_ready(patient)
        assert mail.outbox == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.patient == patient_record
    [email] = mail.outbox
    assert email.to == ["pat@test.example"]
    assert email.extra_headers["Message-ID"] == message.message_id


def test_a_rolled_back_transaction_leaves_no_row_and_sends_nothing(
    patient, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="publishing failed"),
        transaction.atomic(),
    ):
        program_ready(patient)
        raise RuntimeError("publishing failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_same_key_twice_is_one_row_and_one_email(patient, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first = program_ready(patient, key="program_ready:rev-1")
        second = program_ready(patient, key="program_ready:rev-1")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        third = program_ready(patient, key="program_ready:rev-1")
    assert first.pk == second.pk == third.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_enqueueing_outside_a_transaction_is_refused(patient):
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        program_ready(patient)
    assert not OutboxMessage.objects.exists()


def test_the_text_has_the_first_name_the_clinic_and_a_sign_in_link_only(
    therapist, django_capture_on_commit_callbacks
):
    record = PatientFactory(
        first_name="Josefina", preferred_name="Jo", last_name="Quintero", therapist=therapist
    )
    record.email = "jo@test.example"
    record.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = enqueue_message(
            kind=Kind.PROGRAM_UPDATED,
            key="program_updated:x",
            patient=record,
            path=f"/portal/programs/{record.uuid}/",
        )
    message.refresh_from_db()
    link = f"{settings.SITE_URL}/accounts/login/?next=/portal/programs/{record.uuid}/"
    for text in (message.subject, message.body_text, message.body_html):
        assert "Quintero" not in text and "Josefina" not in text
    assert message.body_text.startswith("Hello Jo,")
    assert link in message.body_text
    assert f'href="{link}"' in message.body_html
    assert "Restore Clinic" in message.subject  # the clinic's name
    [email] = mail.outbox
    assert email.to == ["jo@test.example"]
    assert email.alternatives[0].mimetype == "text/html"


def test_a_link_to_another_site_is_refused(patient):
    with pytest.raises(ValueError, match="our own pages"):
        program_ready(patient, path="//evil.example/login")


def test_a_kind_without_templates_is_refused(patient):
    with pytest.raises(ValueError, match="no email templates"):
        enqueue_message(kind=Kind.INTAKE_LINK, key="intake_link:1", recipient=patient)


@pytest.mark.parametrize(
    ("language", "code"),
    [("English", "en"), ("Spanish", "es"), ("español", "es"), ("pt-br", "pt-br"), ("", None)],
)
def test_a_patients_language_becomes_a_language_code(language, code):
    assert patient_language(Patient(language=language)) == (code or settings.LANGUAGE_CODE)


def test_a_language_we_do_not_know_falls_back_to_the_clinics():
    assert patient_language(Patient(language="Klingon")) == settings.LANGUAGE_CODE


def test_the_message_is_written_in_the_patients_language(patient, patient_record):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    message = program_ready(patient)
    assert message.language == "es"
    assert '<html lang="es">' in message.body_html  # rendered under translation.override


def test_staff_are_written_to_in_the_clinics_language(patient_record, therapist):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    message = enqueue_message(
        kind=Kind.STAFF_ALERT, key="staff_alert:1", recipient=therapist, patient=patient_record
    )
    assert message.language == settings.LANGUAGE_CODE
    assert message.body_text.startswith("Hello Tess,")
    assert message.address == "therapist@test.example"
    assert message.patient == patient_record


def test_a_person_without_an_address_gets_a_failed_row_not_an_error(
    therapist, django_capture_on_commit_callbacks
):
    record = PatientFactory(therapist=therapist, email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = enqueue_message(kind=Kind.SECURE_MESSAGE, key="secure:1", patient=record)
    assert callbacks == []
    assert message.status == Status.FAILED
    assert "No email address" in message.last_error


def test_a_message_for_later_waits_for_its_time(patient, django_capture_on_commit_callbacks):
    with time_machine.travel("2026-03-02 09:00 +00:00", tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            message = program_ready(patient, send_after=datetime(2026, 3, 2, 18, tzinfo=UTC))
        assert mail.outbox == []
        clock.move_to("2026-03-02 18:00 +00:00")
        assert run_due_tasks() == 1
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(mail.outbox) == 1


# --- resend ------------------------------------------------------------------------------------


def failed_message(recipient, **fields):
    message = program_ready(recipient, key=f"program_ready:failed:{recipient.pk}")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.FAILED,
        attempts=6,
        next_attempt_at=None,
        last_error="Attempt 6: 451 4.3.0 Try again later",
        **fields,
    )
    message.refresh_from_db()
    return message


def test_resending_a_failed_message_starts_a_new_round_and_is_audited(
    patient, patient_record, therapist, django_capture_on_commit_callbacks
):
    message = failed_message(patient)
    with django_capture_on_commit_callbacks(execute=True):
        resend_message(message=message, by=therapist)
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    event = AuditEvent.objects.get(object_type="clinic.outboxmessage")
    assert event.user == therapist
    assert event.patient == patient_record
    assert event.object_id == str(message.uuid)
    assert event.detail == "message resent: Home program ready (after 6 attempts)"


def test_resending_uses_the_address_as_it_is_now(patient, therapist):
    message = failed_message(patient)
    patient.email = "pat.new@test.example"
    patient.save(update_fields=["email"])
    resend_message(message=message, by=therapist)
    message.refresh_from_db()
    assert message.address == "pat.new@test.example"
    assert message.status == Status.PENDING


@pytest.mark.parametrize("status", [Status.PENDING, Status.SENT])
def test_only_a_failed_message_can_be_resent(patient, therapist, status):
    message = program_ready(patient)
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, sent_at=message.created_at)
    with pytest.raises(ValidationError, match="Only a message that failed"):
        resend_message(message=message, by=therapist)
    assert not AuditEvent.objects.exists()


# --- who sees which messages --------------------------------------------------------------------


def test_for_user_admin_all_therapist_patients_and_own_patient_none(
    admin, therapist, colleague, patient, patient_record, other_patient_record
):
    about_patient = program_ready(patient)
    to_colleague = enqueue_message(kind=Kind.STAFF_ALERT, key="alert:c", recipient=colleague)
    to_therapist = enqueue_message(kind=Kind.STAFF_ALERT, key="alert:t", recipient=therapist)
    alert_about_other = enqueue_message(
        kind=Kind.STAFF_ALERT, key="alert:o", recipient=colleague, patient=other_patient_record
    )
    everything = {about_patient, to_colleague, to_therapist, alert_about_other}
    assert set(OutboxMessage.objects.for_user(admin)) == everything
    assert set(OutboxMessage.objects.for_user(therapist)) == {
        about_patient,
        to_therapist,
        alert_about_other,
    }
    assert not OutboxMessage.objects.for_user(patient).exists()
    patient.is_active = False
    assert not OutboxMessage.objects.for_user(patient).exists()
