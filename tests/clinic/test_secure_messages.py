"""Secure messages: one thread per patient with their care team, unread badges, the emails that
say a message is waiting (and nothing more), every read audited, nothing ever deleted."""

import pytest
from django.core import mail
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from clinic.messaging import send_secure_message, unread_for_patient
from clinic.models import AuditEvent, ClinicProfile, MessageThread, OutboxMessage, SecureMessage
from tests.clinic.conftest import huey_immediate  # noqa: F401 (the fixture)
from tests.factories import PatientFactory, PatientUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("huey_immediate")]
PORTAL = reverse("clinic:portal-messages")
PORTAL_SEND = reverse("clinic:portal-message-send")
SECRET = "My left calf tingles after the nerve slider"


def thread_url(record) -> str:
    return reverse("clinic:patient-thread", kwargs={"uuid": record.uuid})


def send_url(record) -> str:
    return reverse("clinic:patient-thread-send", kwargs={"uuid": record.uuid})


@pytest.fixture
def patient_client(patient):
    """Its own client: the tests hold the patient's and a therapist's sessions at once."""
    client = Client()
    client.force_login(patient)
    return client


@pytest.fixture
def emailable(patient_record):
    patient_record.consent_email = True
    patient_record.save(update_fields=["consent_email"])
    return patient_record


def secure_emails():
    return list(OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SECURE_MESSAGE).order_by("id"))


# --- writing ------------------------------------------------------------------------------------


def test_a_patient_writes_and_their_therapist_is_told_by_email_without_the_text(
    patient_client, patient_record, therapist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = patient_client.post(PORTAL_SEND, {"body": f"  {SECRET}  "})
    assert response.status_code == 302 and response["Location"] == PORTAL
    [message] = SecureMessage.objects.all()
    assert (message.body, message.author, message.from_patient) == (
        SECRET,
        patient_record.user,
        True,
    )
    assert message.thread.patient == patient_record
    [outbox] = secure_emails()
    assert outbox.recipient == therapist and outbox.patient == patient_record
    [email] = mail.outbox
    assert email.to == ["therapist@test.example"]
    assert email.subject == "You have a new message from Restore Clinic"
    assert "next=" + thread_url(patient_record) in email.body  # signs in, then opens the thread
    for private in (SECRET, "calf", "Rivera"):
        assert private not in email.body + email.subject + email.alternatives[0].content
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, patient=patient_record)
    assert (event.user, event.detail) == (patient_record.user, "secure message")


def test_a_patient_without_a_therapist_reaches_the_clinic_admins(admin):
    record = PatientFactory(therapist=None, user=PatientUserFactory(email="solo@test.example"))
    send_secure_message(patient=record, body="Hello?", by=record.user)
    assert [m.recipient for m in secure_emails()] == [admin]


def test_one_email_per_unread_spell(patient_client, patient_record, therapist_client):
    patient_client.post(PORTAL_SEND, {"body": "First"})
    patient_client.post(PORTAL_SEND, {"body": "Second"})
    assert len(secure_emails()) == 1  # the therapist has not opened the thread yet
    therapist_client.get(thread_url(patient_record))
    patient_client.post(PORTAL_SEND, {"body": "Third"})
    assert len(secure_emails()) == 2


def test_the_care_team_replies_and_the_patient_is_emailed_if_they_agreed(
    therapist_client, emailable, therapist
):
    response = therapist_client.post(send_url(emailable), {"body": "Yes, evenings are fine."})
    assert response.status_code == 302
    [message] = SecureMessage.objects.all()
    assert (message.author, message.from_patient) == (therapist, False)
    [outbox] = secure_emails()
    assert outbox.recipient == emailable.user
    assert "evenings" not in outbox.body_text and "evenings" not in outbox.subject


def test_no_email_to_a_patient_who_has_not_agreed_to_email(therapist_client, patient_record):
    therapist_client.post(send_url(patient_record), {"body": "See you Thursday."})
    assert SecureMessage.objects.count() == 1
    assert secure_emails() == []
    assert unread_for_patient(patient_record.user) == 1  # the badge tells them instead


def test_staff_cannot_write_to_a_patient_without_a_portal_account(therapist_client, therapist):
    record = PatientFactory(therapist=therapist)
    response = therapist_client.post(send_url(record), {"body": "Hello"})
    assert response.status_code == 200
    assert "Invite them to the portal" in response.content.decode()
    assert not SecureMessage.objects.exists()


def test_an_empty_message_is_explained_next_to_the_box(patient_client):
    response = patient_client.post(PORTAL_SEND, {"body": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"body": ["Write a message first."]}
    assert not SecureMessage.objects.exists()


def test_a_message_too_long_keeps_what_was_typed(patient_client):
    text = "word " * 1100
    response = patient_client.post(PORTAL_SEND, {"body": text})
    assert response.status_code == 200
    assert "at most 5000 characters" in response.content.decode()
    assert text.strip()[:200] in response.content.decode()


# --- reading: unread badges, audit, scoping -----------------------------------------------------


def test_the_portal_badge_counts_unread_replies_until_the_patient_opens_them(
    therapist_client, patient_client, patient_record
):
    therapist_client.post(send_url(patient_record), {"body": "How did the walk go?"})
    therapist_client.post(send_url(patient_record), {"body": "And the stretches?"})
    home = patient_client.get(reverse("programs:portal-progress")).content.decode()
    assert 'Messages <span class="badge rounded-pill text-bg-danger">2<' in home
    response = patient_client.get(PORTAL)
    page = response.content.decode()
    assert "How did the walk go?" in page and page.count(">New</span>") == 2
    assert unread_for_patient(patient_record.user) == 0
    home = patient_client.get(reverse("programs:portal-progress")).content.decode()
    assert "text-bg-danger" not in home


def test_every_read_is_audited_with_the_patient(patient_client, therapist_client, patient_record):
    patient_client.post(PORTAL_SEND, {"body": "Hello"})
    patient_client.get(PORTAL)
    therapist_client.get(thread_url(patient_record))
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, detail="secure messages")
    assert reads.count() == 2
    assert {event.patient for event in reads} == {patient_record}
    assert {event.object_type for event in reads} == {"clinic.messagethread"}


def test_the_patient_page_shows_unread_messages_and_links_to_the_thread(
    patient_client, therapist_client, patient_record
):
    patient_client.post(PORTAL_SEND, {"body": "One"})
    patient_client.post(PORTAL_SEND, {"body": "Two"})
    page = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert f'href="{thread_url(patient_record)}"' in page
    assert 'Secure messages <span class="badge rounded-pill text-bg-danger">2<' in page
    therapist_client.get(thread_url(patient_record))
    page = therapist_client.get(patient_record.get_absolute_url()).content.decode()
    assert "Secure messages</a>" in page


def test_the_dashboard_lists_patients_waiting_for_an_answer(
    patient_client, therapist_client, patient_record
):
    patient_client.post(PORTAL_SEND, {"body": "A question"})
    response = therapist_client.get(reverse("pages:dashboard"))
    [thread] = response.context["waiting_threads"]
    assert (thread.patient, thread.unread_count) == (patient_record, 1)
    assert f'href="{thread_url(patient_record)}"' in response.content.decode()
    therapist_client.get(thread_url(patient_record))
    assert list(therapist_client.get(reverse("pages:dashboard")).context["waiting_threads"]) == []


def test_a_patient_sees_only_their_own_thread(
    client, patient_record, other_patient, other_patient_record
):
    send_secure_message(patient=patient_record, body=SECRET, by=patient_record.user)
    client.force_login(other_patient)
    page = client.get(PORTAL).content.decode()
    assert SECRET not in page and "No messages yet" in page
    assert client.get(thread_url(patient_record)).status_code == 403
    assert not MessageThread.objects.for_user(other_patient).exists()
    assert not SecureMessage.objects.for_user(other_patient).exists()
    assert SecureMessage.objects.for_user(patient_record.user).count() == 1


def test_a_patient_cannot_write_in_another_patients_thread(patient_record, other_patient):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        send_secure_message(patient=patient_record, body="Hi", by=other_patient)


def test_any_clinician_and_the_admin_read_the_clinics_threads(
    client, colleague, admin, patient_record
):
    send_secure_message(patient=patient_record, body=SECRET, by=patient_record.user)
    for reader in (colleague, admin):
        client.force_login(reader)
        assert SECRET in client.get(thread_url(patient_record)).content.decode()


def test_an_unknown_patient_is_404_for_staff(therapist_client):
    import uuid

    missing = reverse("clinic:patient-thread", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.get(missing).status_code == 404


def test_messages_are_never_deleted(patient_record):
    message = send_secure_message(patient=patient_record, body="Keep me", by=patient_record.user)
    with pytest.raises(PermissionError):
        message.delete()
    with pytest.raises(ProtectedError):
        message.thread.delete()
    assert SecureMessage.objects.filter(pk=message.pk).exists()


# --- query counts -------------------------------------------------------------------------------


def _conversation(record, therapist, count):
    for n in range(count):
        author = record.user if n % 2 else therapist
        send_secure_message(patient=record, body=f"Message {n}", by=author)
    ClinicProfile.load()


@pytest.mark.parametrize("count", [1, 12, 50])
def test_portal_thread_query_count_is_constant(
    patient_client, patient_record, therapist, django_assert_num_queries, count
):
    _conversation(patient_record, therapist, count)
    # session, user, patient, thread, messages with authors, audit (1), read marker, clinic
    with django_assert_num_queries(8):
        response = patient_client.get(PORTAL)
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 12, 50])
def test_staff_thread_query_count_is_constant(
    therapist_client, patient_record, therapist, django_assert_num_queries, count
):
    _conversation(patient_record, therapist, count)
    # session, user, patient with therapist and account, thread, messages with authors,
    # audit (1), read marker, clinic
    with django_assert_num_queries(8):
        response = therapist_client.get(thread_url(patient_record))
    assert len(response.context["rows"]) == count
