"""Safety that stays in sight and the automatic step back (models in programs/step_back.py).

After every saved session log (`after_log`, called by `record_check_in` in its transaction):

- A worrying log (`adherence.is_worrying_change`: symptoms further down the leg, or pain up by
  PAIN_RISE_ALERT or more since the first log) opens the program's ease-off notice, if none is
  open; a log that is not worrying closes an open one. A therapist may acknowledge it instead.
- A worrying log also steps back every item of the current revision that has a pre-approved
  regression and no step back waiting: the patient's next session shows the regression, and
  the therapist finds a proposed revision (the published one with the regression swapped in)
  to accept or reject. Accepting publishes it through `publish_program` (so the publishing
  gate applies); rejecting returns the patient to the original item; an accepted step back can
  be reverted, which publishes the original again.

Every write is audited under the patient.
"""

from collections.abc import Mapping
from copy import deepcopy
from datetime import date
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clinic import audit
from clinic.models import ClinicProfile, User

from ..adherence import ease_off_advice, is_worrying_change
from ..dose_phrases import consistent_tips
from ..models import Exercise, Program, ProgramItem, ProgramRevision, SessionLog, Side
from ..step_back import EaseOffNotice, ItemRegression, StepBack
from .clashes import hidden_clashes
from .programs import VersionConflict, publish_program
from .snapshot import dose_text, drop_tips_like_english, exercise_snapshot, frequency_text

REGRESSION_DOSE_FIELDS = ("sets", "reps", "hold_s", "duration_min")


def _lock_program(program: Program, expected_version: int | None) -> Program:
    """The program row, locked; a stale page (another version) raises VersionConflict."""
    locked = Program.objects.select_for_update().select_related("patient").get(pk=program.pk)
    if expected_version is not None and locked.version != expected_version:
        raise VersionConflict(Program.objects.select_related("updated_by").get(pk=program.pk))
    return locked


def _touch(program: Program, by: User) -> None:
    """The draft changed: bump its version (the caller holds the row lock)."""
    program.version += 1
    program.updated_by = by
    program.has_unpublished_changes = True
    program.save(update_fields=["version", "updated_by", "has_unpublished_changes", "updated_at"])


# --- the snapshot's copy of a pre-approved regression --------------------------------------------


def regression_snapshot(item: ProgramItem) -> dict | None:
    """The item's pre-approved regression as the published snapshot keeps it (or None)."""
    try:
        regression = item.regression
    except ItemRegression.DoesNotExist:
        return None
    given = {name: getattr(regression, name) for name in REGRESSION_DOSE_FIELDS}
    if any(value is not None for value in given.values()):
        dose = {**given, "sets": given["sets"] or 1}
    else:  # no dose of its own: the item's
        dose = {name: getattr(item, name) for name in REGRESSION_DOSE_FIELDS}
    view = SimpleNamespace(side=item.side, **dose)
    exercise = exercise_snapshot(regression.exercise)
    # As for every item: no tip stating a dose other than the one prescribed.
    stated = {**dose, "times_per_day": item.times_per_day, "days_per_week": item.days_per_week}
    exercise["cues"] = drop_tips_like_english(exercise, consistent_tips(exercise["cues"], stated))
    return {
        **dose,
        "side": item.side,
        "side_label": Side(item.side).label,
        "dose_text": dose_text(view),
        "frequency_text": frequency_text(item.times_per_day, item.days_per_week),
        "exercise": exercise,
    }


def with_regression(snapshot_item: dict, item: ProgramItem) -> dict:
    """The item's snapshot with its "regression" key, when the item has one."""
    regression = regression_snapshot(item)
    if regression is not None:
        snapshot_item["regression"] = regression
    return snapshot_item


# --- the builder: pre-approving a regression ----------------------------------------------------


@transaction.atomic
def set_item_regression(
    *,
    item: ProgramItem,
    by: User,
    expected_version: int,
    exercise: Exercise | None,
    dose: Mapping[str, int | None] | None = None,
) -> ItemRegression | None:
    """Pre-approve `exercise` as the item's regression (None removes the pre-approval)."""
    dose = dict(dose or {})
    unknown = set(dose) - set(REGRESSION_DOSE_FIELDS)
    if unknown:
        raise ValueError(f"Not regression dose fields: {sorted(unknown)}")
    program = _lock_program(Program(pk=item.program_id), expected_version)
    if program.is_archived:
        raise ValidationError("This program is archived. Restore it before changing it.")
    current = program.items.select_related("exercise").get(pk=item.pk)
    existing = ItemRegression.objects.filter(item=current).first()
    if exercise is None:
        if existing is None:
            return None
        existing.delete()  # a draft setting; every published snapshot keeps its own copy
        _touch(program, by)
        _audit(program, by, f"easier version for {current.exercise.name} removed", current)
        return None
    if exercise.pk == current.exercise_id:
        raise ValidationError(
            {"regression": "Choose an easier exercise than the item itself."}, code="same"
        )
    if exercise.archived:
        raise ValidationError({"regression": "That exercise is archived."}, code="archived")
    hidden = hidden_clashes(exercise, program.patient.precaution_tags())
    if hidden:
        raise ValidationError(
            {
                "regression": f"{exercise.name} is hidden for this patient's precautions "
                f"({', '.join(clash.tag_label for clash in hidden)}), so it cannot replace an "
                "exercise without you: choose another."
            },
            code="hidden",
        )
    regression = existing or ItemRegression(item=current)
    regression.exercise = exercise
    for name in REGRESSION_DOSE_FIELDS:
        setattr(regression, name, dose.get(name))
    regression.approved_by = by
    regression.approved_at = timezone.now()
    regression.full_clean(exclude=["item", "approved_by"])
    regression.save()
    _touch(program, by)
    _audit(
        program,
        by,
        f"easier version for {current.exercise.name} pre-approved: {exercise.name}",
        current,
    )
    return regression


def regression_choices(exercise: Exercise):
    """The exercise's library regressions first, then every other active exercise."""
    suggested = list(exercise.regressions.filter(archived=False).order_by("name"))
    others = Exercise.objects.filter(archived=False).exclude(pk=exercise.pk).order_by("name")
    return suggested, [e for e in others if e not in suggested]


# --- after a session log ------------------------------------------------------------------------


def after_log(*, program: Program, log: SessionLog, day: date, by: User) -> list[StepBack]:
    """Keep the ease-off notice and start step backs after a saved log (see module docstring).

    `program` carries the refreshed check-in summary (refresh_checkin_summary ran first)."""
    # This log's own answers judge it (an earlier log of the same day may have spread).
    spread = log.leg_symptoms == SessionLog.LegSymptoms.FURTHER_DOWN
    worrying = is_worrying_change(
        pain_rise=program.pain_rise, last_spread_on=day if spread else None, today=day
    )
    notice = EaseOffNotice.objects.select_for_update().open().filter(program=program).first()
    if not worrying:
        if notice is not None:
            notice.closed_at = timezone.now()
            notice.cleared_by = log
            notice.save(update_fields=["closed_at", "cleared_by"])
            _audit(program, by, "ease-off notice closed by a better log", notice)
        return []
    if notice is None:
        advice = ease_off_advice(program, today=day, phone=ClinicProfile.load().phone)
        notice = EaseOffNotice.objects.create(
            program=program, patient=program.patient, raised_by=log, advice=advice
        )
        _audit(program, by, "ease-off notice raised by a worrying log", notice, created=True)
    return _start_step_backs(program=program, log=log, day=day, by=by, spread=spread)


def _reason(program: Program, spread: bool) -> str:
    if spread:
        return "symptoms further down the leg"
    return f"pain up {program.pain_rise} since the first log"


def _start_step_backs(
    *, program: Program, log: SessionLog, day: date, by: User, spread: bool
) -> list[StepBack]:
    revision = log.revision
    if revision.pk != program.current_revision_id:
        return []
    waiting = set(
        StepBack.objects.filter(program=program, status=StepBack.Status.PENDING).values_list(
            "position", flat=True
        )
    )
    started = []
    tags = program.patient.precaution_tags()
    for item in revision.items:
        regression = item.get("regression")
        if not regression or item["position"] in waiting:
            continue
        from_exercise = Exercise.objects.filter(slug=item["exercise"]["slug"]).first()
        to_exercise = (
            Exercise.objects.prefetch_related("contraindications")
            .filter(slug=regression["exercise"]["slug"])
            .first()
        )
        if from_exercise is None or to_exercise is None:
            continue
        if hidden_clashes(to_exercise, tags):
            # The precautions changed since it was approved: never swap in a hidden exercise.
            continue
        proposed = deepcopy(revision.snapshot)
        for proposed_item in proposed["items"]:
            if proposed_item["position"] == item["position"]:
                _swap_in(proposed_item, regression)
        step_back = StepBack.objects.create(
            program=program,
            patient=program.patient,
            revision=revision,
            position=item["position"],
            item=ProgramItem.objects.filter(pk=item.get("item_id"), program=program).first(),
            from_exercise=from_exercise,
            to_exercise=to_exercise,
            original={k: v for k, v in item.items() if k != "regression"},
            regression=regression,
            proposed_snapshot=proposed,
            triggered_by=log,
            reason=_reason(program, spread),
        )
        _audit(
            program,
            by,
            f"step back proposed by Restore after the log of {day:%-d %b %Y}: "
            f"{to_exercise.name} instead of {from_exercise.name}",
            step_back,
            created=True,
        )
        started.append(step_back)
    return started


def _swap_in(item: dict, regression: dict) -> None:
    item.update(regression)
    item.pop("regression", None)


# --- the therapist's decisions ------------------------------------------------------------------


def _locked_step_back(step_back: StepBack, *expected: str) -> StepBack:
    locked = StepBack.objects.select_for_update().get(pk=step_back.pk)
    if locked.status not in expected:
        raise ValidationError(
            f"This step back is already {locked.get_status_display().lower()}.", code="decided"
        )
    return locked


def _draft_item(step_back: StepBack, program: Program, exercise: Exercise) -> ProgramItem:
    item = step_back.item
    if item is None or item.program_id != program.pk or item.exercise_id != exercise.pk:
        raise ValidationError(
            "The draft no longer holds this exercise at that place, so the change cannot be "
            "made for you: change it in the builder.",
            code="draft_changed",
        )
    return item


@transaction.atomic
def accept_step_back(
    *, step_back: StepBack, by: User, screening_override_reason: str = ""
) -> ProgramRevision:
    """Publish the proposed revision: the draft item becomes the regression, then
    `publish_program` (its checks apply; a refusal leaves everything as it was)."""
    step_back = _locked_step_back(step_back, StepBack.Status.PENDING)
    program = _lock_program(step_back.program, None)
    if program.has_unpublished_changes:
        raise ValidationError(
            "The draft has other changes that are not published yet. Publish or undo them in "
            "the builder first, so that accepting publishes only this step back.",
            code="draft_dirty",
        )
    item = _draft_item(step_back, program, step_back.from_exercise)
    regression = step_back.regression
    item.exercise = step_back.to_exercise
    for name in REGRESSION_DOSE_FIELDS:
        setattr(item, name, regression.get(name))
    item.override_reason = ""
    item.override_by = None
    item.save(update_fields=[*REGRESSION_DOSE_FIELDS, "exercise", "override_reason", "override_by"])
    ItemRegression.objects.filter(item=item).delete()
    _touch(program, by)
    revision = publish_program(
        program=program, by=by, screening_override_reason=screening_override_reason
    )
    step_back.status = StepBack.Status.ACCEPTED
    step_back.decided_by = by
    step_back.decided_at = timezone.now()
    step_back.published_revision = revision
    step_back.save(update_fields=["status", "decided_by", "decided_at", "published_revision"])
    _audit(program, by, f"step back accepted, published as version {revision.number}", step_back)
    return revision


@transaction.atomic
def reject_step_back(*, step_back: StepBack, by: User) -> StepBack:
    """Discard the proposed revision: the patient is back on the original item."""
    step_back = _locked_step_back(step_back, StepBack.Status.PENDING)
    step_back.status = StepBack.Status.REJECTED
    step_back.decided_by = by
    step_back.decided_at = timezone.now()
    step_back.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(step_back.program, by, "step back rejected, original exercise restored", step_back)
    return step_back


@transaction.atomic
def revert_step_back(
    *, step_back: StepBack, by: User, screening_override_reason: str = ""
) -> ProgramRevision:
    """Put the patient back on the original exercise after an accepted step back: the draft
    item gets the original exercise, dose and pre-approved regression back, published as the
    next revision."""
    step_back = _locked_step_back(step_back, StepBack.Status.ACCEPTED)
    program = _lock_program(step_back.program, None)
    if program.has_unpublished_changes:
        raise ValidationError(
            "The draft has other changes that are not published yet. Publish or undo them in "
            "the builder first.",
            code="draft_dirty",
        )
    item = _draft_item(step_back, program, step_back.to_exercise)
    original = step_back.original
    item.exercise = step_back.from_exercise
    for name in REGRESSION_DOSE_FIELDS:
        setattr(item, name, original.get(name))
    item.override_reason = original.get("override_reason", "")
    item.save(update_fields=[*REGRESSION_DOSE_FIELDS, "exercise", "override_reason"])
    regression = step_back.regression
    ItemRegression.objects.update_or_create(
        item=item,
        defaults={
            "exercise": step_back.to_exercise,
            "approved_by": step_back.decided_by or by,
            **{name: regression.get(name) for name in REGRESSION_DOSE_FIELDS},
        },
    )
    _touch(program, by)
    revision = publish_program(
        program=program, by=by, screening_override_reason=screening_override_reason
    )
    step_back.status = StepBack.Status.REVERTED
    step_back.reverted_by = by
    step_back.reverted_at = timezone.now()
    step_back.reverted_revision = revision
    step_back.save(update_fields=["status", "reverted_by", "reverted_at", "reverted_revision"])
    _audit(
        program,
        by,
        f"step back reverted, original published as version {revision.number}",
        step_back,
    )
    return revision


@transaction.atomic
def acknowledge_ease_off(*, notice: EaseOffNotice, by: User) -> EaseOffNotice:
    """A therapist has seen the worrying log: the patient's ease-off notice closes."""
    locked = EaseOffNotice.objects.select_for_update().get(pk=notice.pk)
    if not locked.is_open:
        raise ValidationError("This notice is already closed.", code="closed")
    locked.closed_at = timezone.now()
    locked.acknowledged_by = by
    locked.save(update_fields=["closed_at", "acknowledged_by"])
    _audit(locked.program, by, "ease-off notice acknowledged by the therapist", locked)
    return locked


def _audit(program: Program, by: User, detail: str, obj, *, created: bool = False) -> None:
    audit.record(
        action=audit.Action.CREATE if created else audit.Action.UPDATE,
        user=by,
        patient=program.patient,
        obj=obj,
        detail=detail,
    )


__all__ = [
    "VersionConflict",
    "accept_step_back",
    "acknowledge_ease_off",
    "after_log",
    "regression_choices",
    "regression_snapshot",
    "reject_step_back",
    "revert_step_back",
    "set_item_regression",
]
