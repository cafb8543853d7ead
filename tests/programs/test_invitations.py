"""Portal invitations: who may invite, the email, the one-time link, expiry and reuse."""

import re
from datetime import UTC, timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from clinic.invitations import (
    InvitationStatus,
    InvitationTokenGenerator,
    invitation_path,
    invitation_token_generator,
    invite_patient,
)
from clinic.models import AuditEvent, ClinicProfile, Patient, User
from tests.factories import PatientFactory

NEW_PASSWORD = "quiet harbour morning walk"


@pytest.fixture(autouse=True)
def huey_immediate():
    """The invitation goes through the outbox: with the worker in immediate mode, it is
    delivered as the invitation commits."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    HUEY.storage.flush_all()
    yield HUEY
    HUEY.storage.flush_all()
    HUEY.immediate = was


@pytest.fixture
def newcomer(therapist):
    """A patient with an email on record and no portal account yet."""
    ClinicProfile.objects.update_or_create(
        id=1, defaults={"name": "Harbor Clinic", "phone": "(617) 555-0142"}
    )
    return PatientFactory(
        first_name="Samira",
        last_name="Haddad",
        preferred_name="Sam",
        email="Samira.Haddad@Test.example",
        therapist=therapist,
    )


def _invite(client, patient, capture):
    with capture(execute=True):
        return client.post(reverse("clinic:patient-invite", kwargs={"uuid": patient.uuid}))


def _link_path(mail) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", mail.body).group(1)


def _freeze(monkeypatch, moment):
    """Patch the generator's clock (naive UTC, like the real one)."""
    naive_utc = moment.astimezone(UTC).replace(tzinfo=None)
    monkeypatch.setattr(InvitationTokenGenerator, "_now", lambda self: naive_utc)


# --- sending -----------------------------------------------------------------------------------


def test_therapist_invites_a_patient_who_gets_an_account_and_an_email(
    therapist_client, therapist, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    response = _invite(therapist_client, newcomer, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "clinic:patient-invitation", kwargs={"uuid": newcomer.uuid}
    )
    newcomer.refresh_from_db()
    user = newcomer.user
    assert user.email == "samira.haddad@test.example"
    assert user.role == User.Role.PATIENT
    assert user.first_name == "Sam"
    assert not user.has_usable_password()
    assert newcomer.invitation_count == 1
    assert newcomer.invited_by == therapist
    assert newcomer.invited_at is not None

    event = AuditEvent.objects.get(action="account_change")
    assert (event.user, event.patient) == (therapist, newcomer)
    assert "invitation 1 sent" in event.detail

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["samira.haddad@test.example"]
    assert "Hello Sam," in mail.body
    assert _link_path(mail) == invitation_path(newcomer)
    # No health information, and nothing else about the patient, travels by email.
    for private in ("Haddad", "Samira", str(newcomer.date_of_birth.year), "program", "pain"):
        assert private not in mail.body.replace("exercise program online", "")
        assert private not in mail.subject


def test_invite_is_post_only(therapist_client, newcomer):
    url = reverse("clinic:patient-invite", kwargs={"uuid": newcomer.uuid})
    assert therapist_client.get(url).status_code == 405


def test_invite_sends_anonymous_visitors_to_login(client, newcomer):
    url = reverse("clinic:patient-invite", kwargs={"uuid": newcomer.uuid})
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Patient.objects.get(pk=newcomer.pk).user is None


def test_patients_cannot_invite_or_see_invitations(patient_client, newcomer):
    invite = reverse("clinic:patient-invite", kwargs={"uuid": newcomer.uuid})
    page = reverse("clinic:patient-invitation", kwargs={"uuid": newcomer.uuid})
    assert patient_client.post(invite).status_code == 403
    assert patient_client.get(page).status_code == 403
    assert Patient.objects.get(pk=newcomer.pk).user is None


def test_invitation_of_an_unknown_patient_is_404(therapist_client, db):
    import uuid

    url = reverse("clinic:patient-invite", kwargs={"uuid": uuid.uuid4()})
    assert therapist_client.post(url).status_code == 404


def test_staff_page_shows_the_link_with_a_qr_code_to_print(
    therapist_client, newcomer, django_capture_on_commit_callbacks
):
    _invite(therapist_client, newcomer, django_capture_on_commit_callbacks)
    newcomer.refresh_from_db()
    response = therapist_client.get(
        reverse("clinic:patient-invitation", kwargs={"uuid": newcomer.uuid})
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert invitation_path(newcomer) in body
    assert "<svg" in body  # the QR code
    assert "data-print" in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_anonymous_visitors_cannot_see_the_invitation_page(client, newcomer):
    url = reverse("clinic:patient-invitation", kwargs={"uuid": newcomer.uuid})
    assert client.get(url).status_code == 302


def test_no_email_on_record_is_refused_with_a_message(
    therapist_client, newcomer, mailoutbox, django_capture_on_commit_callbacks
):
    Patient.objects.filter(pk=newcomer.pk).update(email="")
    response = _invite(therapist_client, newcomer, django_capture_on_commit_callbacks)
    follow = therapist_client.get(response["Location"])
    assert "has no email address" in follow.content.decode()
    assert Patient.objects.get(pk=newcomer.pk).user is None
    assert mailoutbox == []


def test_email_already_used_by_another_account_is_refused(newcomer, therapist):
    Patient.objects.filter(pk=newcomer.pk).update(email=therapist.email)
    newcomer.refresh_from_db()
    with pytest.raises(Exception, match="Another account already uses"):
        invite_patient(patient=newcomer, by=therapist)
    assert User.objects.filter(role=User.Role.PATIENT).count() == 0


def test_patient_with_a_password_is_not_invited_again(patient_record, therapist):
    with pytest.raises(Exception, match="already has a portal account"):
        invite_patient(patient=patient_record, by=therapist)
    patient_record.refresh_from_db()
    assert patient_record.invitation_count == 0


def test_archived_patient_is_not_invited(newcomer, therapist):
    from django.utils import timezone

    Patient.objects.filter(pk=newcomer.pk).update(archived_at=timezone.now())
    newcomer.refresh_from_db()
    with pytest.raises(Exception, match="archived"):
        invite_patient(patient=newcomer, by=therapist)


# --- accepting ---------------------------------------------------------------------------------


@pytest.fixture
def invited(newcomer, therapist, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return invite_patient(patient=newcomer, by=therapist)


def _open(client, url):
    """Follow the link: the token moves into the session and the page reloads without it."""
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("/set-password/")
    return response["Location"]


def test_patient_sets_a_password_and_lands_in_the_portal(client, invited):
    form_url = _open(client, invitation_path(invited))
    page = client.get(form_url)
    assert page.status_code == 200
    assert "Welcome, Sam" in page.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:portal-home")
    user = User.objects.get(pk=invited.user.pk)
    assert user.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert AuditEvent.objects.filter(
        action="account_change", user=user, detail__contains="password chosen"
    ).exists()
    assert client.get(reverse("programs:portal-home")).status_code == 200


def test_weak_password_is_refused_next_to_the_field(client, invited):
    form_url = _open(client, invitation_path(invited))
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.get(pk=invited.user.pk).has_usable_password()
    assert SESSION_KEY not in client.session


def test_used_link_says_so_and_gives_the_clinic_phone(client, invited):
    link = invitation_path(invited)
    form_url = _open(client, link)
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()

    response = client.get(link)
    body = response.content.decode()
    assert response.status_code == 200
    assert "no longer works" in body
    assert "already been used" in body
    assert "(617) 555-0142" in body
    assert 'href="tel:+16175550142"' in body


def test_link_expires_after_seven_days(client, invited, monkeypatch):
    link = invitation_path(invited)
    _freeze(monkeypatch, invited.invited_at + timedelta(days=7) - timedelta(minutes=1))
    assert invitation_token_generator.status(invited.user, link.split("/")[-2]) == "valid"
    assert client.get(link).status_code == 302

    _freeze(monkeypatch, invited.invited_at + timedelta(days=7, seconds=1))
    response = client.get(link)
    assert response.status_code == 200
    assert "has expired" in response.content.decode()
    # Also when the patient opened the form in time and sends it too late.
    form_url = link.rsplit("/", 2)[0] + "/set-password/"
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 200
    assert not User.objects.get(pk=invited.user.pk).has_usable_password()


def test_a_new_invitation_makes_the_old_link_stop_working(client, invited, therapist):
    old_link = invitation_path(invited)
    newer = invite_patient(patient=invited, by=therapist)
    new_link = invitation_path(newer)
    assert new_link != old_link
    assert newer.invitation_count == 2

    response = client.get(old_link)
    assert response.status_code == 200
    assert "newer invitation" in response.content.decode()
    assert client.get(new_link).status_code == 302


def test_the_shown_link_is_the_emailed_link(invited, mailoutbox):
    assert _link_path(mailoutbox[0]) == invitation_path(Patient.objects.get(pk=invited.pk))


@pytest.mark.parametrize(
    "uidb64,token",
    [
        ("bm9wZQ", "abc-123"),  # not a user
        ("!!!", "set-password"),  # not base64, and no token in the session
        ("MQ", "zzzzzzzzzzzzzz-notatoken"),
    ],
)
def test_garbage_links_show_the_friendly_page(client, db, uidb64, token):
    url = reverse("clinic:invitation-accept", kwargs={"uidb64": uidb64, "token": token})
    response = client.get(url)
    assert response.status_code == 200
    assert "no longer works" in response.content.decode()


def test_a_staff_users_id_never_gets_a_password_form(client, therapist, invited):
    token = invitation_path(invited).split("/")[-2]
    uid = urlsafe_base64_encode(force_bytes(therapist.pk))
    url = reverse("clinic:invitation-accept", kwargs={"uidb64": uid, "token": token})
    assert "no longer works" in client.get(url).content.decode()


def test_switched_off_account_cannot_use_its_link(client, invited):
    User.objects.filter(pk=invited.user.pk).update(is_active=False)
    response = client.get(invitation_path(invited))
    assert response.status_code == 200
    assert "no longer works" in response.content.decode()


def test_token_status_distinguishes_expired_from_invalid(invited, monkeypatch):
    user = User.objects.get(pk=invited.user.pk)
    token = invitation_token_generator.make_token(user)
    assert invitation_token_generator.status(user, token) == InvitationStatus.VALID
    tampered = token[:-1] + ("1" if token.endswith("0") else "0")
    assert invitation_token_generator.status(user, tampered) == InvitationStatus.INVALID
    _freeze(monkeypatch, invited.invited_at + timedelta(days=8))
    assert invitation_token_generator.status(user, token) == InvitationStatus.EXPIRED
    assert invitation_token_generator.check_token(user, token) is False
