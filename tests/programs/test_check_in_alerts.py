"""A worrying check-in alerts staff at once by email (the therapist and the clinic's alert
address), with no clinical detail in the email; the patient reads exactly what was done."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, OutboxMessage, Patient, User
from programs.services import record_check_in
from tests.programs.portal_helpers import log_on, program_with

Kind, Status = OutboxMessage.Kind, OutboxMessage.Status
EMAILED_THERAPIST = "We have emailed your therapist. If you have emergency symptoms, call 911 now."
EMAILED_CLINIC = "We have emailed your clinic. If you have emergency symptoms, call 911 now."
NOBODY = (
    "Your clinic will see this when they next open Restore. If you have emergency symptoms, "
    "call 911 now."
)


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
def program(patient_record):
    return program_with(patient_record, items=2)


@pytest.fixture
def alert_address(db):
    ClinicProfile.objects.update_or_create(id=1, defaults={"alert_email": "alerts@test.example"})
    return "alerts@test.example"


def url(program):
    return reverse("programs:portal-log", kwargs={"uuid": program.uuid})


def answers(**overrides):
    data = {
        "exercises_done": ["1"],
        "back_pain": "3",
        "leg_pain": "4",
        "leg_symptoms": "same",
        "comment": "",
        "none_of_these": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def emergency(**overrides):
    return answers(emergency=["ces_bladder"], none_of_these=None, **overrides)


def notices(response) -> list[str]:
    return [m.message for m in response.context["messages"] if m.level_tag == "info"]


def alerts():
    return OutboxMessage.objects.filter(kind=Kind.STAFF_ALERT).order_by("pk")


# --- red flags --------------------------------------------------------------------------------


def test_an_emergency_answer_emails_the_therapist_and_says_so(
    patient_client, therapist, program, huey_immediate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = patient_client.post(url(program), emergency())
    body = response.content.decode()
    assert EMAILED_THERAPIST in body
    assert "has been alerted" not in body

    [message] = alerts()
    assert (message.recipient, message.address, message.status) == (
        therapist,
        therapist.email,
        Status.SENT,
    )
    [email] = mail.outbox
    assert email.to == [therapist.email]
    assert "Hello Tess," in email.body
    patient_page = program.patient.get_absolute_url()
    assert f"?next={patient_page}" in email.body
    # The link's random uuid may hold any digits ("…51911e…"): read the words around it.
    words = email.body.replace(patient_page, "")
    for private in ("Rivera", "Pat,", "Pat ", "bladder", "911", "pain", "Sciatica"):
        assert private not in words
        assert private not in email.subject


def test_the_clinics_alert_address_is_emailed_too_as_staff(
    patient_client,
    therapist,
    program,
    alert_address,
    huey_immediate,
    django_capture_on_commit_callbacks,
):
    Patient.objects.filter(pk=program.patient_id).update(language="Spanish")
    with django_capture_on_commit_callbacks(execute=True):
        patient_client.post(url(program), emergency())
    to_therapist, to_clinic = alerts()
    assert to_clinic.address == alert_address
    assert to_clinic.recipient is None
    assert to_clinic.patient_id == program.patient_id  # about the patient, not to them
    email = next(e for e in mail.outbox if e.to == [alert_address])
    assert email.body.startswith("Hello,")  # not the patient's name, nor their language
    assert to_clinic.language == settings.LANGUAGE_CODE
    assert "Rivera" not in email.body


def test_without_a_therapist_the_clinic_address_alone_is_emailed(
    patient_client, program, alert_address
):
    Patient.objects.filter(pk=program.patient_id).update(therapist=None)
    User.objects.filter(pk=program.therapist_id).update(is_active=False)
    response = patient_client.post(url(program), emergency())
    assert EMAILED_CLINIC in response.content.decode()
    [message] = alerts()
    assert message.address == alert_address


def test_with_nobody_to_email_the_patient_is_told_the_truth(patient_client, program):
    Patient.objects.filter(pk=program.patient_id).update(therapist=None)
    User.objects.filter(pk=program.therapist_id).update(is_active=False)
    response = patient_client.post(url(program), emergency())
    body = response.content.decode()
    assert NOBODY in body
    assert "emailed" not in body
    assert not alerts().exists()


def test_an_urgent_answer_alerts_too(patient_client, program):
    response = patient_client.post(
        url(program), answers(urgent=["infection_fever"], none_of_these=None)
    )
    assert EMAILED_THERAPIST in response.content.decode()
    assert alerts().count() == 1


def test_saying_yes_again_the_same_day_sends_no_second_alert(patient_client, program):
    patient_client.post(url(program), emergency())
    response = patient_client.post(url(program), emergency())
    assert EMAILED_THERAPIST in response.content.decode()  # still true: it was emailed today
    assert alerts().count() == 1


def test_a_yes_with_an_incomplete_log_still_alerts(patient_client, program):
    patient_client.post(url(program), emergency(back_pain=None))
    assert alerts().count() == 1


def test_the_alert_is_written_in_the_check_ins_transaction(program, patient):
    """No email without the flag: the service writes both or neither."""
    with pytest.raises(ValueError):
        record_check_in(
            program=program,
            by=patient,
            safety_answers={"ces_bladder": True, "not_a_question": True},
            log=None,
        )
    assert not alerts().exists()


# --- worrying logs ----------------------------------------------------------------------------


def test_symptoms_further_down_the_leg_alert_the_therapist(patient_client, therapist, program):
    response = patient_client.post(url(program), answers(leg_symptoms="further_down"), follow=True)
    assert notices(response) == [EMAILED_THERAPIST]
    [message] = alerts()
    assert message.recipient == therapist


def test_pain_up_by_two_since_the_first_log_alerts_the_therapist(patient_client, program):
    log_on(program, timezone.localdate() - timedelta(days=5), back=2, leg=3)
    response = patient_client.post(url(program), answers(back_pain="4"), follow=True)
    assert notices(response) == [EMAILED_THERAPIST]
    assert alerts().count() == 1


def test_a_steady_log_alerts_nobody(patient_client, program):
    log_on(program, timezone.localdate() - timedelta(days=5), back=3, leg=4)
    response = patient_client.post(url(program), answers(back_pain="4"), follow=True)
    assert notices(response) == []
    assert not alerts().exists()


def test_a_worrying_log_with_nobody_to_email_says_the_clinic_will_see_it(patient_client, program):
    Patient.objects.filter(pk=program.patient_id).update(therapist=None)
    User.objects.filter(pk=program.therapist_id).update(is_active=False)
    response = patient_client.post(url(program), answers(leg_symptoms="further_down"), follow=True)
    assert notices(response) == [NOBODY]


# --- the clinic's alert address -----------------------------------------------------------------


def test_the_clinic_admin_sets_the_alert_address_on_the_clinic_details_page(admin_client_, db):
    page = admin_client_.get(reverse("clinic:clinic-profile")).content.decode()
    assert 'name="alert_email"' in page
    response = admin_client_.post(
        reverse("clinic:clinic-profile"),
        {"name": "Harbor Clinic", "alert_email": "frontdesk@test.example", "nudge_after_days": 4},
    )
    assert response.status_code == 302
    assert ClinicProfile.load().alert_email == "frontdesk@test.example"
