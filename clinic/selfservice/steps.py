"""The steps of the patient's pre-visit intake, in the order they are asked.

Each step is one topic on one screen. `key` is where its answers live in `SelfIntake.answers`:
the therapist intake's section slug, so a section of the patient's answers compares 1:1 with
the same section of the draft intake; "contact" is the patient's own, "body_chart" holds the
marks as `{"regions": [...]}` and "pain" the pain scores with the onset date. Two steps may
share a key (goals, and work and activity, are one section of the therapist's intake).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import forms as step_forms

RED_FLAGS = "red-flags"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str | Promise
    intro: str | Promise
    form: type
    key: str


STEPS: tuple[Step, ...] = (
    Step(
        "contact",
        _("Your contact details"),
        _("Please check these. If something is wrong, fix it here and we will update it."),
        step_forms.ContactForm,
        "contact",
    ),
    Step(
        "complaint",
        _("What brings you in"),
        _("Tell us about the problem you want help with."),
        step_forms.ComplaintForm,
        "complaint",
    ),
    Step(
        "body-chart",
        _("Where it hurts"),
        _("Tap each place where you feel pain, numbness, tingling or weakness."),
        step_forms.BodyChartForm,
        "body_chart",
    ),
    Step(
        "pain",
        _("How much it hurts"),
        _("Pick a number from 0 to 10. 0 is no pain. 10 is the worst pain you can imagine."),
        step_forms.PainForm,
        "pain",
    ),
    Step(
        "onset",
        _("When it started"),
        _("Tell us how this started and how it has changed."),
        step_forms.OnsetForm,
        "onset",
    ),
    Step(
        "factors",
        _("What makes it better or worse"),
        _("For each one: does it make your pain worse, better, or no different?"),
        step_forms.FactorsForm,
        "factors",
    ),
    Step(
        "daily-pattern",
        _("Your day and night"),
        _("How your pain changes through the day and at night."),
        step_forms.DailyPatternForm,
        "daily-pattern",
    ),
    Step(
        "neuro",
        _("Numbness and weakness"),
        _(
            "Do you have any of these? For each one: no; yes, but it has been the same for a "
            "long time; or yes, and it is new or getting worse."
        ),
        step_forms.NeuroForm,
        "neuro",
    ),
    Step(
        "history",
        _("Pain like this before"),
        _("Have you had this before, and what have you tried?"),
        step_forms.HistoryForm,
        "history",
    ),
    Step(
        "medical",
        _("Your health"),
        _("Have you ever had, or do you have now, any of these? Tick the ones that apply."),
        step_forms.MedicalForm,
        "medical",
    ),
    Step(
        "medications",
        _("Medicines and allergies"),
        _("List every medicine you take, even ones from the store, like aspirin."),
        step_forms.MedicationsForm,
        "medications",
    ),
    Step(
        "imaging",
        _("Scans and tests"),
        _("Have you had an X-ray, MRI, CT scan or other test for this? Leave it empty if not."),
        step_forms.ImagingForm,
        "imaging",
    ),
    Step(
        "goals",
        _("Your goals"),
        _("What do you want to get back to?"),
        step_forms.GoalsForm,
        "goals",
    ),
    Step(
        "work",
        _("Work and activity"),
        _("Your work, exercise and sleep."),
        step_forms.WorkForm,
        "goals",
    ),
    Step(
        "psychosocial",
        _("How it affects you"),
        _("There are no right or wrong answers."),
        step_forms.PsychosocialForm,
        "psychosocial",
    ),
    Step(
        RED_FLAGS,
        _("Safety questions"),
        _(
            "Most back pain is not serious. These questions check for rare problems that "
            "can't wait."
        ),
        step_forms.RedFlagForm,
        RED_FLAGS,
    ),
)

STEP_BY_SLUG: dict[str, Step] = {s.slug: s for s in STEPS}
SLUGS: tuple[str, ...] = tuple(s.slug for s in STEPS)


def number_of(step: Step) -> int:
    return SLUGS.index(step.slug) + 1


def following(step: Step) -> Step | None:
    index = SLUGS.index(step.slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous(step: Step) -> Step | None:
    index = SLUGS.index(step.slug)
    return STEPS[index - 1] if index > 0 else None


def first_unfinished(completed: list[str]) -> Step | None:
    """Where a returning patient picks up: the first step not saved yet (None: all saved)."""
    done = set(completed)
    return next((s for s in STEPS if s.slug not in done), None)
