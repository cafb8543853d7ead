"""Publishing tells the patient: "ready" on the first version, "updated" later, by email only
when they can act on it, and never with health information; what changed is in the portal.
The therapist reads what really happened, with a way to invite a patient who has no account."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from clinic.models import OutboxMessage, Patient, User
from programs.services import PortalReach, portal_reach, publish_program
from tests.factories import (
    ExerciseFactory,
    PatientFactory,
    ProgramFactory,
    ProgramItemFactory,
    published_program,
    screened,
)

Kind = OutboxMessage.Kind


@pytest.fixture
def huey_immediate():
    """Tasks run in the test's thread as they are queued (delivery after commit)."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    HUEY.storage.flush_all()
    yield HUEY
    HUEY.storage.flush_all()
    HUEY.immediate = was


@pytest.fixture
def reachable(patient_record):
    """The cast patient (an account with a password) who agreed to email."""
    Patient.objects.filter(pk=patient_record.pk).update(consent_email=True)
    patient_record.refresh_from_db()
    return patient_record


def draft_for(patient, exercise_name="Bird dog"):
    program = ProgramFactory(patient=screened(patient))
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name=exercise_name), order=0)
    return program


def publish_page(client, program):
    program.refresh_from_db()
    return client.post(
        reverse("programs:program-publish", kwargs={"uuid": program.uuid}),
        {"version": program.version},
    )


def flash(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def assert_no_health_information(email, *private):
    for text in (email.subject, email.body, email.alternatives[0][0]):
        for word in private:
            assert word not in text


# --- the email --------------------------------------------------------------------------------


@pytest.mark.usefixtures("huey_immediate")
def test_the_first_version_emails_that_the_program_is_ready(
    reachable, django_capture_on_commit_callbacks
):
    program = draft_for(reachable, "Bird dog")
    with django_capture_on_commit_callbacks(execute=True):
        publish_program(program=program, by=program.therapist)

    message = OutboxMessage.objects.get()
    assert message.kind == Kind.PROGRAM_READY
    assert message.idempotency_key == f"program_ready:{program.uuid}"
    assert message.status == OutboxMessage.Status.SENT
    [email] = mail.outbox
    assert email.to == ["pat@test.example"]
    assert "Hello Pat," in email.body
    portal = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    assert f"?next={portal}" in email.body
    assert_no_health_information(email, "Bird dog", "Rivera", "Sciatica", "pain")


@pytest.mark.usefixtures("huey_immediate")
def test_a_later_version_emails_only_that_it_was_updated(
    reachable, django_capture_on_commit_callbacks
):
    program = published_program(patient=reachable, items=1)
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name="Clamshell"), order=5)
    with django_capture_on_commit_callbacks(execute=True):
        revision = publish_program(program=program, by=program.therapist)

    message = OutboxMessage.objects.get(kind=Kind.PROGRAM_UPDATED)
    assert message.idempotency_key == f"program_updated:{revision.uuid}"
    [email] = [e for e in mail.outbox if "updated" in e.subject]
    assert "has updated your home exercise program" in email.body
    assert_no_health_information(email, "Clamshell", "Added", "Rivera", "position")


def test_each_version_is_one_message_and_the_first_is_ready(reachable):
    program = published_program(patient=reachable, items=1)
    ProgramItemFactory(program=program, order=5)
    publish_program(program=program, by=program.therapist)
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == [Kind.PROGRAM_READY, Kind.PROGRAM_UPDATED]


def test_a_refused_publish_writes_no_message(reachable):
    program = ProgramFactory(patient=screened(reachable))  # no exercises: refused
    with pytest.raises(Exception, match="at least one exercise"):
        publish_program(program=program, by=program.therapist)
    assert not OutboxMessage.objects.exists()


def test_no_email_without_the_patients_consent(patient_record):
    assert not patient_record.consent_email
    published_program(patient=patient_record, items=1)
    assert portal_reach(patient_record) == PortalReach.NO_EMAIL_CONSENT
    assert not OutboxMessage.objects.exists()


def test_no_email_before_the_patient_has_an_account(therapist):
    newcomer = PatientFactory(therapist=therapist, consent_email=True)
    published_program(patient=newcomer, items=1)
    assert portal_reach(newcomer) == PortalReach.NOT_INVITED
    assert not OutboxMessage.objects.exists()


def test_no_email_while_the_invitation_is_not_accepted(therapist):
    from clinic.invitations import invite_patient

    newcomer = PatientFactory(therapist=therapist, consent_email=True)
    invite_patient(patient=newcomer, by=therapist)
    newcomer.refresh_from_db()
    published_program(patient=newcomer, items=1)
    assert portal_reach(newcomer) == PortalReach.INVITED
    assert not OutboxMessage.objects.filter(kind=Kind.PROGRAM_READY).exists()


def test_no_email_to_a_switched_off_account(reachable):
    User.objects.filter(pk=reachable.user_id).update(is_active=False)
    reachable.refresh_from_db()
    published_program(patient=reachable, items=1)
    assert portal_reach(reachable) == PortalReach.ACCOUNT_OFF
    assert not OutboxMessage.objects.exists()


# --- what the therapist reads -----------------------------------------------------------------


def test_publishing_for_an_emailed_patient_says_they_are_being_emailed(therapist_client, reachable):
    response = publish_page(therapist_client, draft_for(reachable))
    assert response.status_code == 302
    text = flash(response)
    assert "Version 1 is published. Pat Rivera is being emailed that their program is ready" in text
    assert "sees it now" not in text


def test_without_email_consent_the_patient_sees_it_at_next_sign_in(
    therapist_client, patient_record
):
    text = flash(publish_page(therapist_client, draft_for(patient_record)))
    assert "sees it the next time they sign in" in text
    assert "no email was sent" in text
    assert "sees it now" not in text


def test_a_patient_without_an_account_prompts_an_invitation(therapist_client, therapist):
    newcomer = PatientFactory(therapist=therapist, first_name="Nia", last_name="Lowe")
    text = flash(publish_page(therapist_client, draft_for(newcomer)))
    invitation = reverse("clinic:patient-invitation", kwargs={"uuid": newcomer.uuid})
    assert "Nia Lowe has no portal account yet" in text
    assert f'<a href="{invitation}">Invite them to the portal</a>' in text
    assert "sees it" not in text


def test_an_invited_patient_who_has_not_accepted_prompts_a_new_invitation(
    therapist_client, therapist
):
    from clinic.invitations import invite_patient

    newcomer = PatientFactory(therapist=therapist)
    invite_patient(patient=newcomer, by=therapist)
    text = flash(publish_page(therapist_client, draft_for(newcomer)))
    assert "has not accepted their portal invitation yet" in text
    assert "Send the invitation again" in text


def test_a_patient_without_an_email_address_is_asked_for_one(therapist_client, therapist):
    newcomer = PatientFactory(therapist=therapist, email="", first_name="<b>Al</b>")
    response = publish_page(therapist_client, draft_for(newcomer))
    text = flash(response)
    assert "has no email address on record" in text
    assert "&lt;b&gt;Al&lt;/b&gt;" in text  # the name is escaped, only our link is HTML
    page = therapist_client.get(response["Location"]).content.decode()
    assert "Add their email address" in page
    assert "<b>Al</b>" not in page


# --- what's new, in the portal ----------------------------------------------------------------


def test_the_portal_shows_whats_new_in_the_updated_version(patient_client, reachable):
    program = published_program(patient=reachable, items=1)
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name="Clamshell"), order=5)
    publish_program(program=program, by=program.therapist)
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "What&#x27;s new in version 2" in body or "What's new in version 2" in body
    assert "Added Clamshell at position 2" in body


def test_the_first_version_has_no_whats_new(patient_client, reachable):
    program = published_program(patient=reachable, items=1)
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    assert "new in version" not in response.content.decode()


def test_whats_new_leaves_out_the_clinicians_override_notes(patient_client, reachable):
    program = published_program(patient=reachable, items=1)
    item = program.items.get()
    item.override_reason = "Cleared by the surgeon at the twelve-week review."
    item.reps = 12
    item.save()
    publish_program(program=program, by=program.therapist)
    response = patient_client.get(reverse("programs:portal-program", kwargs={"uuid": program.uuid}))
    body = response.content.decode()
    assert "reps 10 → 12" in body
    assert "Cleared by the surgeon" not in body
