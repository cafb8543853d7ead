"""A published revision's snapshot: the program as the patient reads it, frozen.

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
                             "contraindications": [{"tag", "action", "note"}],
                             "translations": {"es" | "pt-br": {"name", "summary",
                                 "start_position", "steps", "cues", "stop_rules",
                                 "precaution_notes", "contraindication_notes": {tag: note},
                                 "reviewed", "reviewed_by", "reviewed_on"}}}}]}

Keys are only ever added (readers use ``.get`` for the newer ones): ``item_id`` (the draft item's
id, so the change summary can follow an item that moved) and ``override_by`` (the name of the
clinician who recorded an override or approval) came with the builder; ``regression`` (an
easier exercise the therapist approved in advance, with its dose: programs/step_back.py) is
there only on an item that has one. ``translations`` (the exercise's Spanish and Portuguese text
with its review status, read through `programs.translations.exercise_text`) came with the
patient's language; a translation edited in the library is a change worth publishing again (the
content hash differs), listed for staff as a "translation" change.
"""

import hashlib
import json
from datetime import date

from django.utils import translation
from django.utils.functional import Promise

from ..dose_phrases import consistent_tips
from ..dose_words import dose_words, frequency_words
from ..exercise_translations import english_hash
from ..models import Exercise, Program, ProgramItem, Side

SNAPSHOT_SCHEMA = 1
# The item's dose as a tip might state it (programs.dose_phrases).
STATED_DOSE_FIELDS = ("sets", "reps", "hold_s", "duration_min", "times_per_day", "days_per_week")


def parse_iso_date(value: str | None) -> date | None:
    """A snapshot's "YYYY-MM-DD" back as a date; None when it is empty or not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def frequency_text(times_per_day: int, days_per_week: int) -> str:
    """How often, in English: what the snapshot keeps (the portal writes it again in the
    patient's language, programs.dose_words)."""
    with translation.override("en"):
        return frequency_words(times_per_day, days_per_week)


def dose_text(item) -> str:
    """A short plain description of the dose, e.g. "1 set of 10, hold 2 s, each side"."""
    with translation.override("en"):
        return dose_words(
            sets=item.sets,
            reps=item.reps,
            hold_s=item.hold_s,
            duration_min=item.duration_min,
            side=item.side,
        )


def translations_snapshot(exercise: Exercise) -> dict:
    """{language: frozen text} of the exercise's translations (prefetch "translations")."""
    translations = list(exercise.translations.all())
    if not translations:
        return {}
    english = english_hash(exercise)
    return {t.language: t.snapshot(english) for t in translations}


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
        "translations": translations_snapshot(exercise),
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
        "exercise": _with_consistent_tips(exercise_snapshot(item.exercise), item),
    }


def _with_consistent_tips(exercise: dict, item: ProgramItem) -> dict:
    """Leave out a tip that states a dose other than the one prescribed (a clinic's own wording,
    say "hold for 30 seconds" beside a 20-second hold): the program must say one thing."""
    dose = {name: getattr(item, name) for name in STATED_DOSE_FIELDS}
    exercise["cues"] = drop_tips_like_english(exercise, consistent_tips(exercise["cues"], dose))
    return exercise


def drop_tips_like_english(exercise: dict, kept: list[str]) -> list[str]:
    """Leave out of each translation the tips left out of the English (a translation's tips
    are the English ones in the same order; one that is not keeps all of its own tips).
    Returns `kept`."""
    english = exercise["cues"]
    if len(kept) != len(english):
        wanted = []
        remaining = list(kept)
        for tip in english:
            keep = bool(remaining) and remaining[0] == tip
            wanted.append(keep)
            if keep:
                remaining.pop(0)
        for translation in (exercise.get("translations") or {}).values():
            if len(translation.get("cues") or []) == len(english):
                translation["cues"] = [
                    tip for tip, keep in zip(translation["cues"], wanted, strict=True) if keep
                ]
    return kept


def build_snapshot(program: Program) -> dict:
    from .step_backs import with_regression  # step_backs publishes through this module

    items = program.items.select_related(
        "exercise", "override_by", "regression__exercise"
    ).prefetch_related(
        "exercise__contraindications",
        "exercise__translations",
        "regression__exercise__contraindications",
        "regression__exercise__translations",
    )
    # The snapshot is the record of what was published: in English whatever language the
    # publisher reads, and plain strings only (choice labels are translatable, lazy strings).
    with translation.override("en"):
        return _plain(_snapshot_of(program, items, with_regression))


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Promise):
        return str(value)
    return value


def _snapshot_of(program: Program, items, with_regression) -> dict:
    return {
        "schema": SNAPSHOT_SCHEMA,
        "title": program.title,
        "goals": program.goals,
        "notes": program.notes,
        "start_date": program.start_date.isoformat(),
        "review_date": program.review_date.isoformat() if program.review_date else None,
        "therapist": {"name": program.therapist.get_full_name(), "title": program.therapist.title},
        "items": [
            with_regression(item_snapshot(item, n), item) for n, item in enumerate(items, start=1)
        ],
    }


def snapshot_hash(snapshot: dict) -> str:
    return hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
