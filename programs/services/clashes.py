"""An exercise's contraindication rules against a patient's precautions.

The clinician's side (which rules clash, which hide an exercise until a reason is written) and
the patient's side (the cautions and stop rules every page they read prints).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clinic.precautions import PRECAUTION_LABELS

from ..models import Contraindication, Exercise

UNIVERSAL_STOP_RULES = [
    _("Sharp pain, or pain that keeps increasing."),
    _("Symptoms spreading further down your leg."),
    _("New numbness or weakness."),
    _("Any of the emergency symptoms in the safety box: stop and get help at once."),
]

MIN_OVERRIDE_REASON_LENGTH = 10
_ACTION_RANK = {
    Contraindication.Action.HIDE: 0,
    Contraindication.Action.APPROVAL: 1,
    Contraindication.Action.CAUTION: 2,
}


@dataclass(frozen=True)
class Clash:
    """One of an exercise's contraindication rules that applies to this patient."""

    tag: str
    action: str
    note: str

    @property
    def tag_label(self) -> str:
        return PRECAUTION_LABELS.get(self.tag, self.tag)

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
    """The cautions of one snapshot exercise for a patient with these precaution tags.

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


def checked_override_reason(exercise: Exercise, tags: Iterable[str], reason: str) -> str:
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
