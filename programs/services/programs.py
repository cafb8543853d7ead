"""Writes to home programs: the builder, publishing immutable revisions, protocol templates.

Every write to a program's draft goes through one of the functions below. Each locks the
program row, compares the version the user's page was built from with the stored one (a stale
page raises VersionConflict and nothing is saved), makes the change and bumps the version.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from clinic import audit
from clinic.models import Patient, User
from clinic.screening import GAP_LABELS, OVERRIDE_MIN_LENGTH, screening_status

from ..models import (
    DOSE_FIELDS,
    Exercise,
    Program,
    ProgramItem,
    ProgramRevision,
    ProtocolTemplate,
    TemplateItem,
)
from ..tasks import render_handouts_on_commit
from .changes import summarise_changes
from .check_ins import refresh_checkin_summary
from .clashes import checked_override_reason, hidden_clashes
from .notices import notify_patient_of_revision
from .snapshot import build_snapshot, snapshot_hash


class VersionConflict(Exception):
    """The program was saved by someone else after this user's page was built.

    `program` is the stored program (with `updated_by`), so the view can show who changed it,
    when, and what it looks like now.
    """

    def __init__(self, program: Program):
        self.program = program
        super().__init__(f"The program is now at version {program.version}.")


def _lock_program(program: Program, expected_version: int | None) -> Program:
    # No select_related on nullable foreign keys here: PostgreSQL refuses FOR UPDATE on the
    # nullable side of an outer join.
    locked = Program.objects.select_for_update().select_related("patient").get(pk=program.pk)
    if expected_version is not None and locked.version != expected_version:
        raise VersionConflict(Program.objects.select_related("updated_by").get(pk=program.pk))
    return locked


def _ensure_editable(program: Program) -> None:
    if program.is_archived:
        raise ValidationError(
            "This program is archived. Restore it before changing it.", code="archived"
        )


def _touch(program: Program, by: User, *fields: str, draft_changed: bool = True) -> None:
    """Save the listed fields and bump the version (the caller holds the row lock)."""
    program.version += 1
    program.updated_by = by
    if draft_changed:
        program.has_unpublished_changes = True
    program.save(
        update_fields=[
            *fields,
            "version",
            "updated_by",
            "has_unpublished_changes",
            "updated_at",
        ]
    )


def _record(action: str, program: Program, by: User, detail: str = "", obj=None) -> None:
    """The audit row for a write to a program, filed under its patient."""
    audit.record(action=action, user=by, patient=program.patient, obj=obj or program, detail=detail)


@dataclass
class LeftOut:
    exercise: Exercise
    reason: str


@dataclass
class NewProgram:
    program: Program
    left_out: list[LeftOut] = field(default_factory=list)


@transaction.atomic
def create_program(
    *,
    patient: Patient,
    by: User,
    title: str = "",
    goals: str = "",
    notes: str = "",
    start_date: date | None = None,
    review_date: date | None = None,
    template: ProtocolTemplate | None = None,
) -> NewProgram:
    """A new draft program, blank or copied from a protocol template.

    Template exercises the patient's precautions hide are left out (and listed), never added
    silently: the therapist can add them back from the library with a written reason.
    """
    if patient.is_archived:
        raise ValidationError("This patient is archived. Restore them before adding a program.")
    if template is not None and template.archived:
        raise ValidationError("That template is archived; pick another or restore it first.")
    title = title.strip() or (template.name if template else "")
    if not title:
        raise ValidationError({"title": "Give the program a title."})
    program = Program.objects.create(
        patient=patient,
        therapist=by,
        updated_by=by,
        title=title,
        goals=goals.strip() or (template.goals if template else ""),
        notes=notes.strip(),
        start_date=start_date or timezone.localdate(),
        review_date=review_date,
        template=template,
    )
    _record(
        audit.Action.CREATE,
        program,
        by,
        f"started from template “{template.name}”" if template else "",
    )
    result = NewProgram(program=program)
    if template is None:
        return result
    tags = patient.precaution_tags()
    template_items = template.items.select_related("exercise").prefetch_related(
        "exercise__contraindications"
    )
    items = []
    for template_item in template_items:
        exercise = template_item.exercise
        if exercise.archived:
            result.left_out.append(LeftOut(exercise, "archived in the library"))
            continue
        hidden = hidden_clashes(exercise, tags)
        if hidden:
            labels = ", ".join(c.tag_label for c in hidden)
            result.left_out.append(LeftOut(exercise, f"hidden for {labels}"))
            continue
        items.append(
            ProgramItem(
                program=program,
                exercise=exercise,
                order=len(items),
                **{name: getattr(template_item, name) for name in DOSE_FIELDS},
            )
        )
    ProgramItem.objects.bulk_create(items)
    return result


@transaction.atomic
def update_program_details(
    *,
    program: Program,
    by: User,
    expected_version: int,
    title: str,
    goals: str,
    notes: str,
    start_date: date,
    review_date: date | None,
) -> Program:
    locked = _lock_program(program, expected_version)
    _ensure_editable(locked)
    if review_date is not None and review_date < start_date:
        raise ValidationError({"review_date": "The review date can't be before the start date."})
    start_changed = locked.start_date != start_date
    locked.title = title.strip()
    locked.goals = goals.strip()
    locked.notes = notes.strip()
    locked.start_date = start_date
    locked.review_date = review_date
    locked.full_clean(exclude=["patient", "therapist", "template", "current_revision"])
    _touch(locked, by, "title", "goals", "notes", "start_date", "review_date")
    _record(audit.Action.UPDATE, locked, by, "details saved")
    if start_changed:
        refresh_checkin_summary(program=locked)  # silence before the first log counts from it
    return locked


@transaction.atomic
def add_program_item(
    *,
    program: Program,
    exercise: Exercise,
    by: User,
    expected_version: int,
    override_reason: str = "",
) -> ProgramItem:
    """Add an exercise at the end, dosed from the exercise's defaults.

    An exercise the patient's precautions hide needs `override_reason` (stored with who wrote
    it); a reason given for any other exercise is kept as the clinician's approval note.
    """
    locked = _lock_program(program, expected_version)
    _ensure_editable(locked)
    exercise = Exercise.objects.prefetch_related("contraindications").get(pk=exercise.pk)
    if exercise.archived:
        raise ValidationError(f"{exercise.name} is archived in the library and can't be added.")
    reason = checked_override_reason(exercise, locked.patient.precaution_tags(), override_reason)
    last = locked.items.aggregate(last=Max("order"))["last"]
    item = ProgramItem(
        program=locked,
        exercise=exercise,
        order=0 if last is None else last + 1,
        override_reason=reason,
        override_by=by if reason else None,
    )
    item.apply_exercise_defaults(exercise)
    item.save()
    _touch(locked, by)
    _record(audit.Action.UPDATE, locked, by, f"added {exercise.name}")
    return item


def _locked_item(item: ProgramItem, expected_version: int) -> tuple[Program, ProgramItem]:
    locked = _lock_program(Program(pk=item.program_id), expected_version)
    _ensure_editable(locked)
    current = (
        locked.items.select_related("exercise")
        .prefetch_related("exercise__contraindications")
        .get(pk=item.pk)
    )
    return locked, current


@transaction.atomic
def update_program_item(
    *,
    item: ProgramItem,
    by: User,
    expected_version: int,
    dose: Mapping[str, object],
) -> ProgramItem:
    """Change one item's dosage and note (any of DOSE_FIELDS)."""
    unknown = set(dose) - set(DOSE_FIELDS)
    if unknown:
        raise ValueError(f"Not dosage fields: {', '.join(sorted(unknown))}")
    locked, current = _locked_item(item, expected_version)
    for name, value in dose.items():
        setattr(current, name, value)
    current.full_clean(exclude=["program", "exercise", "override_by"])
    current.save(update_fields=list(dose))
    _touch(locked, by)
    _record(audit.Action.UPDATE, locked, by, f"dose of {current.exercise.name} saved")
    return current


@transaction.atomic
def record_item_override(
    *, item: ProgramItem, reason: str, by: User, expected_version: int
) -> ProgramItem:
    """Record (or change) why a hidden exercise is prescribed, or a clinician's approval."""
    locked, current = _locked_item(item, expected_version)
    reason = checked_override_reason(current.exercise, locked.patient.precaution_tags(), reason)
    current.override_reason = reason
    current.override_by = by if reason else None
    current.save(update_fields=["override_reason", "override_by"])
    _touch(locked, by)
    _record(
        audit.Action.UPDATE,
        locked,
        by,
        f"override reason for {current.exercise.name} saved",
    )
    return current


@transaction.atomic
def remove_program_item(*, item: ProgramItem, by: User, expected_version: int) -> None:
    """Take an exercise out of the draft. Published revisions keep their own copy."""
    locked, current = _locked_item(item, expected_version)
    current.delete()
    _touch(locked, by)
    _record(audit.Action.UPDATE, locked, by, f"removed {current.exercise.name}")


@transaction.atomic
def reorder_program_items(
    *,
    program: Program,
    item_ids: Sequence[int],
    by: User,
    expected_version: int,
) -> Program:
    """Put the draft's items in the given order. The ids must be exactly this program's items."""
    locked = _lock_program(program, expected_version)
    _ensure_editable(locked)
    items = {item.pk: item for item in locked.items.all()}
    ids = list(item_ids)
    if len(ids) != len(set(ids)) or set(ids) != set(items):
        raise ValidationError(
            "The new order must list every exercise of this program exactly once.",
            code="invalid_order",
        )
    moved = []
    for position, pk in enumerate(ids):
        if items[pk].order != position:
            items[pk].order = position
            moved.append(items[pk])
    if moved:
        ProgramItem.objects.bulk_update(moved, ["order"])
        _touch(locked, by)
        _record(audit.Action.UPDATE, locked, by, "exercises reordered")
    return locked


def checked_screening_override(*, program: Program, by: User, reason: str) -> tuple[str, str]:
    """(gap code, reason) when the patient's screening gate is shut and a clinician overrides it
    with a written reason; ("", "") when the gate is open. Raises ValidationError (code: the gap,
    or `override_not_allowed` / `override_too_short`) otherwise."""
    status = screening_status(program.patient)
    if status.ok:
        return "", ""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(f"{status.message} {status.next_step}", code=status.code)
    if not by.is_therapist:
        raise ValidationError(
            "Only a clinician can publish a program without a current red-flag screen and consent.",
            code="override_not_allowed",
        )
    if len(reason) < OVERRIDE_MIN_LENGTH:
        raise ValidationError(
            f"Write at least {OVERRIDE_MIN_LENGTH} characters: why is it safe to publish "
            f"without this ({status.gap_label})?",
            code="override_too_short",
        )
    return status.code, reason


@transaction.atomic
def publish_program(
    *,
    program: Program,
    by: User,
    expected_version: int | None = None,
    screening_override_reason: str = "",
) -> ProgramRevision:
    """Publish the draft as a new immutable revision the patient will see.

    Refused when the patient needs clearance; when they have no signed red-flag screen within
    the clinic's window or no consent to a home program (clinic/screening.py), unless a
    therapist writes `screening_override_reason` (kept on the revision and in the audit log);
    when the draft is empty or unchanged since the last revision, and while a hidden exercise
    has no written override reason. The patient is emailed that it is ready (or updated) when
    they can be (see notices.py), in this transaction.
    """
    program = _lock_program(program, expected_version)
    _ensure_editable(program)
    if not program.patient.can_receive_program():
        raise ValidationError(
            "This patient needs clearance: an emergency or urgent red flag has no clinician "
            "decision yet, so no home program can be published.",
            code="needs_clearance",
        )
    gap, override_reason = checked_screening_override(
        program=program, by=by, reason=screening_override_reason
    )
    items = list(
        program.items.select_related("exercise").prefetch_related("exercise__contraindications")
    )
    if not items:
        raise ValidationError("Add at least one exercise before publishing.", code="empty")
    tags = program.patient.precaution_tags()
    unexplained = [
        item.exercise.name
        for item in items
        if hidden_clashes(item.exercise, tags) and not item.override_reason.strip()
    ]
    if unexplained:
        raise ValidationError(
            f"Hidden for this patient's precautions: {', '.join(unexplained)}. Write an override "
            "reason for each, or remove them, before publishing.",
            code="override_required",
        )
    snapshot = build_snapshot(program)
    digest = snapshot_hash(snapshot)
    last = program.revisions.order_by("-number").first()
    if last is not None and last.content_hash == digest:
        raise ValidationError(
            f"Nothing has changed since version {last.number}, so there is nothing to publish.",
            code="unchanged",
        )
    revision = ProgramRevision.objects.create(
        program=program,
        number=(last.number + 1) if last else 1,
        published_by=by,
        published_at=timezone.now(),
        snapshot=snapshot,
        changes=summarise_changes(last.snapshot if last else None, snapshot),
        content_hash=digest,
        screening_gap=gap,
        screening_override_reason=override_reason,
    )
    program.current_revision = revision
    program.status = Program.Status.PUBLISHED
    program.has_unpublished_changes = False
    program.version += 1
    program.updated_by = by
    program.save(
        update_fields=[
            "current_revision",
            "status",
            "has_unpublished_changes",
            "version",
            "updated_by",
            "updated_at",
        ]
    )
    if revision.number == 1:
        refresh_checkin_summary(program=program)  # the program starts for the patient now
    _record(
        audit.Action.PUBLISH,
        program,
        by,
        f"published without a current screen ({GAP_LABELS[gap]}); reason: {override_reason}"
        if gap
        else "",
        obj=revision,
    )
    notify_patient_of_revision(revision=revision, by=by)
    render_handouts_on_commit(program)  # the worker stores the PDF before anyone asks
    return revision


@transaction.atomic
def archive_program(*, program: Program, by: User, expected_version: int) -> Program:
    """Archive (never delete): the patient stops seeing it; every revision is kept."""
    locked = _lock_program(program, expected_version)
    if locked.is_archived:
        return locked
    locked.status = Program.Status.ARCHIVED
    _touch(locked, by, "status", draft_changed=False)
    _record(audit.Action.ARCHIVE, locked, by, "program archived")
    return locked


@transaction.atomic
def restore_program(*, program: Program, by: User, expected_version: int) -> Program:
    locked = _lock_program(program, expected_version)
    if not locked.is_archived:
        return locked
    locked.status = Program.Status.PUBLISHED if locked.current_revision_id else Program.Status.DRAFT
    _touch(locked, by, "status", draft_changed=False)
    # The audit log has no "restore" action: bringing a program back is a change to it.
    _record(audit.Action.UPDATE, locked, by, "program restored from the archive")
    return locked


# --- Templates --------------------------------------------------------------------------------


@transaction.atomic
def save_program_as_template(
    *,
    program: Program,
    name: str,
    description: str,
    by: User,
    expected_version: int | None = None,
) -> ProtocolTemplate:
    """A clinic template from the draft's exercises, order and dosage.

    Notes written for this patient and overrides of their precautions are not copied.
    """
    program = _lock_program(program, expected_version)
    name = name.strip()
    if ProtocolTemplate.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A template with this name already exists."})
    items = list(program.items.select_related("exercise"))
    if not items:
        raise ValidationError("Add at least one exercise before saving this as a template.")
    template = ProtocolTemplate.objects.create(
        name=name, description=description.strip(), goals=program.goals, created_by=by
    )
    TemplateItem.objects.bulk_create(
        TemplateItem(
            template=template,
            exercise=item.exercise,
            order=position,
            **{name: getattr(item, name) for name in DOSE_FIELDS if name != "note"},
        )
        for position, item in enumerate(items)
    )
    _record(
        audit.Action.CREATE,
        program,
        by,
        f"template saved from program “{program.title}”",
        obj=template,
    )
    return template


def archive_template(*, template: ProtocolTemplate) -> ProtocolTemplate:
    """Retire a template: it leaves the pickers; programs started from it are untouched."""
    template.archived = True
    template.save(update_fields=["archived", "updated_at"])
    return template


def restore_template(*, template: ProtocolTemplate) -> ProtocolTemplate:
    template.archived = False
    template.save(update_fields=["archived", "updated_at"])
    return template
