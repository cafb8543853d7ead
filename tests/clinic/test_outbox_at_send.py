"""Invitations and staff welcomes go through the outbox, written when they are sent: their
one-time link is never stored, and one that should no longer go is withdrawn, not sent."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from clinic.invitations import accept_invitation, invitation_path, invite_patient
from clinic.models import OutboxMessage, Patient, User
from clinic.outbox import delivery
from clinic.outbox.at_send import PLACEHOLDER
from clinic.outbox.services import resend_message
from clinic.services import create_staff_member
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db
Kind, Status = OutboxMessage.Kind, OutboxMessage.Status
TOKEN = re.compile(r"/invitation/|/password/reset/|-[0-9a-f]{20,}")


@pytest.fixture
def newcomer(therapist):
    return PatientFactory(
        first_name="Samira", preferred_name="Sam", last_name="Haddad", therapist=therapist
    )


def invite(patient, by, capture):
    with capture(execute=True):
        return invite_patient(patient=patient, by=by)


def stored_text(message: OutboxMessage) -> str:
    row = OutboxMessage.objects.filter(pk=message.pk).values().get()
    return " ".join(str(value) for value in row.values())


# --- invitations --------------------------------------------------------------------------------


def test_an_invitation_row_holds_no_link(newcomer, therapist, huey_queue, capture):
    invite(newcomer, therapist, capture)
    message = OutboxMessage.objects.get(kind=Kind.INVITATION)
    assert message.status == Status.PENDING
    assert message.subject == "Your invitation from Restore Clinic"
    assert message.body_text == PLACEHOLDER and message.body_html == ""
    assert message.address == newcomer.email.lower()
    assert not TOKEN.search(stored_text(message))
    assert huey_queue.pending_count() == 1  # the web process only queued it
    assert mail.outbox == []


def test_the_worker_writes_the_invitation_with_its_link_when_it_sends_it(
    newcomer, therapist, huey_immediate, capture
):
    invite(newcomer, therapist, capture)
    newcomer.refresh_from_db()
    message = OutboxMessage.objects.get(kind=Kind.INVITATION)
    assert message.status == Status.SENT
    [email] = mail.outbox
    assert email.subject == "Your invitation from Restore Clinic"
    assert email.extra_headers["Message-ID"] == message.message_id
    assert "Hello Sam," in email.body
    assert invitation_path(newcomer) in email.body
    assert invitation_path(newcomer) in email.alternatives[0][0]
    assert "Haddad" not in email.body
    assert not TOKEN.search(stored_text(message))  # still not stored after sending


def test_a_newer_invitation_withdraws_the_one_not_yet_sent(
    newcomer, therapist, huey_queue, capture
):
    invite(newcomer, therapist, capture)
    invite(Patient.objects.get(pk=newcomer.pk), therapist, capture)
    first, second = OutboxMessage.objects.filter(kind=Kind.INVITATION).order_by("pk")

    assert delivery.deliver(first.pk).status == Status.CANCELLED
    assert delivery.deliver(second.pk).status == Status.SENT
    first.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert "a newer invitation replaced this one" in first.last_error
    [email] = mail.outbox  # one email, with the link that works
    newcomer.refresh_from_db()
    assert invitation_path(newcomer) in email.body


def test_an_invitation_accepted_before_it_was_sent_is_withdrawn(
    newcomer, therapist, huey_queue, capture
):
    invite(newcomer, therapist, capture)
    newcomer.refresh_from_db()
    accept_invitation(user=newcomer.user, password="quiet harbour morning walk")
    message = OutboxMessage.objects.get(kind=Kind.INVITATION)
    assert delivery.deliver(message.pk).status == Status.CANCELLED
    message.refresh_from_db()
    assert "already chosen a password" in message.last_error
    assert mail.outbox == []


def test_a_failed_invitation_resent_is_written_afresh(newcomer, therapist, huey_queue, capture):
    invite(newcomer, therapist, capture)
    message = OutboxMessage.objects.get(kind=Kind.INVITATION)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.FAILED, next_attempt_at=None, last_error="Attempt 6: 451 try later"
    )
    resend_message(message=OutboxMessage.objects.get(pk=message.pk), by=therapist)
    assert delivery.deliver(message.pk).status == Status.SENT
    newcomer.refresh_from_db()
    assert invitation_path(newcomer) in mail.outbox[0].body


# --- the staff welcome ------------------------------------------------------------------------


def welcome(admin, capture):
    with capture(execute=True):
        return create_staff_member(
            first_name="Nia",
            last_name="Park",
            email="nia.park@test.example",
            role=User.Role.THERAPIST,
            by=admin,
        )


def test_the_staff_welcome_row_holds_no_link(admin, huey_queue, capture):
    user = welcome(admin, capture)
    message = OutboxMessage.objects.get(kind=Kind.STAFF_WELCOME)
    assert (message.recipient, message.address, message.patient) == (user, user.email, None)
    assert message.subject == "Your Restore Clinic staff account"
    assert message.body_text == PLACEHOLDER
    assert not TOKEN.search(stored_text(message))


def test_the_staff_welcome_is_sent_with_a_link_to_choose_a_password(
    admin, client, huey_immediate, capture
):
    user = welcome(admin, capture)
    [email] = mail.outbox
    assert email.to == ["nia.park@test.example"]
    assert "Hello Nia," in email.body
    assert "created for you on Restore (nia.park@test.example)" in email.body
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", email.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    assert not user.has_usable_password()
    assert OutboxMessage.objects.get(kind=Kind.STAFF_WELCOME).status == Status.SENT


def test_a_welcome_for_an_account_that_has_a_password_by_then_is_withdrawn(
    admin, huey_queue, capture
):
    user = welcome(admin, capture)
    user.set_password("a chosen password 42")
    user.save()
    message = OutboxMessage.objects.get(kind=Kind.STAFF_WELCOME)
    assert delivery.deliver(message.pk).status == Status.CANCELLED
    assert mail.outbox == []


def test_the_clinic_admin_sees_a_withdrawn_message_with_its_reason(
    admin, admin_client_, newcomer, therapist, huey_queue, capture
):
    invite(newcomer, therapist, capture)
    invite(Patient.objects.get(pk=newcomer.pk), therapist, capture)
    first = OutboxMessage.objects.filter(kind=Kind.INVITATION).order_by("pk").first()
    delivery.deliver(first.pk)
    page = admin_client_.get(reverse("clinic:delivery-list")).content.decode()
    assert "Portal invitation" in page
    assert "a newer invitation replaced this one" in page


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
