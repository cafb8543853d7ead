"""Writes of the re-assessment visit: record (a draft, saved again until signed), sign, amend.

Each is one transaction and records itself in the audit log. The short red-flag screen is
scored by the same engine as the intake and the home-program check-in: a "yes" opens a flag at
once (the page shows the tier's instruction for the patient), and a "yes" to a flag that is
already open for the patient does not open a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, redflags
from ..exam.services import record_exam
from ..models import Intake, Patient, RedFlag, User
from . import carry
from .models import Reassessment, ReassessmentAmendment

# The progress-note fields a signed visit may be corrected in, with their labels.
AMENDABLE = {
    "patient_change": "What changed for the patient",
    "exam_change": "What changed on examination",
    "plan": "Plan",
    "plan_note": "Plan details",
}


@dataclass(frozen=True)
class Note:
    patient_change: str
    exam_change: str
    plan: str
    plan_note: str


def last_signed_intake(patient: Patient) -> Intake | None:
    """The intake a new re-assessment follows: the patient's latest signed one."""
    return (
        patient.intakes.filter(status=Intake.Status.SIGNED).order_by("-visit_date", "-id").first()
    )


def _check_writer(patient: Patient, by: User) -> None:
    if not by.is_therapist:
        raise ValidationError(_("Only a clinician records a re-assessment."))
    if patient.is_archived:
        raise ValidationError(_("The patient is archived. Restore them before a re-assessment."))


def _check_note(note: Note) -> None:
    if not note.patient_change.strip():
        raise ValidationError(_("Say what changed for the patient."))
    if note.plan not in Reassessment.Plan.values:
        raise ValidationError(_("Choose the plan."))


def _screen(visit: Reassessment, answers: dict[str, bool | None], by: User) -> list[RedFlag]:
    """Store the short screen and open a flag for each "yes" not already open."""
    unknown = set(answers) - set(redflags.SHORT_FORM_CODES)
    if unknown:
        raise ValueError(f"Not short-screen questions: {sorted(unknown)}")
    visit.screen_answers = {code: answers.get(code) for code in redflags.SHORT_FORM_CODES}
    complete = all(isinstance(answers.get(code), bool) for code in redflags.SHORT_FORM_CODES)
    visit.screened_at = (visit.screened_at or timezone.now()) if complete else None
    screening = redflags.evaluate(
        {code: yes for code, yes in answers.items() if yes is not None},
        age=None,
        sex=None,
        derived={},
    )
    if not screening.positives:
        return []
    already_open = {
        flag.code: flag
        for flag in RedFlag.objects.select_for_update().filter(
            patient=visit.patient, status=RedFlag.Status.OPEN, code__in=screening.codes
        )
    }
    now = timezone.now()
    flags = []
    for hit in screening.positives:
        flag = already_open.get(hit.code)
        if flag is None:
            flag = RedFlag.objects.create(
                patient=visit.patient,
                code=hit.code,
                tier=hit.tier,
                source=RedFlag.Source.REASSESSMENT,
                reason=f"Re-assessment on {visit.visit_date:%-d %b %Y}. {hit.reason}.",
                raised_by=by,
                # The visit's page shows the tier's instruction straight after this save.
                instruction_shown_at=now,
            )
            audit.record(
                action=audit.Action.CREATE,
                user=by,
                patient=visit.patient,
                obj=flag,
                detail=f"Re-assessment red flag {hit.code} (tier {hit.tier})",
            )
        flags.append(flag)
    return flags


@transaction.atomic
def record_reassessment(
    *,
    patient: Patient,
    by: User,
    visit_date: date,
    statuses: dict[str, str],
    values: dict,
    screen_answers: dict[str, bool | None],
    note: Note,
    reassessment: Reassessment | None = None,
) -> tuple[Reassessment, list[RedFlag]]:
    """Start a re-assessment (or save its draft again). Returns it and the open flags behind
    each "yes" of the screen (newly raised or already open).

    `statuses` says for every carried item whether it was confirmed or changed; `values` holds
    the new value of each changed one. The values before are read again here, from the latest
    signed intake (or the latest signed re-assessment of it), never taken from the form.
    """
    _check_writer(patient, by)
    _check_note(note)
    missing = [item.key for item in carry.ITEMS if statuses.get(item.key) not in carry.STATUSES]
    if missing:
        raise ValidationError(f"Confirm or change every answer: {', '.join(missing)}.")
    if reassessment is None:
        intake = last_signed_intake(patient)
        if intake is None:
            raise ValidationError(_("A re-assessment follows a signed intake: sign one first."))
        visit = Reassessment(patient=patient, intake=intake, performed_by=by)
        before, _source = carry.previous_values(intake)
    else:
        visit = Reassessment.objects.select_for_update().get(pk=reassessment.pk)
        if visit.is_signed:
            raise ValidationError(_("This re-assessment is signed and locked. Amend it instead."))
        before = {item["key"]: item.get("before") for item in visit.carried}
    if visit_date < visit.intake.visit_date:
        raise ValidationError(_("The visit is dated before the intake it follows."))
    visit.visit_date = visit_date
    visit.carried = carry.carried_rows(before, statuses, values)
    visit.patient_change = note.patient_change.strip()
    visit.exam_change = note.exam_change.strip()
    visit.plan = note.plan
    visit.plan_note = note.plan_note.strip()
    creating = visit.pk is None
    if creating:
        visit.save()
    flags = _screen(visit, screen_answers, by)
    visit.save()
    if flags:
        visit.raised_flags.add(*flags)
    audit.record(
        action=audit.Action.CREATE if creating else audit.Action.UPDATE,
        user=by,
        patient=patient,
        obj=visit,
        detail="re-assessment",
    )
    return visit, flags


@transaction.atomic
def sign_reassessment(*, reassessment: Reassessment, by: User) -> Reassessment:
    """The therapist signs the visit: it is locked from now on (corrections are amendments)."""
    visit = (
        Reassessment.objects.select_for_update().select_related("patient").get(pk=reassessment.pk)
    )
    _check_writer(visit.patient, by)
    if visit.is_signed:
        raise ValidationError(_("This re-assessment is already signed."))
    if visit.screened_at is None:
        raise ValidationError(_("Answer every red-flag question before signing."))
    if visit.exam_id is None:
        raise ValidationError(
            _("Repeat the objective exam before signing: it is part of every re-assessment.")
        )
    visit.status = Reassessment.Status.SIGNED
    visit.signed_at = timezone.now()
    visit.signed_by = by
    visit.save(update_fields=["status", "signed_at", "signed_by", "updated_at"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=visit.patient,
        obj=visit,
        detail="re-assessment signed",
    )
    return visit


def _note_text(field: str, value: str) -> str:
    if field == "plan":
        return str(Reassessment.Plan(value).label) if value in Reassessment.Plan.values else value
    return value


@transaction.atomic
def amend_reassessment(
    *, reassessment: Reassessment, note: Note, reason: str, by: User
) -> ReassessmentAmendment:
    """Correct the progress note of a signed visit. The amendment keeps what it said before."""
    visit = (
        Reassessment.objects.select_for_update().select_related("patient").get(pk=reassessment.pk)
    )
    _check_writer(visit.patient, by)
    if not visit.is_signed:
        raise ValidationError(_("Only a signed re-assessment is amended; edit the draft instead."))
    if not reason.strip():
        raise ValidationError(_("Say why the re-assessment is being corrected."))
    _check_note(note)
    changes = []
    for field, label in AMENDABLE.items():
        old, new = getattr(visit, field), getattr(note, field).strip()
        if old != new:
            changes.append(
                {
                    "field": field,
                    "label": label,
                    "before": _note_text(field, old),
                    "after": _note_text(field, new),
                }
            )
            setattr(visit, field, new)
    if not changes:
        raise ValidationError(_("Nothing was changed, so there is nothing to amend."))
    visit.save(update_fields=[*(c["field"] for c in changes), "updated_at"])
    amendment = ReassessmentAmendment.objects.create(
        reassessment=visit, changes=changes, reason=reason.strip(), amended_by=by
    )
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=visit.patient,
        obj=visit,
        detail="re-assessment amended",
    )
    return amendment


@transaction.atomic
def record_visit_exam(
    *, reassessment: Reassessment, data: dict, by: User, performed_on: date | None = None
) -> tuple[Reassessment, list[RedFlag]]:
    """Repeat the objective exam at this visit (through the exam's own service, so its rules
    and flags apply) and link it to the visit. Returns the visit and the flags the exam raised.
    """
    visit = (
        Reassessment.objects.select_for_update().select_related("patient").get(pk=reassessment.pk)
    )
    _check_writer(visit.patient, by)
    if visit.is_signed:
        raise ValidationError(_("This re-assessment is signed: amend its exam instead."))
    if visit.exam_id is not None:
        raise ValidationError(_("This visit already has its exam: amend that one."))
    exam, flags = record_exam(
        patient=visit.patient, by=by, data=data, performed_on=performed_on or visit.visit_date
    )
    visit.exam = exam
    visit.save(update_fields=["exam", "updated_at"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=visit.patient,
        obj=visit,
        detail="objective exam recorded at the re-assessment",
    )
    return visit, flags
