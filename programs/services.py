"""Writes to home programs: publishing immutable revisions.

A revision's snapshot is self-contained (schema below) so the portal page, the PDF handout and
the revision history never read the library or the working draft.

Snapshot schema (version 1)::

    {"schema": 1, "title", "goals", "notes", "start_date": "YYYY-MM-DD",
     "review_date": "YYYY-MM-DD" | None, "therapist": {"name", "title"},
     "items": [{"position": 1, "sets", "reps", "hold_s", "duration_min", "side", "side_label",
                "times_per_day", "days_per_week", "tempo", "note", "override_reason",
                "dose_text", "frequency_text",
                "exercise": {"slug", "name", "category", "category_label", "summary",
                             "target_muscles", "equipment", "start_position", "steps", "agonist",
                             "cues", "stop_rules", "per_side", "figure", "photo", "video_url",
                             "precaution_notes",
                             "contraindications": [{"tag", "action", "note"}]}}]}
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clinic import redflags
from clinic.models import RedFlag, User

from .models import Exercise, Program, ProgramItem, ProgramRevision, SessionLog, Side

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
        "dose_text": dose_text(item),
        "frequency_text": frequency_text(item.times_per_day, item.days_per_week),
        "exercise": exercise_snapshot(item.exercise),
    }


def build_snapshot(program: Program) -> dict:
    items = program.items.select_related("exercise").prefetch_related("exercise__contraindications")
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


@transaction.atomic
def publish_program(*, program: Program, published_by: User) -> ProgramRevision:
    """Publish the draft as a new immutable revision the patient will see."""
    program = Program.objects.select_for_update().select_related("patient").get(pk=program.pk)
    if not program.patient.can_receive_program():
        raise ValidationError(
            "This patient needs clearance: an emergency or urgent red flag has no clinician "
            "decision yet, so no home program can be published."
        )
    if not program.items.exists():
        raise ValidationError("Add at least one exercise before publishing.")
    snapshot = build_snapshot(program)
    last = program.revisions.order_by("-number").first()
    revision = ProgramRevision.objects.create(
        program=program,
        number=(last.number + 1) if last else 1,
        published_by=published_by,
        published_at=timezone.now(),
        snapshot=snapshot,
        content_hash=snapshot_hash(snapshot),
    )
    program.current_revision = revision
    program.status = Program.Status.PUBLISHED
    program.has_unpublished_changes = False
    program.save(update_fields=["current_revision", "status", "has_unpublished_changes"])
    return revision


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

    @property
    def needs_doctor(self) -> bool:
        return self.screening.needs_clearance


def check_in_questions() -> list[redflags.RedFlagQuestion]:
    """The short-form safety questions, emergency first, with their plain wording."""
    return [redflags.QUESTIONS_BY_CODE[code] for code in redflags.SHORT_FORM_CODES]


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
    return CheckInResult(log=session_log, created=created, screening=screening, flags=flags)
