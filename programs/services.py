"""Writes to home programs: the builder, protocol templates and publishing immutable revisions.

A revision's snapshot is self-contained (schema below) so the portal page, the PDF handout and
the revision history never read the library or the working draft.

Snapshot schema (version 1)::

    {"schema": 1, "title", "goals", "notes", "start_date": "YYYY-MM-DD",
     "review_date": "YYYY-MM-DD" | None, "therapist": {"name", "title"},
     "items": [{"position": 1, "sets", "reps", "hold_s", "duration_min", "side", "side_label",
                "times_per_day", "days_per_week", "tempo", "note", "override_reason",
                "override_by", "item_id", "dose_text", "frequency_text",
                "exercise": {"slug", "name", "category", "category_label", "summary",
                             "target_muscles", "equipment", "start_position", "steps", "agonist",
                             "cues", "stop_rules", "per_side", "figure", "photo", "video_url",
                             "precaution_notes",
                             "contraindications": [{"tag", "action", "note"}]}}]}

Keys are only ever added (readers use ``.get`` for the newer ones): ``item_id`` (the draft item's
id, so the change summary can follow an item that moved) and ``override_by`` (the name of the
clinician who recorded an override or approval) came with the builder.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from clinic import audit, redflags
from clinic.models import Patient, RedFlag, User

from .adherence import PainPoint, checkin_summary
from .models import (
    Contraindication,
    Exercise,
    PrecautionTag,
    Program,
    ProgramItem,
    ProgramRevision,
    ProtocolTemplate,
    SessionLog,
    Side,
    TemplateItem,
)

SNAPSHOT_SCHEMA = 1

UNIVERSAL_STOP_RULES = [
    "Sharp pain, or pain that keeps increasing.",
    "Symptoms spreading further down your leg.",
    "New numbness or weakness.",
    "Any of the emergency symptoms in the safety box: stop and get help at once.",
]


def frequency_text(times_per_day: int, days_per_week: int) -> str:
    per_day = {1: "once a day", 2: "twice a day"}.get(times_per_day, f"{times_per_day} times a day")
    if days_per_week == 7:
        return "daily" if times_per_day == 1 else per_day
    days = "day" if days_per_week == 1 else "days"
    return f"{per_day}, {days_per_week} {days} a week"


def dose_text(item) -> str:
    """A short plain description of the dose, e.g. "1 set of 10, hold 2 s, each side"."""
    parts = []
    if item.reps:
        parts.append(f"{item.sets} set{'s' if item.sets != 1 else ''} of {item.reps}")
    elif item.sets > 1:
        parts.append(f"{item.sets} sets")
    if item.hold_s:
        parts.append(f"hold {item.hold_s} s")
    if item.duration_min:
        parts.append(f"{item.duration_min} min")
    side = {
        Side.BOTH: "each side",
        Side.LEFT: "left side",
        Side.RIGHT: "right side",
        Side.ALTERNATE: "alternating sides",
    }.get(item.side)
    if side:
        parts.append(side)
    return ", ".join(parts) or "as shown"


def exercise_snapshot(exercise: Exercise) -> dict:
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "category": exercise.category,
        "category_label": exercise.get_category_display(),
        "summary": exercise.summary,
        "target_muscles": list(exercise.target_muscles),
        "equipment": list(exercise.equipment),
        "start_position": exercise.start_position,
        "steps": list(exercise.steps),
        "agonist": exercise.agonist,
        "cues": list(exercise.cues),
        "stop_rules": list(exercise.stop_rules),
        "per_side": exercise.per_side,
        "figure": exercise.figure,
        "photo": exercise.photo.name if exercise.photo else "",
        "video_url": exercise.video_url,
        "precaution_notes": exercise.precaution_notes,
        "contraindications": [
            {"tag": c.tag, "action": c.action, "note": c.note}
            for c in exercise.contraindications.all()
        ],
    }


def item_snapshot(item: ProgramItem, position: int) -> dict:
    return {
        "position": position,
        "sets": item.sets,
        "reps": item.reps,
        "hold_s": item.hold_s,
        "duration_min": item.duration_min,
        "side": item.side,
        "side_label": Side(item.side).label,
        "times_per_day": item.times_per_day,
        "days_per_week": item.days_per_week,
        "tempo": item.tempo,
        "note": item.note,
        "override_reason": item.override_reason,
        "override_by": item.override_by.get_full_name() if item.override_by else "",
        "item_id": item.pk,
        "dose_text": dose_text(item),
        "frequency_text": frequency_text(item.times_per_day, item.days_per_week),
        "exercise": exercise_snapshot(item.exercise),
    }


def build_snapshot(program: Program) -> dict:
    items = program.items.select_related("exercise", "override_by").prefetch_related(
        "exercise__contraindications"
    )
    return {
        "schema": SNAPSHOT_SCHEMA,
        "title": program.title,
        "goals": program.goals,
        "notes": program.notes,
        "start_date": program.start_date.isoformat(),
        "review_date": program.review_date.isoformat() if program.review_date else None,
        "therapist": {"name": program.therapist.get_full_name(), "title": program.therapist.title},
        "items": [item_snapshot(item, n) for n, item in enumerate(items, start=1)],
    }


def snapshot_hash(snapshot: dict) -> str:
    return hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


# --- Builder ----------------------------------------------------------------------------------
#
# Every write to a program's draft goes through one of the functions below. Each locks the
# program row, compares the version the user's page was built from with the stored one (a stale
# page raises VersionConflict and nothing is saved), makes the change and bumps the version.

DOSE_FIELDS = (
    "sets",
    "reps",
    "hold_s",
    "duration_min",
    "side",
    "times_per_day",
    "days_per_week",
    "tempo",
    "note",
)
MIN_OVERRIDE_REASON_LENGTH = 10
_ACTION_RANK = {
    Contraindication.Action.HIDE: 0,
    Contraindication.Action.APPROVAL: 1,
    Contraindication.Action.CAUTION: 2,
}
_TAG_LABELS = dict(PrecautionTag.choices)
_ACTION_LABELS = dict(Contraindication.Action.choices)


@dataclass(frozen=True)
class Clash:
    """One of an exercise's contraindication rules that applies to this patient (CLINICAL §4.2)."""

    tag: str
    action: str
    note: str

    @property
    def tag_label(self) -> str:
        return _TAG_LABELS.get(self.tag, self.tag)

    @property
    def action_label(self) -> str:
        return _ACTION_LABELS.get(self.action, self.action)

    @property
    def is_hide(self) -> bool:
        return self.action == Contraindication.Action.HIDE

    @property
    def is_approval(self) -> bool:
        return self.action == Contraindication.Action.APPROVAL

    @property
    def is_caution(self) -> bool:
        return self.action == Contraindication.Action.CAUTION


def exercise_clashes(exercise: Exercise, precaution_tags: Iterable[str]) -> list[Clash]:
    """The exercise's rules that match the patient's precaution tags, most serious first.

    Reads `exercise.contraindications.all()`: prefetch it when checking many exercises.
    """
    tags = set(precaution_tags)
    clashes = [
        Clash(tag=c.tag, action=c.action, note=c.note)
        for c in exercise.contraindications.all()
        if c.tag in tags
    ]
    return sorted(clashes, key=lambda c: (_ACTION_RANK.get(c.action, 9), c.tag))


def hidden_clashes(exercise: Exercise, precaution_tags: Iterable[str]) -> list[Clash]:
    return [c for c in exercise_clashes(exercise, precaution_tags) if c.is_hide]


@dataclass(frozen=True)
class PatientCautions:
    """What one exercise tells this patient to take care with, on every page they read."""

    notes: tuple[str, ...] = ()  # the exercise's "caution" notes for the patient's precautions
    stop_rules: tuple[str, ...] = ()  # the exercise's own stop rules, for everyone

    def __bool__(self) -> bool:
        return bool(self.notes or self.stop_rules)


def patient_cautions(exercise: Mapping, precaution_tags: Iterable[str]) -> PatientCautions:
    """The cautions of one snapshot exercise for a patient with these precaution tags (§4.2).

    The portal card, the follow-along page, the patient's revision page and the PDF handout all
    print exactly this, so they cannot drift apart. Only "caution" rules are patient advice
    (their notes are written to the patient); a "hide" or "approval" rule was settled by the
    clinician before publishing, and the exercise's `precaution_notes` are for staff.
    """
    tags = set(precaution_tags)
    notes: list[str] = []
    for rule in exercise.get("contraindications") or ():
        if rule.get("action") != Contraindication.Action.CAUTION or rule.get("tag") not in tags:
            continue
        note = (rule.get("note") or "").strip()
        if note and note not in notes:
            notes.append(note)
    stop_rules = tuple(rule for rule in exercise.get("stop_rules") or () if rule)
    return PatientCautions(notes=tuple(notes), stop_rules=stop_rules)


def _checked_override_reason(exercise: Exercise, tags: Iterable[str], reason: str) -> str:
    """The override reason to store; refuses a hidden exercise without a written reason."""
    reason = (reason or "").strip()
    hidden = hidden_clashes(exercise, tags)
    if hidden and len(reason) < MIN_OVERRIDE_REASON_LENGTH:
        labels = ", ".join(c.tag_label for c in hidden)
        raise ValidationError(
            f"{exercise.name} is hidden for this patient ({labels}). To prescribe it anyway, "
            f"write why in at least {MIN_OVERRIDE_REASON_LENGTH} characters.",
            code="override_required",
        )
    return reason


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


def _touch(program: Program, user: User, *fields: str, draft_changed: bool = True) -> None:
    """Save the listed fields and bump the version (the caller holds the row lock)."""
    program.version += 1
    program.updated_by = user
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
    created_by: User,
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
        therapist=created_by,
        updated_by=created_by,
        title=title,
        goals=goals.strip() or (template.goals if template else ""),
        notes=notes.strip(),
        start_date=start_date or timezone.localdate(),
        review_date=review_date,
        template=template,
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
    changed_by: User,
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
    _touch(locked, changed_by, "title", "goals", "notes", "start_date", "review_date")
    if start_changed:
        refresh_checkin_summary(program=locked)  # silence before the first log counts from it
    return locked


@transaction.atomic
def add_program_item(
    *,
    program: Program,
    exercise: Exercise,
    added_by: User,
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
    reason = _checked_override_reason(exercise, locked.patient.precaution_tags(), override_reason)
    last = locked.items.aggregate(last=Max("order"))["last"]
    item = ProgramItem(
        program=locked,
        exercise=exercise,
        order=0 if last is None else last + 1,
        override_reason=reason,
        override_by=added_by if reason else None,
    )
    item.apply_exercise_defaults(exercise)
    item.save()
    _touch(locked, added_by)
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
    changed_by: User,
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
    _touch(locked, changed_by)
    return current


@transaction.atomic
def record_item_override(
    *, item: ProgramItem, reason: str, recorded_by: User, expected_version: int
) -> ProgramItem:
    """Record (or change) why a hidden exercise is prescribed, or a clinician's approval."""
    locked, current = _locked_item(item, expected_version)
    reason = _checked_override_reason(current.exercise, locked.patient.precaution_tags(), reason)
    current.override_reason = reason
    current.override_by = recorded_by if reason else None
    current.save(update_fields=["override_reason", "override_by"])
    _touch(locked, recorded_by)
    return current


@transaction.atomic
def remove_program_item(*, item: ProgramItem, removed_by: User, expected_version: int) -> None:
    """Take an exercise out of the draft. Published revisions keep their own copy."""
    locked, current = _locked_item(item, expected_version)
    current.delete()
    _touch(locked, removed_by)


@transaction.atomic
def reorder_program_items(
    *,
    program: Program,
    item_ids: Sequence[int],
    changed_by: User,
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
        _touch(locked, changed_by)
    return locked


@transaction.atomic
def publish_program(
    *, program: Program, published_by: User, expected_version: int | None = None
) -> ProgramRevision:
    """Publish the draft as a new immutable revision the patient will see.

    Refused when the patient needs clearance, when the draft is empty or unchanged since the
    last revision, and while a hidden exercise has no written override reason.
    """
    program = _lock_program(program, expected_version)
    _ensure_editable(program)
    if not program.patient.can_receive_program():
        raise ValidationError(
            "This patient needs clearance: an emergency or urgent red flag has no clinician "
            "decision yet, so no home program can be published.",
            code="needs_clearance",
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
        published_by=published_by,
        published_at=timezone.now(),
        snapshot=snapshot,
        changes=summarise_changes(last.snapshot if last else None, snapshot),
        content_hash=digest,
    )
    program.current_revision = revision
    program.status = Program.Status.PUBLISHED
    program.has_unpublished_changes = False
    program.version += 1
    program.updated_by = published_by
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
    return revision


@transaction.atomic
def archive_program(*, program: Program, changed_by: User, expected_version: int) -> Program:
    """Archive (never delete): the patient stops seeing it; every revision is kept."""
    locked = _lock_program(program, expected_version)
    if locked.is_archived:
        return locked
    locked.status = Program.Status.ARCHIVED
    _touch(locked, changed_by, "status", draft_changed=False)
    return locked


@transaction.atomic
def restore_program(*, program: Program, changed_by: User, expected_version: int) -> Program:
    locked = _lock_program(program, expected_version)
    if not locked.is_archived:
        return locked
    locked.status = Program.Status.PUBLISHED if locked.current_revision_id else Program.Status.DRAFT
    _touch(locked, changed_by, "status", draft_changed=False)
    return locked


# --- Templates --------------------------------------------------------------------------------


@transaction.atomic
def save_program_as_template(
    *,
    program: Program,
    name: str,
    description: str,
    created_by: User,
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
        name=name, description=description.strip(), goals=program.goals, created_by=created_by
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


# --- What changed between two revisions -------------------------------------------------------

_DOSE_CHANGE_LABELS = (
    ("sets", "sets", ""),
    ("reps", "reps", ""),
    ("hold_s", "hold", " s"),
    ("duration_min", "minutes", ""),
    ("side_label", "side", ""),
    ("times_per_day", "times a day", ""),
    ("days_per_week", "days a week", ""),
    ("tempo", "tempo or breathing cue", ""),
)


def _shown(value, unit: str = "") -> str:
    return "none" if value in (None, "") else f"{value}{unit}"


def _quoted(text: str, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    if not text:
        return "(none)"
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _match_items(old: list[dict], new: list[dict]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same item: by draft item id, then by exercise."""
    pairs: list[tuple[int, int]] = []
    old_by_id = {it["item_id"]: i for i, it in enumerate(old) if it.get("item_id") is not None}
    matched_old: set[int] = set()
    unmatched_new = []
    for j, it in enumerate(new):
        i = old_by_id.get(it.get("item_id"))
        if i is not None and i not in matched_old:
            pairs.append((i, j))
            matched_old.add(i)
        else:
            unmatched_new.append(j)
    # Older snapshots have no item ids: pair the rest by exercise, in order.
    spare_old: dict[str, list[int]] = {}
    for i, it in enumerate(old):
        if i not in matched_old:
            spare_old.setdefault(it["exercise"]["slug"], []).append(i)
    for j in unmatched_new:
        candidates = spare_old.get(new[j]["exercise"]["slug"])
        if candidates:
            pairs.append((candidates.pop(0), j))
    return sorted(pairs, key=lambda pair: pair[1])


def _longest_increasing(values: list[int], shifts: list[int] | None = None) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (O(n²), n is small).

    Of several equally long ones, the one whose members shifted least (`shifts`): when one
    exercise moves up past another, it is the one that moved, not the one it passed.
    """
    if not values:
        return set()
    shifts = shifts or [0] * len(values)
    # Length first (a large weight per member), then the least total shift.
    big = 1 + sum(shifts)
    weight = [big - shift for shift in shifts]
    best = list(weight)
    previous = [-1] * len(values)
    for j in range(len(values)):
        for i in range(j):
            if values[i] < values[j] and best[i] + weight[j] > best[j]:
                best[j], previous[j] = best[i] + weight[j], i
    end = max(range(len(values)), key=best.__getitem__)
    keep = set()
    while end != -1:
        keep.add(end)
        end = previous[end]
    return keep


def summarise_changes(old: dict | None, new: dict) -> list[dict]:
    """What changed from one snapshot to the next, as short plain sentences.

    Each change is {"kind", "exercise", "text"}; kinds: first, title, goals, notes, dates,
    added, removed, moved, dose, note, override, instructions.
    """
    if old is None:
        count = len(new["items"])
        return [
            {
                "kind": "first",
                "exercise": "",
                "text": f"First version, with {count} exercise{'s' if count != 1 else ''}.",
            }
        ]
    changes: list[dict] = []

    def change(kind: str, text: str, exercise: str = "") -> None:
        changes.append({"kind": kind, "exercise": exercise, "text": text})

    if old.get("title") != new.get("title"):
        change("title", f"Title: {_quoted(old.get('title'))} → {_quoted(new.get('title'))}")
    if (old.get("goals") or "") != (new.get("goals") or ""):
        change("goals", f"Goals changed to {_quoted(new.get('goals'), 160)}")
    if (old.get("notes") or "") != (new.get("notes") or ""):
        change("notes", f"General notes changed to {_quoted(new.get('notes'), 160)}")
    for key, label in (("start_date", "Start date"), ("review_date", "Review date")):
        if old.get(key) != new.get(key):
            change("dates", f"{label}: {_shown(old.get(key))} → {_shown(new.get(key))}")

    old_items, new_items = old.get("items", []), new.get("items", [])
    pairs = _match_items(old_items, new_items)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for i, it in enumerate(old_items):
        if i not in paired_old:
            change("removed", f"Removed {it['exercise']['name']}", it["exercise"]["name"])
    for j, it in enumerate(new_items):
        if j not in paired_new:
            name = it["exercise"]["name"]
            change("added", f"Added {name} at position {j + 1} ({it.get('dose_text')})", name)

    in_place = _longest_increasing([i for i, _ in pairs], [abs(i - j) for i, j in pairs])
    for n, (i, j) in enumerate(pairs):
        name = new_items[j]["exercise"]["name"]
        if n not in in_place:
            change("moved", f"Moved {name} from position {i + 1} to {j + 1}", name)
    for i, j in pairs:
        before, after = old_items[i], new_items[j]
        name = after["exercise"]["name"]
        dose = [
            f"{label} {_shown(before.get(key), unit)} → {_shown(after.get(key), unit)}"
            for key, label, unit in _DOSE_CHANGE_LABELS
            if before.get(key) != after.get(key)
        ]
        if dose:
            change("dose", f"{name}: {'; '.join(dose)}", name)
        if (before.get("note") or "") != (after.get("note") or ""):
            change(
                "note",
                f"Note for {name}: {_quoted(before.get('note'))} → {_quoted(after.get('note'))}",
                name,
            )
        if (before.get("override_reason") or "") != (after.get("override_reason") or ""):
            change(
                "override",
                f"Override for {name}: {_quoted(after.get('override_reason'), 160)}",
                name,
            )
        if before["exercise"] != after["exercise"]:
            change("instructions", f"Instructions for {name} updated from the library", name)
    return changes


# Portal ---------------------------------------------------------------------------------------
# The patient's side: one session log per program per day, and the short safety re-screen
# (CLINICAL §2.3-6: tier E and U questions at every home-program check-in).


@dataclass(frozen=True)
class CheckInResult:
    log: SessionLog | None  # None when only the safety answers could be recorded
    created: bool
    screening: redflags.Screening
    flags: list[RedFlag]  # every open flag behind a "yes" today (new or already open)

    @property
    def is_emergency(self) -> bool:
        return self.screening.is_emergency


@transaction.atomic
def record_check_in(
    *,
    program: Program,
    by: User,
    safety_answers: dict[str, bool],
    log: dict | None,
    day: date | None = None,
) -> CheckInResult:
    """Open a check-in flag for every "yes", then save the day's log (update, never duplicate).

    `log` holds exercises_done, back_pain, leg_pain, leg_symptoms and comment; it is None when
    the rest of the form was incomplete, so a "yes" is never lost to a missing pain score.
    A "yes" to a flag that is already open for the patient does not open a second one.
    """
    patient = program.patient
    day = day or timezone.localdate()
    unknown = set(safety_answers) - set(redflags.SHORT_FORM_CODES)
    if unknown:
        raise ValueError(f"Not check-in questions: {sorted(unknown)}")
    screening = redflags.evaluate(safety_answers, age=None, sex=None, derived={})
    flags = []
    if screening.positives:
        already_open = {
            flag.code: flag
            for flag in RedFlag.objects.select_for_update().filter(
                patient=patient, status=RedFlag.Status.OPEN, code__in=screening.codes
            )
        }
        now = timezone.now()
        for hit in screening.positives:
            flag = already_open.get(hit.code)
            if flag is None:
                flag = RedFlag.objects.create(
                    patient=patient,
                    code=hit.code,
                    tier=hit.tier,
                    source=RedFlag.Source.CHECK_IN,
                    reason=f"Home-program check-in on {day:%-d %b %Y}. {hit.reason}.",
                    raised_by=by,
                    instruction_shown_at=now,
                )
                audit.record(
                    action=audit.Action.CREATE,
                    user=by,
                    patient=patient,
                    obj=flag,
                    detail=f"Check-in red flag {hit.code} (tier {hit.tier})",
                )
            flags.append(flag)

    session_log, created = None, False
    if log is not None:
        revision = program.current_revision
        positions = {item["position"] for item in revision.items}
        done = sorted({int(p) for p in log["exercises_done"]})
        if not set(done) <= positions:
            raise ValidationError("That exercise is not in the current program.")
        session_log, created = SessionLog.objects.update_or_create(
            program=program,
            date=day,
            defaults={
                "patient": patient,
                "revision": revision,
                "exercises_done": done,
                "back_pain": log["back_pain"],
                "leg_pain": log["leg_pain"],
                "leg_symptoms": log["leg_symptoms"],
                "comment": log.get("comment", "").strip(),
            },
        )
        refresh_checkin_summary(program=program)
        audit.record(
            action=audit.Action.CREATE if created else audit.Action.UPDATE,
            user=by,
            patient=patient,
            obj=session_log,
            detail=f"Session log for {day:%-d %b %Y}",
        )
    return CheckInResult(log=session_log, created=created, screening=screening, flags=flags)


def _log_value(program_logs, order: str, field: str):
    return Subquery(program_logs.order_by(order).values(field)[:1])


@transaction.atomic
def refresh_checkin_summary(*, program: Program) -> None:
    """Recompute the program's check-in summary (see Program) from its logs and revisions.

    Call it in the transaction of every write that changes what the summary reads: a session
    log created, changed or moved, the first revision published, the start date changed.
    Three queries: lock the program row, read the first and last logs, the latest spread and
    the first publication by index seeks, write the columns. The lock comes first so that, on
    PostgreSQL, the read sees every log committed by a concurrent refresh of the same program.
    """
    start_date = (
        Program.objects.select_for_update()
        .filter(pk=program.pk)
        .values_list("start_date", flat=True)
        .get()
    )
    logs = SessionLog.objects.filter(program=OuterRef("pk"))
    found = (
        Program.objects.filter(pk=program.pk)
        .values(
            first_published=Subquery(
                ProgramRevision.objects.filter(program=OuterRef("pk"))
                .order_by("number")
                .values("published_at")[:1]
            ),
            first_on=_log_value(logs, "date", "date"),
            first_back=_log_value(logs, "date", "back_pain"),
            first_leg=_log_value(logs, "date", "leg_pain"),
            last_on=_log_value(logs, "-date", "date"),
            last_back=_log_value(logs, "-date", "back_pain"),
            last_leg=_log_value(logs, "-date", "leg_pain"),
            last_spread=_log_value(
                logs.filter(leg_symptoms=SessionLog.LegSymptoms.FURTHER_DOWN), "-date", "date"
            ),
        )
        .get()
    )
    first = last = None
    if found["first_on"] is not None:
        first = PainPoint(found["first_on"], found["first_back"], found["first_leg"])
        last = PainPoint(found["last_on"], found["last_back"], found["last_leg"])
    summary = checkin_summary(
        start_date=start_date,
        first_published=found["first_published"],
        first=first,
        last=last,
        last_spread=found["last_spread"],
    )
    Program.objects.filter(pk=program.pk).update(**summary)  # leaves updated_at alone
    for name, value in summary.items():
        setattr(program, name, value)
