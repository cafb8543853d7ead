"""Recording, changing and amending an objective exam, and the flags it raises."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from clinic.exam import services
from clinic.exam.models import ExamAmendment, ObjectiveExam
from clinic.models import AuditEvent, Intake, RedFlag
from clinic.services import record_flag_decision
from tests.factories import IntakeFactory

pytestmark = pytest.mark.django_db

CES_ALL_NO = {
    "ces_bladder": False,
    "ces_bowel": False,
    "ces_saddle": False,
    "ces_sexual": False,
    "ces_bilateral": False,
}


def _record(patient, by, on=date(2026, 11, 1), **data):
    return services.record_exam(patient=patient, by=by, data=data, performed_on=on)


def test_record_exam_stores_findings_and_audits(therapist, patient_record):
    exam, raised = _record(
        patient_record,
        therapist,
        slr_left_angle=45,
        slr_left_reproduced="below_knee",
        myotome_l5_left=4,
        reflex_achilles_left=1,
        sensation={"left": {"foot_dorsum": "reduced"}},
        repeated_movements={"extension_lying": "centralises"},
    )
    assert raised == []
    assert exam.performed_by == therapist
    assert exam.findings()["myotomes"]["L5"]["left"] == 4
    assert AuditEvent.objects.filter(action="create", patient=patient_record).count() == 1


def test_new_grade_3_raises_an_urgent_flag_from_the_exam(therapist, patient_record):
    exam, raised = _record(patient_record, therapist, myotome_l5_left=3)
    assert [(f.code, f.tier, f.source) for f in raised] == [
        ("exam_motor_deficit", RedFlag.Tier.URGENT, RedFlag.Source.EXAM)
    ]
    assert "left L5 great-toe extension 3/5" in raised[0].reason
    assert list(exam.raised_flags.all()) == raised
    assert patient_record.needs_clearance


def test_unchanged_grade_3_raises_no_new_flag(therapist, patient_record):
    _record(patient_record, therapist, on=date(2026, 10, 1), myotome_l5_left=3)
    for flag in RedFlag.objects.all():
        record_flag_decision(
            flag=flag, reason="physician_clearance", note="Seen by GP", by=therapist
        )
    _, raised = _record(patient_record, therapist, on=date(2026, 11, 1), myotome_l5_left=3)
    assert raised == []


def test_progression_4_to_3_raises_urgent(therapist, patient_record):
    _record(patient_record, therapist, on=date(2026, 10, 1), myotome_s1_right=4)
    _, raised = _record(patient_record, therapist, on=date(2026, 11, 1), myotome_s1_right=3)
    assert [f.code for f in raised] == ["exam_motor_deficit"]
    assert "was 4/5" in raised[0].reason


def test_bilateral_signs_refuse_without_the_ces_answers(therapist, patient_record):
    with pytest.raises(ValidationError) as caught:
        _record(patient_record, therapist, myotome_l5_left=4, reflex_achilles_right=1)
    assert "cauda equina" in str(caught.value)
    assert not ObjectiveExam.objects.exists()


def test_bilateral_with_a_ces_yes_raises_the_emergency_flag(therapist, patient_record):
    answers = {**CES_ALL_NO, "ces_bladder": True}
    _, raised = _record(
        patient_record,
        therapist,
        myotome_l5_left=4,
        reflex_achilles_right=1,
        ces_answers=answers,
    )
    assert {(f.code, f.tier) for f in raised} == {
        ("ces_bladder", RedFlag.Tier.EMERGENCY),
        ("exam_bilateral_signs", RedFlag.Tier.SOON),
    }


def test_an_open_flag_is_not_raised_twice(therapist, patient_record):
    _record(patient_record, therapist, on=date(2026, 10, 1), reflex_patellar_left=4)
    _, raised = _record(patient_record, therapist, on=date(2026, 11, 1), reflex_patellar_left=4)
    assert raised == []
    assert RedFlag.objects.filter(code="exam_umn_signs").count() == 1


def test_exam_at_a_draft_intake_is_changed_then_amended_once_signed(therapist, patient_record):
    intake = IntakeFactory(patient=patient_record, therapist=therapist)
    exam, _ = services.record_exam(
        patient=patient_record, by=therapist, intake=intake, data={"myotome_l4_left": 5}
    )
    assert not exam.is_locked
    services.update_exam(exam=exam, by=therapist, data={"myotome_l4_left": 4})
    exam.refresh_from_db()
    assert exam.myotome_l4_left == 4
    assert not ExamAmendment.objects.exists()

    Intake.objects.filter(pk=intake.pk).update(
        status=Intake.Status.SIGNED, signature_name="X", signed_at=intake.created_at
    )
    exam.refresh_from_db()
    assert exam.is_locked
    with pytest.raises(ValidationError):
        services.update_exam(exam=exam, by=therapist, data={"myotome_l4_left": 5})
    with pytest.raises(ValidationError):
        services.amend_exam(exam=exam, by=therapist, data={"myotome_l4_left": 5}, reason=" ")
    amendment, raised = services.amend_exam(
        exam=exam, by=therapist, data={"myotome_l4_left": 3}, reason="Re-tested: weaker"
    )
    assert amendment.changes == [
        {
            "field": "myotome_l4_left",
            "label": "L4 ankle dorsiflexion, left",
            "before": "4/5",
            "after": "3/5",
        }
    ]
    assert [f.code for f in raised] == ["exam_motor_deficit"]
    assert raised[0].intake == intake


def test_one_exam_per_intake(therapist, patient_record):
    intake = IntakeFactory(patient=patient_record, therapist=therapist)
    services.record_exam(patient=patient_record, by=therapist, intake=intake, data={})
    with pytest.raises(ValidationError):
        services.record_exam(patient=patient_record, by=therapist, intake=intake, data={})


def test_only_a_therapist_records(admin, patient_record):
    with pytest.raises(ValidationError):
        _record(patient_record, admin, myotome_l5_left=5)


def test_unknown_findings_are_refused(therapist, patient_record):
    with pytest.raises(ValidationError):
        services.record_exam(patient=patient_record, by=therapist, data={"myotome_l9_left": 3})


def test_exam_flags_read_in_plain_words(therapist, patient_record):
    _, raised = _record(patient_record, therapist, reflex_achilles_right=4)
    assert raised[0].summary == "Brisk reflexes or clonus on exam (upper motor neuron sign)"
    assert "Right Achilles reflex 4+ (clonus)" in raised[0].reason


def test_the_patients_record_export_holds_the_exam_and_its_amendments(therapist, patient_record):
    from clinic.export import collect_record

    exam, _ = _record(patient_record, therapist, myotome_l5_left=4)
    services.amend_exam(exam=exam, by=therapist, data={"myotome_l5_left": 5}, reason="Re-test")
    record = collect_record(patient_record)
    assert record[ObjectiveExam] == [exam]
    assert len(record[ExamAmendment]) == 1
