from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic import services
from clinic.intake.base import SectionData
from clinic.intake.sections import SECTION_BY_SLUG
from clinic.models import RedFlag
from tests.clinic import intake_data as data
from tests.factories import PatientFactory, RedFlagFactory


@pytest.fixture
def intake(patient_record, therapist):
    return data.start(patient_record, therapist)


def test_flags_never_close_when_the_answer_changes(intake, therapist, patient_record):
    data.save(intake, "red-flags", data.red_flags(infection_fever="yes"), therapist)
    data.save(intake, "red-flags", data.red_flags(), therapist)
    flag = patient_record.red_flags.get()
    assert flag.is_open
    assert not patient_record.can_receive_program()


def test_saving_again_does_not_duplicate_flags(intake, therapist, patient_record):
    for _ in range(3):
        data.save(intake, "red-flags", data.red_flags(weight_loss="yes"), therapist)
    assert patient_record.red_flags.count() == 1


def test_one_flag_per_intake_and_code_is_a_database_rule(intake, patient_record):
    RedFlag.objects.create(patient=patient_record, intake=intake, code="aaa", tier="E")
    with pytest.raises(IntegrityError), transaction.atomic():
        RedFlag.objects.create(patient=patient_record, intake=intake, code="aaa", tier="E")


def test_a_flag_already_open_from_elsewhere_is_not_raised_twice(intake, therapist, patient_record):
    RedFlagFactory(patient=patient_record, code="infection_fever", source="check_in")
    raised = data.save(intake, "red-flags", data.red_flags(infection_fever="yes"), therapist)
    assert raised == []
    assert patient_record.red_flags.count() == 1


def test_a_questionnaire_score_never_clears_a_flag(intake, therapist, patient_record):
    data.save(intake, "red-flags", data.red_flags(aaa="yes"), therapist)
    services.record_measure(
        patient=patient_record, instrument="start_back", answers={"items": [0] * 9}, by=therapist
    )
    assert patient_record.needs_clearance


def test_flags_from_other_sections(intake, therapist, patient_record):
    data.save(intake, "medical", {"fever_chills_sweats": "on", "osteoporosis": "on"}, therapist)
    codes = set(patient_record.red_flags.values_list("code", "tier"))
    assert codes == {("infection_fever", "U"), ("osteoporosis_steroids", "S")}
    assert "osteoporosis" in intake.precaution_tags


def test_bilateral_new_leg_symptoms_on_the_chart_are_an_emergency(
    intake, therapist, patient_record
):
    data.save(
        intake, "body-chart", data.body_chart(("calf", "both", ["numbness"], True)), therapist
    )
    # A mark on the drawing alone is a hint to ask again; the both-legs answers decide.
    assert not patient_record.red_flags.exists()
    assert "both sides" in intake.derived["red_flag_hints"][0]
    raised = data.save(intake, "neuro", data.neuro(both_legs="yes_new"), therapist)
    assert [(f.code, f.tier) for f in raised] == [("ces_bilateral", "E")]


def test_derived_values(intake, therapist):
    data.save(intake, "onset", data.onset(days_ago=100), therapist)
    data.save(
        intake,
        "body-chart",
        data.body_chart(
            ("buttock_deep", "left", ["pain"], True), ("foot_sole", "left", ["pain"], False)
        ),
        therapist,
    )
    data.save(intake, "factors", {"factor_sitting": "worse", "factor_walking": "better"}, therapist)
    derived = intake.derived
    assert derived["duration"]["category"] == "chronic"
    assert derived["duration"]["weeks"] == 14
    assert derived["below_knee"] and derived["below_knee_on_chart"]
    assert derived["bilateral_leg_symptoms"] is False
    assert derived["distal_extent"] == "foot_sole"
    assert derived["directional_pattern"] == "flexion_intolerant"
    assert {"acute_radicular", "flexion_intolerant"} <= set(intake.precaution_tags)


def test_precaution_tags_follow_the_latest_intake(therapist):
    patient_record = PatientFactory(date_of_birth=date(1990, 5, 1), sex_at_birth="female")
    old = data.start(
        patient_record,
        therapist,
        visit_date=(timezone.localdate() - timedelta(days=400)).isoformat(),
        pain_more="back",
        below_knee="no",
    )
    data.save(old, "medical", {"pregnant": "on", "pregnancy_weeks": "20"}, therapist)
    assert patient_record.precaution_tags() == ["pregnancy"]
    data.start(patient_record, therapist)
    assert patient_record.precaution_tags() == ["acute_radicular"]  # pregnancy was the old episode


def test_a_signed_intake_cannot_be_saved_over(therapist, patient_record):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    form = SECTION_BY_SLUG["pain"](data=data.pain(back_pain_now="4"), intake=intake)
    assert form.is_valid()
    with pytest.raises(ValidationError, match="locked"):
        services.save_intake_section(
            intake=intake, section="pain", data=form.storage(), by=therapist
        )


def test_archived_patients_intakes_are_read_only(intake, therapist, patient_record):
    services.archive_patient(patient=patient_record, by=therapist)
    with pytest.raises(ValidationError, match="archived"):
        services.save_intake_section(
            intake=intake, section="goals", data=SectionData(answers={"goals": "x"}), by=therapist
        )


def test_signing_requires_consent_and_sections(intake, therapist):
    with pytest.raises(ValidationError, match="Complete these sections"):
        data.sign(intake, therapist)
    ready = data.ready_to_sign(PatientFactory(), therapist)
    with pytest.raises(ValidationError, match="Treatment consent"):
        services.sign_intake(
            intake=ready, consents={"consent_privacy": True}, signature_name="Someone", by=therapist
        )
    ready.refresh_from_db()
    assert not ready.is_signed


def test_amendment_lists_only_what_changed(therapist, patient_record):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    form = SECTION_BY_SLUG["red-flags"](data=data.red_flags(weight_loss="yes"), intake=intake)
    assert form.is_valid()
    amendment, raised = services.amend_intake(
        intake=intake, section="red-flags", data=form.storage(), reason="Remembered", by=therapist
    )
    assert [c["field"] for c in amendment.changes] == ["weight_loss"]
    assert amendment.changes[0]["before"] == "No"
    assert amendment.changes[0]["after"] == "Yes"
    assert [f.code for f in raised] == ["weight_loss"]


def test_body_chart_amendment_describes_the_areas(therapist, patient_record):
    intake = data.sign(data.ready_to_sign(patient_record, therapist), therapist)
    form = SECTION_BY_SLUG["body-chart"](
        data=data.body_chart(("shin", "right", ["burning"], True)), intake=intake
    )
    assert form.is_valid()
    amendment, _ = services.amend_intake(
        intake=intake, section="body-chart", data=form.storage(), reason="Wrong leg", by=therapist
    )
    change = amendment.changes[0]
    assert change["label"] == "Areas marked"
    assert change["before"] == "Left calf: pain, numbness (worst)"
    assert change["after"] == "Right shin: burning (worst)"


def test_only_a_therapist_records_a_decision(admin, therapist, patient_record):
    flag = RedFlagFactory(patient=patient_record, tier="U")
    with pytest.raises(ValidationError):
        services.record_flag_decision(flag=flag, reason="old_stable", note="x", by=admin)
    services.record_flag_decision(flag=flag, reason="old_stable", note="Known", by=therapist)
    with pytest.raises(ValidationError, match="already recorded"):
        services.record_flag_decision(flag=flag, reason="old_stable", note="again", by=therapist)


def test_archive_and_restore_refuse_the_wrong_state(therapist, patient_record):
    with pytest.raises(ValidationError):
        services.restore_patient(patient=patient_record, by=therapist)
    services.archive_patient(patient=patient_record, by=therapist)
    with pytest.raises(ValidationError):
        services.archive_patient(patient=patient_record, by=therapist)


def test_psfs_needs_three_to_five_activities(therapist, patient_record):
    with pytest.raises(ValidationError):
        services.record_psfs(
            patient=patient_record, ratings=[1, 2], new_activities=["a", "b"], by=therapist
        )
    assert not patient_record.psfs_activities.exists()


def test_bad_measure_answers_are_a_validation_error(therapist, patient_record):
    with pytest.raises(ValidationError):
        services.record_measure(
            patient=patient_record, instrument="sbi", answers={"items": [9, 0, 0, 0]}, by=therapist
        )
