"""No program without a screen: `publish_program` refuses a patient with no signed, recent
red-flag screen or no consent to a home program; the builder says why and what to do; a
therapist may override with a written reason, which is kept on the revision, shown and audited.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import AuditEvent, ClinicProfile
from clinic.screening import Gap
from programs import services
from programs.models import Program, ProgramRevision
from tests.factories import (
    IntakeFactory,
    PatientFactory,
    ProgramFactory,
    ProgramItemFactory,
    RedFlagFactory,
    screened,
)
from tests.programs.builder_helpers import url

REASON = "Screened in person today: no red flags; the intake is being typed up tomorrow."


def _draft(patient=None, items: int = 2) -> Program:
    program = ProgramFactory(patient=patient or PatientFactory())
    for n in range(items):
        ProgramItemFactory(program=program, order=n)
    return program


def _refused_code(program, by, **kwargs) -> str:
    with pytest.raises(ValidationError) as raised:
        services.publish_program(program=program, by=by, **kwargs)
    assert not ProgramRevision.objects.filter(program=program).exists()
    assert not AuditEvent.objects.filter(action="publish").exists()
    return raised.value.code


# --- the service ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_patient_with_no_intake_is_refused(therapist):
    program = _draft()
    assert _refused_code(program, therapist) == Gap.NO_SCREEN
    program.refresh_from_db()
    assert program.status == Program.Status.DRAFT and program.version == 1


@pytest.mark.django_db
def test_an_unsigned_intake_is_refused(therapist):
    patient = PatientFactory()
    IntakeFactory(patient=patient)
    assert _refused_code(_draft(patient), therapist) == Gap.UNSIGNED


@pytest.mark.django_db
def test_a_screen_older_than_the_clinics_window_is_refused(therapist):
    patient = screened(PatientFactory(), on=timezone.localdate() - timedelta(days=91))
    assert _refused_code(_draft(patient), therapist) == Gap.EXPIRED
    profile = ClinicProfile.load()
    profile.screening_window_days = 120
    profile.save()
    assert services.publish_program(program=_draft(patient), by=therapist).number == 1


@pytest.mark.django_db
def test_no_consent_to_a_home_program_is_refused(therapist):
    patient = screened(PatientFactory(), consent_home_program=False)
    assert _refused_code(_draft(patient), therapist) == Gap.NO_CONSENT


@pytest.mark.django_db
def test_a_signed_intake_in_the_window_with_consent_is_accepted(therapist):
    patient = screened(PatientFactory(), on=timezone.localdate() - timedelta(days=90))
    revision = services.publish_program(program=_draft(patient), by=therapist)
    assert revision.number == 1
    assert revision.screening_gap == "" and revision.screening_override_reason == ""
    event = AuditEvent.objects.get(action="publish")
    assert event.detail == ""


@pytest.mark.django_db
def test_a_reason_given_when_the_gate_is_open_is_not_recorded_as_an_override(therapist):
    patient = screened(PatientFactory())
    revision = services.publish_program(
        program=_draft(patient), by=therapist, screening_override_reason=REASON
    )
    assert revision.screening_gap == "" and revision.screening_override_reason == ""


@pytest.mark.django_db
def test_a_therapist_overrides_with_a_written_reason_recorded_and_audited(therapist):
    program = _draft()
    revision = services.publish_program(
        program=program, by=therapist, screening_override_reason=f"  {REASON}\n"
    )
    assert revision.screening_gap == Gap.NO_SCREEN
    assert revision.screening_override_reason == REASON
    assert revision.published_by == therapist and revision.published_at
    assert revision.screening_gap_label == "no red-flag screen"
    event = AuditEvent.objects.get(action="publish")
    assert event.user == therapist and event.patient == program.patient
    assert event.detail == (
        f"published without a current screen (no red-flag screen); reason: {REASON}"
    )


@pytest.mark.django_db
def test_an_override_reason_too_short_is_refused(therapist):
    code = _refused_code(_draft(), therapist, screening_override_reason="seen him")
    assert code == "override_too_short"


@pytest.mark.django_db
def test_only_a_clinician_can_override(admin):
    code = _refused_code(_draft(), admin, screening_override_reason=REASON)
    assert code == "override_not_allowed"


@pytest.mark.django_db
def test_an_override_never_opens_the_clearance_block(therapist):
    patient = PatientFactory()
    RedFlagFactory(patient=patient, tier="E")
    code = _refused_code(_draft(patient), therapist, screening_override_reason=REASON)
    assert code == "needs_clearance"


@pytest.mark.django_db
def test_each_publish_is_checked_again(therapist):
    program = _draft()
    services.publish_program(program=program, by=therapist, screening_override_reason=REASON)
    ProgramItemFactory(program=program, order=5)
    program.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        services.publish_program(program=program, by=therapist)
    assert raised.value.code == Gap.NO_SCREEN
    screened(program.patient)
    revision = services.publish_program(program=program, by=therapist)
    assert revision.number == 2 and revision.screening_gap == ""


# --- the builder and the program pages --------------------------------------------------------


def test_builder_says_why_and_links_to_starting_the_intake(therapist_client):
    program = _draft()
    patient = program.patient
    content = therapist_client.get(url("program-builder", program)).content.decode()
    assert "Not screened for a home program yet" in content
    assert "No red-flag screen on file: this patient has no intake yet." in content
    assert f'href="/patients/{patient.uuid}/intakes/new/"' in content
    assert "Start the intake" in content
    assert 'disabled aria-describedby="publish-blocked"' in content
    assert "Publishing is blocked: no red-flag screen." in content
    assert "Override with a reason" in content
    assert 'name="screening_override_reason"' in content


def test_builder_links_to_finishing_an_unsigned_intake(therapist_client):
    patient = PatientFactory()
    intake = IntakeFactory(patient=patient)
    content = therapist_client.get(url("program-builder", _draft(patient))).content.decode()
    assert "is not signed yet" in content
    assert f'href="{intake.get_absolute_url()}"' in content
    assert "Finish the intake" in content


def test_builder_of_a_screened_patient_shows_no_gate(therapist_client):
    program = _draft(screened(PatientFactory()))
    content = therapist_client.get(url("program-builder", program)).content.decode()
    assert "Not screened for a home program yet" not in content
    assert 'disabled aria-describedby="publish-blocked"' not in content


def test_the_status_bar_an_htmx_write_sends_back_stays_blocked(therapist_client):
    from tests.factories import ExerciseFactory
    from tests.programs.builder_helpers import HTMX

    program = _draft()
    exercise = ExerciseFactory(name="Bird dog")
    response = therapist_client.post(
        url("program-item-add", program), {"version": 1, "exercise": exercise.pk}, **HTMX
    )
    content = response.content.decode()
    assert 'data-version="2" hx-swap-oob="true"' in content
    assert 'disabled aria-describedby="publish-blocked"' in content
    assert "Publishing is blocked: no red-flag screen." in content


def test_publish_without_a_screen_goes_back_to_the_builder_with_the_reason(therapist_client):
    program = _draft()
    response = therapist_client.post(url("program-publish", program), {"version": 1}, follow=True)
    content = response.content.decode()
    assert "Not published. No red-flag screen on file" in content
    assert not ProgramRevision.objects.exists()


def test_a_short_override_reason_is_explained_next_to_the_field_and_kept(therapist_client):
    program = _draft()
    response = therapist_client.post(
        url("program-publish", program),
        {"version": 1, "screening_override_reason": "Seen today"},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Write at least 20 characters" in content
    assert ">Seen today</textarea>" in content
    assert '<details class="screening-override mt-3" open>' in content
    assert not ProgramRevision.objects.exists()


def test_an_override_publishes_and_is_shown_on_the_program_revision_and_builder(
    therapist_client, therapist
):
    program = _draft()
    response = therapist_client.post(
        url("program-publish", program), {"version": 1, "screening_override_reason": REASON}
    )
    assert response.status_code == 302
    revision = ProgramRevision.objects.get(program=program)
    assert revision.screening_override_reason == REASON
    shown = "Version 1 was published on an override (no red-flag screen)"
    who = therapist.get_full_name()
    for page in (
        program.get_absolute_url(),
        revision.get_absolute_url(),
        url("program-builder", program),
    ):
        content = therapist_client.get(page).content.decode()
        assert shown in content, page
        assert who in content and REASON in content, page


def test_the_patient_never_sees_the_override(client, patient, patient_record, therapist):
    program = _draft(patient_record)
    revision = services.publish_program(
        program=program, by=therapist, screening_override_reason=REASON
    )
    client.force_login(patient)
    content = client.get(revision.get_absolute_url()).content.decode()
    assert REASON not in content and "published on an override" not in content


def test_program_page_says_what_is_missing(therapist_client):
    program = _draft(screened(PatientFactory(), consent_home_program=False))
    content = therapist_client.get(program.get_absolute_url()).content.decode()
    assert "No consent to a home program yet: " in content
    assert "has not consented to a home program" in content
