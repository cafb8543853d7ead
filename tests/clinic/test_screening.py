"""The publishing gate's question: a signed, recent red-flag screen and consent to a home program.

Worked examples of clinic/screening.py: the rule from plain data (`assess_screening`), then
the same rule read from a patient's intakes and re-assessments (`screening_status`).
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from clinic.models import ClinicProfile, Intake
from clinic.reassessment.models import Reassessment
from clinic.screening import Gap, Screen, assess_screening, screening_status
from tests.factories import IntakeFactory, PatientFactory, screened

TODAY = date(2026, 12, 6)


def _screen(days_ago: int, *, signed: bool = True, kind: str = "intake") -> Screen:
    return Screen(
        kind=kind,
        on=TODAY - timedelta(days=days_ago),
        signed=signed,
        url=f"/{kind}/{days_ago}/",
        label=kind,
    )


def _assess(screens, *, consent=True, window=90):
    return assess_screening(
        screens=screens,
        consent_home_program=consent,
        today=TODAY,
        window_days=window,
        start_url="/start/",
    )


# --- the rule, from plain data ----------------------------------------------------------------


def test_no_screen_at_all_sends_the_clinician_to_start_the_intake():
    status = _assess([])
    assert not status.ok and status.code == Gap.NO_SCREEN
    assert status.action_url == "/start/"
    assert "no intake" in status.message


def test_a_signed_screen_within_the_window_with_consent_is_enough():
    status = _assess([_screen(10)])
    assert status.ok and status.code == "ok"
    assert status.screen.on == TODAY - timedelta(days=10)
    assert status.valid_until == TODAY + timedelta(days=80)


def test_the_window_counts_whole_days_and_its_last_day_still_counts():
    assert _assess([_screen(90)]).ok
    expired = _assess([_screen(91)])
    assert expired.code == Gap.EXPIRED
    assert "more than 90 days ago" in expired.message
    assert expired.action_url == "/start/"


def test_an_expired_screen_after_a_signed_intake_offers_a_reassessment():
    status = assess_screening(
        screens=[_screen(120)],
        consent_home_program=True,
        today=TODAY,
        window_days=90,
        start_url="/start/",
        reassess_url="/reassess/",
    )
    assert status.code == Gap.EXPIRED
    assert (status.action_label, status.action_url) == ("Start a re-assessment", "/reassess/")


def test_the_clinic_window_is_used():
    assert _assess([_screen(20)], window=14).code == Gap.EXPIRED
    assert _assess([_screen(20)], window=30).ok


def test_an_unsigned_intake_does_not_count_and_links_to_finishing_it():
    status = _assess([_screen(2, signed=False)])
    assert status.code == Gap.UNSIGNED
    assert status.action_url == "/intake/2/"


def test_a_draft_newer_than_an_expired_screen_asks_to_finish_the_draft():
    assert _assess([_screen(200), _screen(1, signed=False)]).code == Gap.UNSIGNED


def test_a_current_signed_screen_counts_even_with_a_newer_draft():
    assert _assess([_screen(30), _screen(1, signed=False)]).ok


def test_without_consent_to_a_home_program_it_is_refused_even_when_screened():
    status = _assess([_screen(3)], consent=False)
    assert status.code == Gap.NO_CONSENT
    assert "consent" in status.message


def test_a_signed_reassessment_renews_an_old_intakes_screen():
    status = _assess([_screen(200), _screen(5, kind="reassessment")])
    assert status.ok and status.screen.kind == "reassessment"


# --- read from the patient's record -----------------------------------------------------------


@pytest.mark.django_db
def test_a_patient_with_no_intake_has_no_screen():
    assert screening_status(PatientFactory()).code == Gap.NO_SCREEN


@pytest.mark.django_db
def test_a_draft_intake_is_not_a_screen():
    patient = PatientFactory()
    intake = IntakeFactory(patient=patient)
    status = screening_status(patient)
    assert status.code == Gap.UNSIGNED
    assert status.action_url == intake.get_absolute_url()


@pytest.mark.django_db
def test_a_signed_intake_with_consent_is_a_screen():
    patient = screened(PatientFactory())
    assert screening_status(patient).ok


@pytest.mark.django_db
def test_an_intake_signed_before_the_consent_question_is_not_consent():
    patient = screened(PatientFactory(), consent_home_program=False)
    assert screening_status(patient).code == Gap.NO_CONSENT


@pytest.mark.django_db
def test_the_screen_expires_after_the_clinics_window():
    patient = screened(PatientFactory(), on=timezone.localdate() - timedelta(days=40))
    assert screening_status(patient).ok
    profile = ClinicProfile.load()
    profile.screening_window_days = 30
    profile.save()
    status = screening_status(patient)
    assert status.code == Gap.EXPIRED and status.window_days == 30
    assert screening_status(patient, window_days=60).ok


@pytest.mark.django_db
def test_consent_is_read_from_the_latest_signed_intake():
    patient = screened(PatientFactory(), on=timezone.localdate() - timedelta(days=20))
    screened(patient, consent_home_program=False)  # a newer signed intake says no
    assert screening_status(patient).code == Gap.NO_CONSENT


def _reassessment(patient, *, days_ago: int, signed: bool = True, screened_in_full: bool = True):
    intake = patient.intakes.filter(status=Intake.Status.SIGNED).first()
    now = timezone.now()
    return Reassessment.objects.create(
        patient=patient,
        intake=intake,
        performed_by=patient.therapist,
        visit_date=timezone.localdate() - timedelta(days=days_ago),
        status=Reassessment.Status.SIGNED if signed else Reassessment.Status.DRAFT,
        screened_at=now if screened_in_full else None,
        patient_change="Walking further.",
        plan=Reassessment.Plan.CONTINUE,
        signed_at=now if signed else None,
        signed_by=patient.therapist if signed else None,
    )


@pytest.mark.django_db
def test_a_signed_reassessment_with_its_red_flag_screen_renews_the_screen():
    patient = screened(PatientFactory(), on=timezone.localdate() - timedelta(days=120))
    expired = screening_status(patient)
    assert expired.code == Gap.EXPIRED
    assert expired.action_url == f"/patients/{patient.uuid}/reassessments/new/"
    visit = _reassessment(patient, days_ago=3)
    status = screening_status(patient)
    assert status.ok
    assert status.screen.kind == "reassessment"
    assert status.screen.url.endswith(f"/reassessments/{visit.uuid}/")


@pytest.mark.django_db
def test_a_draft_or_unscreened_reassessment_does_not_count():
    patient = screened(PatientFactory(), on=timezone.localdate() - timedelta(days=120))
    _reassessment(patient, days_ago=3, signed=False)
    _reassessment(patient, days_ago=2, signed=False, screened_in_full=False)
    assert screening_status(patient).code == Gap.EXPIRED


@pytest.mark.django_db
def test_a_reassessment_does_not_replace_consent():
    patient = screened(
        PatientFactory(),
        on=timezone.localdate() - timedelta(days=120),
        consent_home_program=False,
    )
    _reassessment(patient, days_ago=3)
    assert screening_status(patient).code == Gap.NO_CONSENT


# --- consent to a home program, taken when the intake is signed --------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("ticked", [True, False])
def test_signing_the_intake_records_the_home_program_consent(
    therapist_client, therapist, patient_record, ticked
):
    from django.urls import reverse

    from tests.clinic import intake_data

    intake = intake_data.ready_to_sign(patient_record, therapist)
    sign_url = reverse("clinic:intake-sign", kwargs={"uuid": intake.uuid})
    page = therapist_client.get(sign_url).content.decode()
    assert "I agree to follow a home exercise program" in page
    post = {
        "consent_treatment": "on",
        "consent_privacy": "on",
        "signer": "patient",
        "signature_name": patient_record.full_name,
    }
    if ticked:
        post["consent_home_program"] = "on"
    assert therapist_client.post(sign_url, post).status_code == 302
    intake.refresh_from_db()
    assert intake.is_signed and intake.consent_home_program is ticked
    detail = therapist_client.get(intake.get_absolute_url()).content.decode()
    said = "Agrees" if ticked else "Has not agreed"
    assert f"{said} to follow a home exercise program" in detail.replace(
        '<i class="bi bi-check-lg" aria-hidden="true"></i> ', ""
    ).replace('<i class="bi bi-x-lg" aria-hidden="true"></i> ', "")
    status = screening_status(patient_record)
    assert status.ok is ticked
    assert status.code == ("ok" if ticked else Gap.NO_CONSENT)
