"""Writes of the objective exam: the one way an exam is recorded, changed or amended.

Each write re-runs the exam rules (``clinic.exam.rules.assess``) against the patient's previous
exam and opens a red flag for each new finding that needs one, the way the intake does: a flag
never closes here, and a code already open for the patient is not raised twice.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import audit
from ..models import Intake, Patient, RedFlag, User
from . import rules
from .models import FINDING_FIELDS, ExamAmendment, ObjectiveExam, describe_finding

CES_REQUIRED_MESSAGE = (
    "There are neurological signs on both sides: ask the cauda equina questions again and "
    "record each answer."
)


def _check_data(data: dict) -> dict:
    unknown = set(data) - set(FINDING_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown exam finding(s): {', '.join(sorted(unknown))}.")
    return data


def _apply(exam: ObjectiveExam, data: dict) -> None:
    for name, value in data.items():
        setattr(exam, name, value)


def _assess(exam: ObjectiveExam) -> rules.ExamAssessment:
    try:
        result = exam.assessment(exam.previous_exam())
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if result.ces_unanswered:
        raise ValidationError(CES_REQUIRED_MESSAGE, code="ces_required")
    return result


def _raise_flags(exam: ObjectiveExam, result: rules.ExamAssessment, by: User) -> list[RedFlag]:
    """Open a flag for each finding not already flagged for the patient."""
    mine = {flag.code: flag for flag in exam.raised_flags.all()}
    open_for_patient = set(exam.patient.red_flags.open_flags().values_list("code", flat=True))
    on_intake = (
        set(exam.intake.red_flags.values_list("code", flat=True)) if exam.intake_id else set()
    )
    now = timezone.now()
    raised = []
    for hit in result.flags:
        flag = mine.get(hit.code)
        if flag is not None:
            if flag.is_open and flag.reason != hit.reason:
                flag.reason = hit.reason
                flag.save(update_fields=["reason", "updated_at"])
            continue
        if hit.code in open_for_patient:
            continue
        flag = RedFlag.objects.create(
            patient=exam.patient,
            # One flag per code per intake: a code the intake already had stands alone.
            intake=exam.intake if exam.intake_id and hit.code not in on_intake else None,
            code=hit.code,
            tier=hit.tier,
            source=RedFlag.Source.EXAM,
            reason=hit.reason,
            raised_by=by,
            # The page shows the instruction straight after this save.
            instruction_shown_at=now if hit.tier in RedFlag.CLEARANCE_TIERS else None,
        )
        exam.raised_flags.add(flag)
        audit.record(
            action=audit.Action.CREATE,
            user=by,
            patient=exam.patient,
            obj=flag,
            detail=f"raised by the objective exam: {hit.code}",
        )
        raised.append(flag)
    return raised


@transaction.atomic
def record_exam(
    *,
    patient: Patient,
    by: User,
    data: dict,
    intake: Intake | None = None,
    performed_on=None,
) -> tuple[ObjectiveExam, list[RedFlag]]:
    """Record a new exam (at an intake, or on its own at a later visit) and raise its flags.

    ``data`` maps finding fields (``FINDING_FIELDS``) to values as the exam form cleans them.
    Returns the exam and the flags it newly raised (the caller shows their instruction).
    """
    if patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before recording an exam.")
    if not by.is_therapist:
        raise ValidationError("Only a clinician can record an objective exam.")
    if intake is not None:
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if intake.patient_id != patient.pk:
            raise ValidationError("That intake belongs to another patient.")
        if ObjectiveExam.objects.filter(intake=intake).exists():
            raise ValidationError("This intake already has an exam: change or amend that one.")
    exam = ObjectiveExam(
        patient=patient,
        intake=intake,
        performed_by=by,
        performed_on=performed_on or (intake.visit_date if intake else timezone.localdate()),
    )
    _apply(exam, _check_data(data))
    result = _assess(exam)
    exam.save()
    audit.record(action=audit.Action.CREATE, user=by, patient=patient, obj=exam)
    return exam, _raise_flags(exam, result, by)


@transaction.atomic
def update_exam(*, exam: ObjectiveExam, by: User, data: dict, performed_on=None) -> list[RedFlag]:
    """Change the exam of an intake still in draft. A locked exam is amended instead."""
    exam = (
        # Lock the exam's own row: its intake is a nullable (outer) join, which PostgreSQL
        # cannot lock.
        ObjectiveExam.objects.select_for_update(of=("self",))
        .select_related("patient", "intake")
        .get(pk=exam.pk)
    )
    if exam.is_locked:
        raise ValidationError("This exam is locked. Record an amendment instead.")
    if exam.patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before changing the exam.")
    if not by.is_therapist:
        raise ValidationError("Only a clinician can change an objective exam.")
    _apply(exam, _check_data(data))
    if performed_on is not None:
        exam.performed_on = performed_on
    result = _assess(exam)
    exam.save()
    audit.record(action=audit.Action.UPDATE, user=by, patient=exam.patient, obj=exam, detail="exam")
    return _raise_flags(exam, result, by)


@transaction.atomic
def amend_exam(
    *, exam: ObjectiveExam, by: User, data: dict, reason: str
) -> tuple[ExamAmendment, list[RedFlag]]:
    """Correct a locked exam. The amendment keeps each finding as it was before the change."""
    exam = (
        # Lock the exam's own row: its intake is a nullable (outer) join, which PostgreSQL
        # cannot lock.
        ObjectiveExam.objects.select_for_update(of=("self",))
        .select_related("patient", "intake")
        .get(pk=exam.pk)
    )
    if not exam.is_locked:
        raise ValidationError("This exam is still a draft: change it instead of amending.")
    if exam.patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before amending.")
    if not by.is_therapist:
        raise ValidationError("Only a clinician can amend an objective exam.")
    if not reason.strip():
        raise ValidationError("Say why the exam is being corrected.")
    _check_data(data)
    changes = []
    for name in FINDING_FIELDS:
        if name not in data:
            continue
        before, after = getattr(exam, name), data[name]
        if before in (None, "", {}, []) and after in (None, "", {}, []):
            continue
        if before != after:
            label, old = describe_finding(name, before)
            _, new = describe_finding(name, after)
            changes.append({"field": name, "label": label, "before": old, "after": new})
    if not changes:
        raise ValidationError("Nothing was changed, so there is nothing to amend.")
    _apply(exam, data)
    result = _assess(exam)
    exam.save()
    amendment = ExamAmendment.objects.create(
        exam=exam, changes=changes, reason=reason.strip(), amended_by=by
    )
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=exam.patient,
        obj=exam,
        detail="amendment to the exam",
    )
    return amendment, _raise_flags(exam, result, by)
