"""Re-assessment services: copy-forward, the short screen, signing and amendments."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic import redflags
from clinic.models import AuditEvent, RedFlag
from clinic.reassessment import carry
from clinic.reassessment.models import Reassessment
from clinic.reassessment.services import (
    Note,
    amend_reassessment,
    record_reassessment,
    sign_reassessment,
)

from .helpers import signed_intake, with_exam

pytestmark = pytest.mark.django_db

NOTE = Note(patient_change="Walking further.", exam_change="", plan="progress", plan_note="")


def _statuses(**changed):
    return {
        item.key: carry.CHANGED if item.key in changed else carry.CONFIRMED for item in carry.ITEMS
    }


def _record(patient, therapist, *, changed=None, yes=(), visit=None, note=NOTE):
    changed = changed or {}
    return record_reassessment(
        patient=patient,
        by=therapist,
        visit_date=timezone.localdate(),
        statuses=_statuses(**changed),
        values=changed,
        screen_answers={code: code in yes for code in redflags.SHORT_FORM_CODES},
        note=note,
        reassessment=visit,
    )


def test_copy_forward_takes_the_last_signed_intake_and_keeps_confirmed_and_changed(
    patient_record, therapist
):
    signed_intake(patient_record, days_ago=60, leg_pain_week=2)
    latest = signed_intake(patient_record, days_ago=30)
    visit, flags = _record(patient_record, therapist, changed={"leg_pain_week": 6})
    assert visit.intake == latest
    rows = {row["key"]: row for row in visit.carried}
    assert rows["leg_pain_week"] == {
        "key": "leg_pain_week",
        "label": "Leg pain on average over the last week",
        "before": 3,
        "before_text": "3/10",
        "status": "changed",
        "after": 6,
        "after_text": "6/10",
    }
    assert rows["back_pain_now"]["status"] == "confirmed"
    assert rows["back_pain_now"]["after"] == rows["back_pain_now"]["before"] == 6
    assert rows["location"]["before"] == "Low back, midline: pain"
    assert rows["course"]["before_text"] == "Up and down"
    assert [r["key"] for r in visit.changed_items] == ["leg_pain_week"]
    assert flags == []


def test_a_second_visit_starts_from_the_first_visits_answers(patient_record, therapist):
    intake = signed_intake(patient_record)
    first, _ = _record(patient_record, therapist, changed={"leg_pain_week": 6})
    sign_reassessment(reassessment=with_exam(first, therapist), by=therapist)
    before, source = carry.previous_values(intake)
    assert source == first
    assert before["leg_pain_week"] == 6
    assert before["back_pain_now"] == 6


def test_a_draft_intake_is_not_followed(patient_record, therapist):
    signed_intake(patient_record, status="draft", signed_at=None, signature_name="")
    with pytest.raises(ValidationError, match="signed intake"):
        _record(patient_record, therapist)


def test_a_short_screen_yes_raises_the_flag_as_the_intake_does(patient_record, therapist):
    signed_intake(patient_record)
    visit, flags = _record(patient_record, therapist, yes=("ces_bladder",))
    [flag] = flags
    assert (flag.code, flag.tier, flag.source) == ("ces_bladder", "E", "reassessment")
    assert flag.is_open and flag.blocks_program
    assert flag.instruction_shown_at is not None
    assert "Re-assessment on" in flag.reason
    assert list(visit.raised_flags.all()) == [flag]
    assert patient_record.needs_clearance
    assert AuditEvent.objects.filter(
        patient=patient_record, detail="Re-assessment red flag ces_bladder (tier E)"
    ).exists()
    # Saved again with the same yes: the open flag is not raised twice.
    _record(patient_record, therapist, yes=("ces_bladder",), visit=visit)
    assert RedFlag.objects.filter(patient=patient_record, code="ces_bladder").count() == 1


def test_a_yes_to_a_flag_already_open_does_not_open_a_second(patient_record, therapist):
    signed_intake(patient_record)
    open_flag = RedFlag.objects.create(
        patient=patient_record, code="dvt_pe", tier="E", reason="check-in"
    )
    visit, flags = _record(patient_record, therapist, yes=("dvt_pe",))
    assert flags == [open_flag]
    assert RedFlag.objects.filter(patient=patient_record).count() == 1


def test_the_visit_is_screened_only_when_every_question_is_answered(patient_record, therapist):
    signed_intake(patient_record)
    answers = dict.fromkeys(redflags.SHORT_FORM_CODES, False)
    answers["aaa"] = None
    visit, _ = record_reassessment(
        patient=patient_record,
        by=therapist,
        visit_date=timezone.localdate(),
        statuses=_statuses(),
        values={},
        screen_answers=answers,
        note=NOTE,
    )
    assert visit.screened_at is None
    with pytest.raises(ValidationError, match="every red-flag question"):
        sign_reassessment(reassessment=visit, by=therapist)
    assert not Reassessment.objects.screened().exists()


def test_signing_locks_and_the_gate_finds_it(patient_record, therapist):
    signed_intake(patient_record)
    visit, _ = _record(patient_record, therapist)
    assert not Reassessment.objects.signed().exists()
    # The exam is part of every re-assessment: not signed without it.
    with pytest.raises(ValidationError, match="Repeat the objective exam"):
        sign_reassessment(reassessment=visit, by=therapist)
    visit = with_exam(visit, therapist)
    sign_reassessment(reassessment=visit, by=therapist)
    visit.refresh_from_db()
    assert visit.is_signed and visit.signed_by == therapist and visit.signed_at
    found = Reassessment.objects.signed().screened_since(timezone.localdate())
    assert list(found.filter(patient=patient_record)) == [visit]
    with pytest.raises(ValidationError, match="signed and locked"):
        _record(patient_record, therapist, visit=visit)
    with pytest.raises(ValidationError, match="already signed"):
        sign_reassessment(reassessment=visit, by=therapist)


def test_amending_keeps_the_original_with_who_when_and_why(patient_record, therapist, colleague):
    signed_intake(patient_record)
    visit, _ = _record(patient_record, therapist)
    with pytest.raises(ValidationError, match="Only a signed"):
        amend_reassessment(reassessment=visit, note=NOTE, reason="typo", by=therapist)
    sign_reassessment(reassessment=with_exam(visit, therapist), by=therapist)
    corrected = Note(
        patient_change="Walking further, but leg tingling spreads after sitting.",
        exam_change="",
        plan="regress",
        plan_note="Back to the easier slider.",
    )
    with pytest.raises(ValidationError, match="Say why"):
        amend_reassessment(reassessment=visit, note=corrected, reason=" ", by=colleague)
    amendment = amend_reassessment(
        reassessment=visit,
        note=corrected,
        reason="Read the home logs after the visit.",
        by=colleague,
    )
    visit.refresh_from_db()
    assert visit.plan == "regress" and visit.is_signed
    changes = {c["field"]: c for c in amendment.changes}
    assert changes["patient_change"]["before"] == "Walking further."
    assert changes["plan"] == {
        "field": "plan",
        "label": "Plan",
        "before": "Progress the program",
        "after": "Regress the program",
    }
    assert amendment.amended_by == colleague and amendment.created_at
    with pytest.raises(ValidationError, match="Nothing was changed"):
        amend_reassessment(reassessment=visit, note=corrected, reason="again", by=colleague)


def test_only_a_clinician_records_it(patient_record, admin):
    signed_intake(patient_record)
    with pytest.raises(ValidationError, match="clinician"):
        _record(patient_record, admin)


def test_the_visit_is_not_dated_before_its_intake(patient_record, therapist):
    from datetime import timedelta

    intake = signed_intake(patient_record, days_ago=10)
    with pytest.raises(ValidationError, match="before the intake"):
        record_reassessment(
            patient=patient_record,
            by=therapist,
            visit_date=intake.visit_date - timedelta(days=1),
            statuses=_statuses(),
            values={},
            screen_answers=dict.fromkeys(redflags.SHORT_FORM_CODES, False),
            note=NOTE,
        )
    assert not Reassessment.objects.exists()
