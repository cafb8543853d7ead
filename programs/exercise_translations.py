"""An exercise's patient-facing text in Spanish or Brazilian Portuguese, with its review status.

The library ships a translation of each of its exercises (programs/library_data/translations/);
the clinic edits them, or writes one for its own exercises, in the library editor. A translation
is "not yet reviewed" until a clinician reads it and marks it reviewed: the name and the date
are kept. A translation shipped with the library is not yet reviewed when it arrives, because
nobody at this clinic has read it. Changing the text of a reviewed translation makes it not yet
reviewed again, since the clinician read other words; so does changing the English it was
reviewed against (`reviewed_english_hash`): the clinician vouched for a match with other words.

`library_hash` plays the part it plays on `Exercise`: the hash of the text as `load_library`
last left it, so a newer library updates a translation nobody at the clinic has touched and
leaves the clinic's edits alone.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic.models import TimeStampedModel, User

from .models import Exercise

# The translation's text, as the snapshot and `programs.translations.exercise_text` name it.
TEXT_FIELDS = (
    "name",
    "summary",
    "start_position",
    "steps",
    "cues",
    "stop_rules",
    "precaution_notes",
    "contraindication_notes",
)


class ExerciseTranslationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff edit translations in the library; patients read them only in snapshots."""
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return self


class ExerciseTranslation(TimeStampedModel):
    class Language(models.TextChoices):
        SPANISH = "es", "Español"
        PORTUGUESE_BRAZIL = "pt-br", "Português (Brasil)"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=240, blank=True)
    start_position = models.TextField(_("start position"), blank=True)
    steps = models.JSONField(_("steps"), default=list, blank=True)
    cues = models.JSONField(_("tips"), default=list, blank=True)
    stop_rules = models.JSONField(_("stop if"), default=list, blank=True)
    precaution_notes = models.TextField(_("precaution notes"), blank=True)
    # Precaution tag -> the note of the exercise's rule for that tag, translated.
    contraindication_notes = models.JSONField(default=dict, blank=True)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The reviewer's name as it was when they reviewed (names change; the record should not).
    reviewed_by_name = models.CharField(max_length=160, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    # Hash of the exercise's English text the reviewer compared the translation with.
    reviewed_english_hash = models.CharField(max_length=64, blank=True)
    # Hash of the text as load_library last left it ("" for a translation the clinic wrote).
    library_hash = models.CharField(max_length=64, blank=True)

    objects = ExerciseTranslationQuerySet.as_manager()

    class Meta:
        ordering = ["exercise", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "language"], name="exercise_translation_unique_language"
            ),
            models.CheckConstraint(
                name="exercise_translation_language_known",
                condition=Q(language__in=["es", "pt-br"]),
            ),
            models.CheckConstraint(
                name="exercise_translation_review_complete",
                condition=Q(reviewed_on__isnull=True) | ~Q(reviewed_by_name=""),
            ),
        ]

    def __str__(self):
        return f"{self.exercise} ({self.get_language_display()})"

    def get_absolute_url(self):
        return reverse(
            "programs:exercise-translation",
            kwargs={"slug": self.exercise.slug, "language": self.language},
        )

    @property
    def reviewed(self) -> bool:
        return self.reviewed_on is not None

    def text(self) -> dict:
        return {name: getattr(self, name) for name in TEXT_FIELDS}

    def text_hash(self) -> str:
        return translation_hash(self.text())

    def review_holds(self, english: str) -> bool:
        """Reviewed, against the English whose hash is `english` (see `english_hash`)."""
        return self.reviewed and self.reviewed_english_hash == english

    def snapshot(self, english: str) -> dict:
        """The translation as a published revision freezes it (`english`: `english_hash`)."""
        reviewed = self.review_holds(english)
        return {
            **{name: getattr(self, name) for name in TEXT_FIELDS},
            "steps": list(self.steps),
            "cues": list(self.cues),
            "stop_rules": list(self.stop_rules),
            "contraindication_notes": dict(self.contraindication_notes),
            "reviewed": reviewed,
            "reviewed_by": self.reviewed_by_name if reviewed else "",
            "reviewed_on": self.reviewed_on.isoformat() if reviewed else "",
        }


def translation_hash(text: dict) -> str:
    return hashlib.sha256(
        json.dumps(text, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


def english_hash(exercise: Exercise) -> str:
    """Hash of the English a translation renders (prefetch the exercise's contraindications)."""
    return translation_hash(
        {
            "name": exercise.name,
            "summary": exercise.summary,
            "start_position": exercise.start_position,
            "steps": list(exercise.steps),
            "cues": list(exercise.cues),
            "stop_rules": list(exercise.stop_rules),
            "precaution_notes": exercise.precaution_notes,
            "contraindication_notes": {
                c.tag: c.note for c in exercise.contraindications.all() if c.note
            },
        }
    )
