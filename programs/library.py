"""The exercise library: loading the shipped exercises, searching, and the clinic's own edits.

Shipped exercises (programs/library_data/) are loaded by `load_library`, which is idempotent
and never overwrites the clinic's work:

* `Exercise.library_hash` is the hash of the row's content as `load_library` last left it.
  If the row still hashes to it, nobody at the clinic has changed the exercise since, so a newer
  library may update it. If not, the clinic has edited it and the load skips it (and says so).
* The content hashed is what the library ships: text, dose, figure, contraindications and the
  exercise's own progressions. Clinic media (photo, video link) and the archived flag are the
  clinic's and never part of it, so adding a photo or archiving a shipped exercise does not stop
  later library fixes.
* Nothing is ever deleted: programs refer to exercises (PROTECT).

Translations (programs/library_data/translations/, one module per language keyed by slug) load
the same way, each with its own `library_hash`: a newer library updates a translation nobody at
the clinic has edited and leaves edited ones alone. A shipped translation arrives "not yet
reviewed" (nobody at this clinic has read it); when a newer library changes the text of one the
clinic had reviewed, the review no longer applies and is cleared.

"Regressions" are the reverse of progressions: A lists B as a regression exactly when B lists A
as a progression, so only the forward links are stored (and hashed).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from clinic.models import User

from .exercise_translations import TEXT_FIELDS as TRANSLATION_FIELDS
from .exercise_translations import ExerciseTranslation, english_hash, translation_hash
from .models import Contraindication, Exercise, PrecautionTag

logger = logging.getLogger(__name__)

# Row fields the shipped library controls (besides contraindications and progressions).
CONTENT_FIELDS = (
    "number",
    "name",
    "category",
    "summary",
    "target_muscles",
    "joints",
    "equipment",
    "start_position",
    "steps",
    "agonist",
    "sets",
    "reps",
    "hold_s",
    "rest_s",
    "duration_min",
    "times_per_day",
    "days_per_week",
    "per_side",
    "tempo",
    "cues",
    "stop_rules",
    "precaution_notes",
    "evidence_note",
    "figure",
)
DOSE_DEFAULTS = {"sets": 1, "times_per_day": 1, "days_per_week": 7}


def shipped_exercises() -> list[dict]:
    from .library_data import EXERCISES

    return EXERCISES


def joint_labels() -> dict[str, str]:
    from .library_data import JOINT_LABELS

    return dict(JOINT_LABELS)


def equipment_labels() -> dict[str, str]:
    from .library_data import EQUIPMENT_LABELS

    return dict(EQUIPMENT_LABELS)


def shipped_translations() -> dict[str, dict[str, dict]]:
    """{language: {slug: text}} as the library ships them."""
    from .library_data.translations import TRANSLATIONS

    return TRANSLATIONS


def library_version() -> str:
    from .library_data import LIBRARY_VERSION

    return str(LIBRARY_VERSION)


# --- content and its hash ---------------------------------------------------------------------


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def _contraindication_key(items) -> list[list[str]]:
    return sorted([str(c["tag"]), str(c["action"]), str(c.get("note") or "")] for c in items)


def content_hash(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":"), default=str).encode()
    ).hexdigest()


def row_content(exercise: Exercise) -> dict:
    """What the library controls, as the row has it now (prefetch the related rows)."""
    content = {name: getattr(exercise, name) for name in CONTENT_FIELDS}
    content["contraindications"] = _contraindication_key(
        {"tag": c.tag, "action": c.action, "note": c.note} for c in exercise.contraindications.all()
    )
    content["progressions"] = sorted(p.slug for p in exercise.progressions.all())
    return content


def row_hash(exercise: Exercise) -> str:
    return content_hash(row_content(exercise))


def is_clinic_edited(exercise: Exercise) -> bool:
    """A shipped exercise the clinic has changed since the library last loaded it."""
    return exercise.source == Exercise.Source.LIBRARY and row_hash(exercise) != (
        exercise.library_hash
    )


def _resolve_links(data: list[dict]) -> dict[str, set[str]]:
    """Forward progressions per slug: its own list plus every exercise naming it a regression."""
    by_number = {d["number"]: d["slug"] for d in data if d.get("number") is not None}

    def slug_of(ref) -> str:
        if isinstance(ref, int):
            if ref not in by_number:
                raise ValueError(f"unknown exercise number {ref} in progressions/regressions")
            return by_number[ref]
        return str(ref)

    links: dict[str, set[str]] = {d["slug"]: set() for d in data}
    for d in data:
        for ref in d.get("progressions") or []:
            links[d["slug"]].add(slug_of(ref))
        for ref in d.get("regressions") or []:
            links.setdefault(slug_of(ref), set()).add(d["slug"])
    return links


def data_fields(data: dict) -> dict:
    """Row field values for one shipped exercise dict."""
    from .library_data import DOSE_KEYS

    dose = data.get("dose") or {}
    values = {
        "number": data.get("number"),
        "name": data["name"],
        "category": data["category"],
        "summary": data.get("summary") or "",
        "target_muscles": list(data.get("target_muscles") or []),
        "joints": list(data.get("joints") or []),
        "equipment": list(data.get("equipment") or []),
        "start_position": _text(data.get("start_position")),
        "steps": list(data.get("steps") or []),
        "agonist": data.get("agonist") or "",
        "per_side": bool(data.get("per_side")),
        "tempo": data.get("tempo") or "",
        "cues": list(data.get("cues") or []),
        "stop_rules": list(data.get("stop_rules") or []),
        "precaution_notes": _text(data.get("precaution_notes")),
        "evidence_note": _text(data.get("evidence_note")),
        "figure": data.get("figure") or {},
    }
    for name in DOSE_KEYS:
        value = dose.get(name)
        values[name] = DOSE_DEFAULTS.get(name) if value is None else value
    # A JSON round trip, so tuples compare equal to what the database gives back.
    return json.loads(json.dumps(values))


def validate_shipped(data: list[dict]) -> None:
    """Refuse library data that would store something the app cannot show (fail loudly)."""
    categories = set(Exercise.Category.values)
    tags = set(PrecautionTag.values)
    actions = set(Contraindication.Action.values)
    slugs = [d["slug"] for d in data]
    problems = []
    if len(slugs) != len(set(slugs)):
        problems.append("duplicate slugs")
    for d in data:
        where = d.get("slug", "?")
        if d.get("category") not in categories:
            problems.append(f"{where}: unknown category {d.get('category')!r}")
        for c in d.get("contraindications") or []:
            if c.get("tag") not in tags:
                problems.append(f"{where}: unknown precaution tag {c.get('tag')!r}")
            if c.get("action") not in actions:
                problems.append(f"{where}: unknown action {c.get('action')!r}")
    try:
        links = _resolve_links(data)
    except ValueError as error:
        problems.append(str(error))
    else:
        known = set(slugs)
        for slug, targets in links.items():
            for target in sorted(targets - known):
                problems.append(f"{slug}: links to unknown exercise {target!r}")
    if problems:
        raise ValueError("Library data is not valid: " + "; ".join(problems))


# --- loading ----------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (slug, why)
    # Translations, as "slug (language)".
    translations_created: list[str] = field(default_factory=list)
    translations_updated: list[str] = field(default_factory=list)
    translations_skipped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged) + len(self.skipped)

    def lines(self) -> list[str]:
        out = [
            f"Library: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped.",
            f"Translations: {len(self.translations_created)} created, "
            f"{len(self.translations_updated)} updated, "
            f"{len(self.translations_skipped)} kept as the clinic edited them.",
        ]
        out += [f"  created  {slug}" for slug in self.created]
        out += [f"  updated  {slug}" for slug in self.updated]
        out += [f"  skipped  {slug}: {why}" for slug, why in self.skipped]
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _apply_fields(exercise: Exercise, data: dict) -> list[str]:
    """Set the shipped values on the row; return the names of the fields that changed."""
    changed = []
    for name, value in data_fields(data).items():
        if getattr(exercise, name) != value:
            setattr(exercise, name, value)
            changed.append(name)
    return changed


def _set_contraindications(exercise: Exercise, items: list[dict]) -> None:
    wanted = {c["tag"]: c for c in items}
    existing = {c.tag: c for c in exercise.contraindications.all()}
    stale = [c.pk for tag, c in existing.items() if tag not in wanted]
    if stale:
        Contraindication.objects.filter(pk__in=stale).delete()
    for tag, c in wanted.items():
        row = existing.get(tag)
        note = c.get("note") or ""
        if row is None:
            Contraindication.objects.create(
                exercise=exercise, tag=tag, action=c["action"], note=note
            )
        elif (row.action, row.note) != (c["action"], note):
            row.action, row.note = c["action"], note
            row.save(update_fields=["action", "note"])


def _library_rows():
    return Exercise.objects.prefetch_related("contraindications", "progressions")


def translation_fields(text: dict) -> dict:
    """Row values for one shipped translation (same normalising as `data_fields`)."""
    values = {
        "name": text["name"],
        "summary": text.get("summary") or "",
        "start_position": _text(text.get("start_position")),
        "steps": list(text.get("steps") or []),
        "cues": list(text.get("cues") or []),
        "stop_rules": list(text.get("stop_rules") or []),
        "precaution_notes": _text(text.get("precaution_notes")),
        "contraindication_notes": dict(text.get("contraindication_notes") or {}),
    }
    return json.loads(json.dumps(values))


def _load_translations(
    exercises: list[Exercise], translations: dict[str, dict[str, dict]], report: LoadReport
) -> None:
    by_slug = {e.slug: e for e in exercises}
    existing = {
        (t.exercise_id, t.language): t
        for t in ExerciseTranslation.objects.filter(exercise__in=exercises)
    }
    for language, texts in translations.items():
        for slug, text in texts.items():
            exercise = by_slug.get(slug)
            if exercise is None:
                continue
            values = translation_fields(text)
            new_hash = translation_hash(values)
            label = f"{slug} ({language})"
            row = existing.get((exercise.pk, language))
            if row is None:
                row = ExerciseTranslation(exercise=exercise, language=language, **values)
                row.library_hash = new_hash
                row.full_clean(exclude=["exercise"])
                row.save()
                report.translations_created.append(label)
            elif row.text_hash() != row.library_hash:
                report.translations_skipped.append(label)
            elif row.library_hash != new_hash:
                for name in TRANSLATION_FIELDS:
                    setattr(row, name, values[name])
                # Its reviewer read other words.
                row.reviewed_by, row.reviewed_by_name, row.reviewed_on = None, "", None
                row.reviewed_english_hash = ""
                row.library_hash = new_hash
                row.full_clean(exclude=["exercise"])
                row.save()
                report.translations_updated.append(label)


@transaction.atomic
def load_library(
    *, exercises: list[dict] | None = None, translations: dict[str, dict[str, dict]] | None = None
) -> LoadReport:
    """Create missing shipped exercises and update the ones the clinic has not edited; the
    same for their translations.

    Safe to run any number of times: a second run reports everything unchanged.
    """
    data = shipped_exercises() if exercises is None else exercises
    validate_shipped(data)
    links = _resolve_links(data)
    report = LoadReport()
    rows = {e.slug: e for e in _library_rows().filter(slug__in=[d["slug"] for d in data])}
    # Shipped rows nobody has edited, before this load touches anything: their hash is
    # refreshed at the end, as links from other exercises may change what they show.
    shipped = _library_rows().filter(source=Exercise.Source.LIBRARY)
    pristine = {e.pk for e in shipped if not is_clinic_edited(e)}
    before: dict[str, str] = {}
    applied: list[Exercise] = []
    for item in data:
        slug = item["slug"]
        exercise = rows.get(slug)
        if exercise is None:
            exercise = Exercise(slug=slug, source=Exercise.Source.LIBRARY)
            _apply_fields(exercise, item)
            exercise.full_clean(exclude=["photo", "video_url"])
            exercise.save()
            report.created.append(slug)
        elif exercise.source != Exercise.Source.LIBRARY:
            report.skipped.append((slug, "the clinic has its own exercise with this slug"))
            continue
        elif exercise.pk not in pristine:
            report.skipped.append((slug, "edited by the clinic; its changes are kept"))
            continue
        else:
            before[slug] = row_hash(exercise)
            changed = _apply_fields(exercise, item)
            if changed:
                exercise.full_clean(exclude=["photo", "video_url", "slug"])
                exercise.save(update_fields=[*changed, "updated_at"])
        _set_contraindications(exercise, item.get("contraindications") or [])
        applied.append(exercise)

    shipped_rows = Exercise.objects.filter(
        source=Exercise.Source.LIBRARY, slug__in=set().union(*links.values())
    )
    targets = {e.slug: e for e in shipped_rows}
    for exercise in applied:
        exercise.progressions.set([targets[s] for s in links[exercise.slug] if s in targets])

    refreshed = _library_rows().filter(Q(pk__in=pristine) | Q(pk__in=[e.pk for e in applied]))
    for exercise in refreshed:
        new_hash = row_hash(exercise)
        if exercise.slug in before:
            bucket = report.unchanged if before[exercise.slug] == new_hash else report.updated
            bucket.append(exercise.slug)
        if exercise.library_hash != new_hash:
            exercise.library_hash = new_hash
            exercise.save(update_fields=["library_hash", "updated_at"])
    # Every shipped exercise gets the translations it lacks, edited by the clinic or not (they
    # arrive not yet reviewed, and the clinician who reviews one compares it with the English).
    library_rows = Exercise.objects.filter(
        source=Exercise.Source.LIBRARY, slug__in=[d["slug"] for d in data]
    )
    _load_translations(
        list(library_rows),
        shipped_translations() if translations is None else translations,
        report,
    )
    order = {d["slug"]: n for n, d in enumerate(data)}
    report.updated.sort(key=order.__getitem__)
    report.unchanged.sort(key=order.__getitem__)
    logger.info("load_library: %s", report.lines()[0])
    return report


@transaction.atomic
def reset_to_library(*, exercise: Exercise, exercises: list[dict] | None = None) -> Exercise:
    """Throw away the clinic's edits of a shipped exercise and take the library's version."""
    data = shipped_exercises() if exercises is None else exercises
    item = next((d for d in data if d["slug"] == exercise.slug), None)
    if exercise.source != Exercise.Source.LIBRARY or item is None:
        raise ValidationError("Only exercises shipped with the Restore library can be reset.")
    exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
    changed = _apply_fields(exercise, item)
    if changed:
        exercise.save(update_fields=[*changed, "updated_at"])
    _set_contraindications(exercise, item.get("contraindications") or [])
    links = _resolve_links(data)
    shipped = Exercise.objects.filter(source=Exercise.Source.LIBRARY)
    exercise.progressions.set(shipped.filter(slug__in=links.get(exercise.slug, ())))
    exercise = _library_rows().get(pk=exercise.pk)
    exercise.library_hash = row_hash(exercise)
    exercise.save(update_fields=["library_hash", "updated_at"])
    return exercise


# --- search -----------------------------------------------------------------------------------


def precaution_for_query(query: str) -> str:
    """The precaution tag a search names (e.g. "osteoporosis"), to offer a "safe for" filter."""
    words = query.lower().split()
    if not words or len("".join(words)) < 4:
        return ""
    matches = [
        tag
        for tag, label in PrecautionTag.choices
        if all(w in tag or w in label.lower() for w in words)
    ]
    return matches[0] if len(matches) == 1 else ""


# --- the clinic's own exercises ----------------------------------------------------------------


# Slugs that would collide with the library's own URLs (library/new/).
RESERVED_SLUGS = {"new"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "exercise"
    slug, n = base, 2
    taken = set(Exercise.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= {d["slug"] for d in _shipped_or_empty()} | RESERVED_SLUGS
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _shipped_or_empty() -> list[dict]:
    # The clinic should not take a slug the library ships (a later load would skip it).
    try:
        return shipped_exercises()
    except ImportError:
        return []


@transaction.atomic
def save_exercise(*, form, contraindications, by: User) -> Exercise:
    """Save a staff member's new or edited exercise with its contraindication rules.

    `form` is a valid ExerciseForm and `contraindications` its valid formset; both are saved in
    one transaction so a failure leaves nothing half-written.
    """
    exercise = form.save(commit=False)
    if not exercise.pk:
        exercise.source = Exercise.Source.CLINIC
        exercise.slug = unique_slug(exercise.name)
    exercise.save()
    form.save_m2m()
    contraindications.instance = exercise
    contraindications.save()
    logger.info("exercise %s saved by user %s", exercise.slug, by.pk)
    return exercise


def set_archived(*, exercise: Exercise, archived: bool, by: User) -> Exercise:
    """Archive (hide from search and the builder) or bring back an exercise. Never deletes."""
    if exercise.archived != archived:
        exercise.archived = archived
        exercise.save(update_fields=["archived", "updated_at"])
        logger.info("exercise %s archived=%s by user %s", exercise.slug, archived, by.pk)
    return exercise


# --- pictures -----------------------------------------------------------------------------------

FIGURE_KINDS = ("start", "end", "animated")


def has_figure(exercise: Exercise) -> bool:
    figure = exercise.figure
    return isinstance(figure, dict) and "start" in figure and "end" in figure


def figure_title(exercise: Exercise, which: str) -> str:
    return {
        "start": f"{exercise.name}: start position",
        "end": f"{exercise.name}: end position",
        "animated": f"{exercise.name}: moving from the start to the end position",
    }[which]


def figure_etag(exercise: Exercise, which: str) -> str:
    """A content hash of one picture: the pose data, the title and the renderer's version."""
    from . import figures

    return content_hash(
        {
            "figure": exercise.figure,
            "which": which,
            "title": figure_title(exercise, which),
            "renderer": figures.RENDERER_VERSION,
        }
    )[:32]


def figure_svg(exercise: Exercise, which: str, *, size: tuple = (320, 240)) -> str:
    """The SVG text for a picture (cached). Raises figures.FigureError if it cannot be drawn."""
    from . import figures

    if which not in FIGURE_KINDS:
        raise ValueError(f"unknown picture {which!r}")
    if not has_figure(exercise):
        raise figures.FigureError("this exercise has no pose description")
    title = figure_title(exercise, which)
    return figures.figure_svg(exercise.figure, which, size=size, title=title)


# --- translations -------------------------------------------------------------------------------


def translation_languages() -> list[tuple[str, str]]:
    return list(ExerciseTranslation.Language.choices)


@transaction.atomic
def save_translation(
    *, exercise: Exercise, language: str, text: dict, by: User
) -> ExerciseTranslation:
    """Write a staff member's translation of an exercise (new or edited).

    `text` holds the translation's fields (`exercise_translations.TEXT_FIELDS`). A reviewed
    translation whose words change is not reviewed any more: the clinician read other words.
    """
    if language not in ExerciseTranslation.Language.values:
        raise ValidationError("Exercises are translated into Spanish and Portuguese (Brazil).")
    row = (
        ExerciseTranslation.objects.select_for_update()
        .filter(exercise=exercise, language=language)
        .first()
    )
    if row is None:
        row = ExerciseTranslation(exercise=exercise, language=language)
    before = row.text_hash() if row.pk else None
    for name in TRANSLATION_FIELDS:
        setattr(row, name, text[name])
    if row.text_hash() == before:
        return row
    row.reviewed_by, row.reviewed_by_name, row.reviewed_on = None, "", None
    row.reviewed_english_hash = ""
    row.full_clean(exclude=["exercise"])
    row.save()
    logger.info("translation %s (%s) saved by user %s", exercise.slug, language, by.pk)
    return row


@transaction.atomic
def mark_translation_reviewed(*, translation: ExerciseTranslation, by: User) -> ExerciseTranslation:
    """A clinician has read the translation against the English and vouches for it."""
    if not by.is_therapist:
        raise ValidationError("Only a clinician can mark a translation reviewed.")
    row = ExerciseTranslation.objects.select_for_update().get(pk=translation.pk)
    row.reviewed_by = by
    row.reviewed_by_name = by.get_full_name() or by.email
    row.reviewed_on = timezone.localdate()
    row.reviewed_english_hash = english_hash(
        Exercise.objects.prefetch_related("contraindications").get(pk=row.exercise_id)
    )
    row.save(
        update_fields=[
            "reviewed_by",
            "reviewed_by_name",
            "reviewed_on",
            "reviewed_english_hash",
            "updated_at",
        ]
    )
    logger.debug("translation %s (%s) reviewed by user %s", row.exercise_id, row.language, by.pk)
    return row
