"""The intake's sections as forms, one page each, in the order the therapist asks them.

Wording is plain so a therapist can read it aloud or hand the tablet over. Each section stores
its answers in ``Intake.answers[slug]``, except the few answers that have their own column
(visit date, onset date, pain scores, body chart, red-flag answers), listed in ``columns``.

The red-flag questions come second, right after the reason for the visit: a safety screen
before anything else (CLINICAL §0.1), and an emergency answer stops the intake at once (§2.3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.html import format_html

from clinic import bodychart, precautions, redflags

from .fields import (
    MultiChoiceField,
    NrsField,
    PastDateField,
    RadioChoiceField,
    YesNoField,
    display_value,
    is_empty,
    long_text,
    parse_date,
    short_text,
    to_json,
)


@dataclass
class SectionData:
    """What a valid section form stores: Intake columns, and the section's JSON answers."""

    columns: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)


def with_fields(make_fields, *, first: bool = False):
    """Add generated fields (one per catalogue item) to a section form class."""

    def decorate(cls):
        generated = make_fields()
        if first:
            cls.base_fields = {**generated, **cls.base_fields}
        else:
            cls.base_fields = {**cls.base_fields, **generated}
        cls.declared_fields = dict(cls.base_fields)
        return cls

    return decorate


class IntakeSection(forms.Form):
    slug: ClassVar[str]
    title: ClassVar[str]
    reference: ClassVar[str]
    intro: ClassVar[str] = ""
    # Form fields stored in the Intake column of the same name instead of in ``answers``.
    columns: ClassVar[tuple[str, ...]] = ()
    # A signed intake needs this section saved first.
    required_for_signing: ClassVar[bool] = False

    def __init__(self, *args, intake=None, patient=None, **kwargs):
        self.intake = intake
        self.patient = patient if patient is not None else getattr(intake, "patient", None)
        if intake is not None and "initial" not in kwargs:
            kwargs["initial"] = self.stored_values(intake)
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self.build_layout()

    # --- layout -------------------------------------------------------------------------------

    def build_layout(self) -> Layout:
        return Layout(*[self._auto(name) for name in self.fields])

    def _auto(self, name: str):
        """Inline radios for short choices, inline checkboxes for multi-choice, else default."""
        widget = self.fields[name].widget
        if isinstance(self.fields[name], NrsField):
            return Div(InlineRadios(name), css_class="nrs-scale")
        if isinstance(widget, forms.RadioSelect):
            return InlineRadios(name)
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return Div(InlineCheckboxes(name), css_class="choice-grid")
        return name

    # --- storage ------------------------------------------------------------------------------

    @property
    def reference_date(self):
        """The day "not in the future" is measured against: the visit date, or today."""
        visit = getattr(self.intake, "visit_date", None)
        return visit or timezone.localdate()

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        values = dict(intake.answers.get(cls.slug) or {})
        for name in cls.columns:
            values[name] = getattr(intake, name)
        for name, form_field in cls.base_fields.items():
            if isinstance(form_field, forms.DateField) and name in values:
                values[name] = parse_date(values[name])
        return values

    def storage(self) -> SectionData:
        data = SectionData()
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if name in self.columns:
                data.columns[name] = value
            else:
                data.answers[name] = to_json(value)
        return data

    # --- showing answers back -----------------------------------------------------------------

    @classmethod
    def describe(cls, name: str, value) -> tuple[str, str]:
        """(question, answer in words) for one stored answer."""
        form_field = cls.base_fields.get(name)
        if form_field is None:
            return name, str(value)
        return str(form_field.label or name), display_value(form_field, value)

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        """The answered questions of this section, in form order, for the intake page."""
        values = cls.stored_values(intake)
        rows = []
        for name, form_field in cls.base_fields.items():
            value = values.get(name)
            if is_empty(value) or (isinstance(form_field, forms.BooleanField) and not value):
                continue
            rows.append(cls.describe(name, value))
        return rows

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for every error, for the list at the top of the page."""
        rows = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                rows.extend(("", "", str(message)) for message in errors)
                continue
            bound = self[name]
            rows.extend((bound.auto_id, str(bound.label), str(message)) for message in errors)
        return rows


def _check_not_after(form, name, value, limit, what):
    if value and limit and value > limit:
        form.add_error(name, f"This date is after {what}. Check the date.")


# --- §1.2 chief complaint ---------------------------------------------------------------------

MAIN_AREAS = [
    ("low_back", "Low back"),
    ("buttock", "Buttock"),
    ("leg", "Leg"),
    ("hip", "Hip"),
    ("pelvis_si", "Pelvis / sacroiliac joint"),
    ("other", "Somewhere else"),
]
PAIN_MORE = [("back", "Back pain"), ("leg", "Leg pain"), ("equal", "About the same")]
RELATED_TO = [
    ("work", "Work"),
    ("mva", "A motor-vehicle accident"),
    ("claim", "A legal or insurance claim"),
    ("none", "None of these"),
]


class ComplaintSection(IntakeSection):
    slug = "complaint"
    title = "Reason for the visit"
    reference = "§1.2"
    intro = "In the patient's own words: what brings them in today."
    columns = ("visit_date",)
    required_for_signing = True

    visit_date = PastDateField(label="Date of this visit", required=True)
    own_words = long_text(
        "What brings you in today?",
        help_text="Write it the way the patient says it.",
        rows=4,
        required=True,
    )
    main_area = RadioChoiceField(
        choices=MAIN_AREAS, label="Where is the main problem?", required=True
    )
    main_area_other = short_text("Where else?", max_length=120)
    pain_more = RadioChoiceField(
        choices=PAIN_MORE, label="Which bothers you more: back pain or leg pain?", required=True
    )
    below_knee = YesNoField(label="Does pain or tingling go below your knee?", required=True)
    related_to = MultiChoiceField(
        choices=RELATED_TO,
        label="Is this related to work, a car accident, or a legal or insurance claim?",
        required=True,
        help_text="Tick all that apply, or 'None of these'.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.intake is None and not self.is_bound:
            self.initial.setdefault("visit_date", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        visit = cleaned.get("visit_date")
        if visit and self.patient is not None and visit < self.patient.date_of_birth:
            self.add_error("visit_date", "The visit cannot be before the patient was born.")
        onset = getattr(self.intake, "onset_date", None)
        if visit and onset and visit < onset:
            self.add_error(
                "visit_date",
                f"The symptoms started on {onset:%d %b %Y}, after this visit date. "
                "Check both dates.",
            )
        if cleaned.get("main_area") == "other" and not cleaned.get("main_area_other"):
            self.add_error("main_area_other", "Say where the main problem is.")
        related = cleaned.get("related_to") or []
        if "none" in related and len(related) > 1:
            self.add_error("related_to", "'None of these' cannot be ticked with other answers.")
        return cleaned


# --- §2.2 red-flag screen ---------------------------------------------------------------------

# Emergency items that have a §1.9 neurological counterpart: a long-standing, unchanged symptom
# is not an emergency but is recorded (it raises the "soon" neuro_stable flag instead).
RED_FLAG_NEURO_ITEM = {
    "ces_bladder": "bladder_change",
    "ces_bowel": "bowel_change",
    "ces_saddle": "saddle_numbness",
    "ces_sexual": "sexual_change",
    "ces_bilateral": "both_legs",
    "neuro_progressive": "leg_weakness",
}
NEW_OLD_CHOICES = [
    ("no", "No"),
    ("yes_old", "Yes, but it has been like this a long time and is not changing"),
    ("yes_new", "Yes, and it is new or getting worse"),
]
TIER_HEADINGS = {
    redflags.EMERGENCY: "Emergency signs",
    redflags.URGENT: "Urgent signs",
    redflags.SOON: "Other things your clinician needs to know",
}


RED_FLAG_YES_NO = [("no", "No"), ("yes", "Yes")]


def _red_flag_field(question: redflags.RedFlagQuestion) -> forms.Field:
    choices = NEW_OLD_CHOICES if question.code in RED_FLAG_NEURO_ITEM else RED_FLAG_YES_NO
    return forms.ChoiceField(
        choices=choices,
        label=question.question,
        required=True,
        widget=forms.RadioSelect(attrs={"data-tier": question.tier}),
        error_messages={"required": "Please answer this question."},
    )


@with_fields(lambda: {q.code: _red_flag_field(q) for q in redflags.RED_FLAG_QUESTIONS})
class RedFlagSection(IntakeSection):
    slug = "red-flags"
    title = "Safety questions"
    reference = "§2.2"
    intro = redflags.SCREENING_NOTE
    required_for_signing = True

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        return dict(intake.red_flag_answers or {})

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        return _summary_of_no(cls, cls.stored_values(intake), "safety questions")

    def storage(self) -> SectionData:
        answers = {q.code: self.cleaned_data[q.code] for q in redflags.RED_FLAG_QUESTIONS}
        return SectionData(columns={"red_flag_answers": answers})

    def build_layout(self) -> Layout:
        parts = []
        for tier in redflags.TIER_ORDER:
            names = [q.code for q in redflags.RED_FLAG_QUESTIONS if q.tier == tier]
            parts.append(
                Fieldset(
                    TIER_HEADINGS[tier],
                    HTML(
                        format_html(
                            '<div class="tier-instruction tier-instruction-{} d-none" '
                            'data-instruction-for="{}" role="alert" aria-live="assertive">'
                            "<strong>Tell the patient now:</strong> {}</div>",
                            tier,
                            tier,
                            redflags.TIER_INSTRUCTIONS[tier],
                        )
                    )
                    if tier != redflags.SOON
                    else HTML(""),
                    *[Div(InlineRadios(name), css_class="red-flag-question") for name in names],
                    css_class=f"red-flag-tier red-flag-tier-{tier}",
                )
            )
        return Layout(*parts)


# --- §1.3 body chart -------------------------------------------------------------------------


class BodyChartSection(IntakeSection):
    """Where it hurts: the drawn chart, with a list view carrying the same choices."""

    slug = "body-chart"
    title = "Where it hurts"
    reference = "§1.3"
    columns = ("body_chart",)
    required_for_signing = True

    chart_notes = long_text(
        "Anything about where it hurts that the chart does not show?", max_length=1000, rows=2
    )

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["body_chart"] = bodychart.marks_from_post(self.data)
        except ValueError as error:
            self.add_error(None, str(error))
        return cleaned

    def storage(self) -> SectionData:
        return SectionData(
            columns={"body_chart": self.cleaned_data["body_chart"]},
            answers={"chart_notes": self.cleaned_data.get("chart_notes", "")},
        )

    def widget(self) -> dict:
        """Context for clinic/_bodychart_widget.html: what was typed, or what is stored."""
        if self.is_bound:
            return bodychart.widget_context(post=self.data, errors=self.non_field_errors())
        return bodychart.widget_context(marks=getattr(self.intake, "body_chart", None) or [])

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        values = dict(intake.answers.get(cls.slug) or {})
        values["body_chart"] = list(intake.body_chart or [])
        return values

    @classmethod
    def describe(cls, name: str, value) -> tuple[str, str]:
        if name == "body_chart":
            items = bodychart.display_context(value or [])["items"]
            text = "; ".join(
                f"{i['label']}: {i['symptoms_label']}{' (worst)' if i['worst'] else ''}"
                for i in items
            )
            return "Areas marked", text or "none"
        return super().describe(name, value)

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        items = bodychart.display_context(intake.body_chart or [])["items"]
        rows = [
            (i["label"], i["symptoms_label"] + (" — worst" if i["worst"] else "")) for i in items
        ]
        notes = (intake.answers.get(cls.slug) or {}).get("chart_notes")
        if notes:
            rows.append((str(cls.base_fields["chart_notes"].label), notes))
        return rows


# --- §1.4–1.5 pain scores and quality ---------------------------------------------------------

NPRS_COLUMNS = (
    "back_pain_now",
    "back_pain_best",
    "back_pain_worst",
    "back_pain_week",
    "leg_pain_now",
    "leg_pain_best",
    "leg_pain_worst",
    "leg_pain_week",
)


class PainSection(IntakeSection):
    slug = "pain"
    title = "Pain scores"
    reference = "§1.4–1.5"
    intro = (
        "On a scale from 0 to 10, where 0 is no pain and 10 is the worst pain you can imagine. "
        "Back and leg separately."
    )
    columns = NPRS_COLUMNS
    required_for_signing = True

    back_pain_now = NrsField(label="Back pain right now", required=True)
    back_pain_best = NrsField(label="Back pain at its least in the last 24 hours")
    back_pain_worst = NrsField(label="Back pain at its worst in the last 24 hours")
    back_pain_week = NrsField(label="Back pain on average over the last week")
    leg_pain_now = NrsField(label="Leg pain right now", required=True)
    leg_pain_best = NrsField(label="Leg pain at its least in the last 24 hours")
    leg_pain_worst = NrsField(label="Leg pain at its worst in the last 24 hours")
    leg_pain_week = NrsField(label="Leg pain on average over the last week")
    qualities = MultiChoiceField(
        choices=precautions.PAIN_QUALITIES,
        label="Which words describe the pain?",
        help_text="Tick all that fit.",
    )

    def build_layout(self) -> Layout:
        return Layout(
            Fieldset("Back pain", *[self._auto(f"back_pain_{w}") for w in WHEN]),
            Fieldset("Leg pain", *[self._auto(f"leg_pain_{w}") for w in WHEN]),
            Fieldset("What the pain feels like", self._auto("qualities")),
        )

    def clean(self):
        cleaned = super().clean()
        for part in ("back", "leg"):
            now, best, worst = (cleaned.get(f"{part}_pain_{w}") for w in ("now", "best", "worst"))
            if best is not None and worst is not None and best > worst:
                self.add_error(
                    f"{part}_pain_best",
                    f"The least {part} pain ({best}) is higher than the worst ({worst}). "
                    "Please check both.",
                )
            elif now is not None and best is not None and now < best:
                self.add_error(
                    f"{part}_pain_best",
                    f"The {part} pain now ({now}) is lower than its least in the last 24 hours "
                    f"({best}). The least includes right now: please check.",
                )
            elif now is not None and worst is not None and now > worst:
                self.add_error(
                    f"{part}_pain_worst",
                    f"The {part} pain now ({now}) is higher than its worst in the last 24 hours "
                    f"({worst}). The worst includes right now: please check.",
                )
        return cleaned


WHEN = ("now", "best", "worst", "week")


# --- §1.6 onset, duration, course -------------------------------------------------------------

ONSET_TYPES = [("sudden", "Suddenly"), ("gradual", "Gradually")]
TRIGGERS = [
    ("lifting", "Lifting"),
    ("bending", "Bending"),
    ("twisting", "Twisting"),
    ("fall", "A fall"),
    ("sport", "Sport"),
    ("sitting", "Sitting for a long time"),
    ("pregnancy", "Pregnancy or after giving birth"),
    ("no_clear_cause", "No clear cause"),
    ("other", "Something else"),
]
COURSES = [
    ("improving", "Getting better"),
    ("unchanged", "About the same"),
    ("worsening", "Getting worse"),
    ("fluctuating", "Up and down"),
]
CONSTANCY = [("constant", "There all the time"), ("intermittent", "Comes and goes")]


class OnsetSection(IntakeSection):
    slug = "onset"
    title = "When it started"
    reference = "§1.6"
    columns = ("onset_date",)

    onset_date = PastDateField(
        label="When did this episode start?",
        required=True,
        help_text="If the patient only knows the month, use the 1st of that month.",
    )
    onset_approximate = forms.BooleanField(label="The date is approximate", required=False)
    onset_type = RadioChoiceField(choices=ONSET_TYPES, label="Did it start suddenly or gradually?")
    trigger = RadioChoiceField(choices=TRIGGERS, label="What set it off?")
    trigger_other = short_text("What else set it off?", max_length=160)
    course = RadioChoiceField(
        choices=COURSES, label="Since it started, is it getting better or worse?", required=True
    )
    constancy = RadioChoiceField(choices=CONSTANCY, label="Is it there all the time?")
    problem_three_months = YesNoField(
        label="Has back pain been a problem for at least the last 3 months?"
    )
    half_the_days = YesNoField(
        label="Has it been there on at least half the days in the last 6 months?"
    )

    def clean(self):
        cleaned = super().clean()
        onset = cleaned.get("onset_date")
        _check_not_after(self, "onset_date", onset, self.reference_date, "the visit date")
        if onset and self.patient is not None and onset < self.patient.date_of_birth:
            self.add_error("onset_date", "This is before the patient was born. Check the year.")
        if cleaned.get("trigger") == "other" and not cleaned.get("trigger_other"):
            self.add_error("trigger_other", "Say what set it off.")
        return cleaned


# --- §1.7 aggravating and easing factors ------------------------------------------------------

EASING = [
    ("lying_down", "Lying down"),
    ("lying_knees_bent", "Lying with knees bent"),
    ("walking", "Walking"),
    ("changing_position", "Changing position often"),
    ("heat", "Heat"),
    ("ice", "Ice"),
    ("medication", "Medication"),
    ("stretching", "Stretching"),
    ("massage", "Massage"),
    ("sitting_bending", "Sitting or bending forward"),
    ("swimming", "Swimming"),
]


# Short answer words so one factor fits on one line of a tablet; same values as the engine's.
_EFFECT_WORDS = {"worse": "Worse", "better": "Better", "no_effect": "No effect"}
FACTOR_CHOICES = [(key, _EFFECT_WORDS.get(key, label)) for key, label in precautions.FACTOR_EFFECTS]


@with_fields(
    lambda: {
        f"factor_{key}": RadioChoiceField(choices=FACTOR_CHOICES, label=label)
        for key, label in precautions.AGGRAVATING_FACTORS
    },
    first=True,
)
class FactorsSection(IntakeSection):
    slug = "factors"
    title = "What makes it worse or better"
    reference = "§1.7"
    intro = "For each one: does it make the pain worse, better, no different, or not tried?"

    sitting_minutes = forms.IntegerField(
        label="Minutes of sitting before the pain starts",
        min_value=0,
        max_value=1440,
        required=False,
    )
    standing_minutes = forms.IntegerField(
        label="Minutes of standing before the pain starts",
        min_value=0,
        max_value=1440,
        required=False,
    )
    walking_minutes = forms.IntegerField(
        label="Minutes of walking before the pain starts",
        min_value=0,
        max_value=1440,
        required=False,
    )
    walking_distance = short_text("Or how far you can walk", max_length=80)
    exercise_which = short_text("Which exercise or sport?", max_length=160)
    easing = MultiChoiceField(choices=EASING, label="What eases it?")
    easing_other = short_text("Anything else that eases it?", max_length=200)

    def build_layout(self) -> Layout:
        factor_rows = [
            Div(InlineRadios(f"factor_{key}"), css_class="factor-row")
            for key, _ in precautions.AGGRAVATING_FACTORS
        ]
        return Layout(
            Fieldset("Activities and positions", *factor_rows),
            Fieldset(
                "How long before it hurts",
                Div(
                    Div("sitting_minutes", css_class="col-sm-6 col-lg-3"),
                    Div("standing_minutes", css_class="col-sm-6 col-lg-3"),
                    Div("walking_minutes", css_class="col-sm-6 col-lg-3"),
                    Div("walking_distance", css_class="col-sm-6 col-lg-3"),
                    css_class="row",
                ),
                "exercise_which",
            ),
            Fieldset("What eases it", self._auto("easing"), "easing_other"),
        )

    def aggravating(self) -> dict[str, str]:
        return aggravating_from(self.cleaned_data)


def aggravating_from(values: dict) -> dict[str, str]:
    return {
        key: values[f"factor_{key}"]
        for key, _ in precautions.AGGRAVATING_FACTORS
        if values.get(f"factor_{key}")
    }


# --- §1.8 24-hour pattern ---------------------------------------------------------------------

DAY_PATTERNS = [
    ("worse_morning", "Worse in the morning"),
    ("worse_evening", "Worse in the evening"),
    ("no_pattern", "No pattern"),
    ("varies_activity", "Depends on what I do"),
]
NIGHT_WAKING = [("never", "Never"), ("sometimes", "Sometimes"), ("every_night", "Every night")]


@with_fields(lambda: {f"asas_{k}": YesNoField(label=label) for k, label in precautions.ASAS_ITEMS})
class DailyPatternSection(IntakeSection):
    slug = "daily-pattern"
    title = "Through the day and night"
    reference = "§1.8"

    morning_stiffness = YesNoField(label="Is your back stiff when you get up in the morning?")
    morning_stiffness_minutes = forms.IntegerField(
        label="How many minutes does the stiffness last?",
        min_value=0,
        max_value=1440,
        required=False,
    )
    day_pattern = RadioChoiceField(choices=DAY_PATTERNS, label="How does it change during the day?")
    night_waking = RadioChoiceField(choices=NIGHT_WAKING, label="Does the pain wake you at night?")
    back_to_sleep = YesNoField(label="Can you get back to sleep by changing position?")
    night_unrelieved = YesNoField(
        label="At night, is the pain there whatever position you try?",
        help_text="Pain that no position eases is something the clinician needs to know.",
    )
    alternating_buttock = YesNoField(label="Does the pain swap from one buttock to the other?")

    def build_layout(self) -> Layout:
        asas = [self._auto(f"asas_{key}") for key, _ in precautions.ASAS_ITEMS]
        return Layout(
            Fieldset(
                "Morning and daytime",
                self._auto("morning_stiffness"),
                "morning_stiffness_minutes",
                self._auto("day_pattern"),
            ),
            Fieldset(
                "Night",
                self._auto("night_waking"),
                self._auto("back_to_sleep"),
                self._auto("night_unrelieved"),
            ),
            Fieldset(
                "Inflammatory back pain questions",
                HTML(
                    '<p class="form-text mt-0">Ask these when back pain has lasted more than '
                    "3 months. Four or more yes answers suggest a doctor should check for an "
                    "inflammatory cause.</p>"
                ),
                *asas,
                self._auto("alternating_buttock"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("morning_stiffness") and cleaned.get("morning_stiffness_minutes") is None:
            self.add_error("morning_stiffness_minutes", "Say roughly how many minutes.")
        if cleaned.get("morning_stiffness") is False and cleaned.get("morning_stiffness_minutes"):
            self.add_error(
                "morning_stiffness_minutes", "There is no morning stiffness: leave this empty."
            )
        if cleaned.get("night_waking") == "never" and cleaned.get("back_to_sleep") is not None:
            self.add_error("back_to_sleep", "The pain never wakes them: leave this unanswered.")
        return cleaned

    def asas_items(self) -> dict[str, bool]:
        return asas_from(self.cleaned_data)


def asas_from(values: dict) -> dict[str, bool]:
    return {
        key: values[f"asas_{key}"]
        for key, _ in precautions.ASAS_ITEMS
        if values.get(f"asas_{key}") is not None
    }


# --- §1.9 neurological symptoms ---------------------------------------------------------------

NEURO_CHOICES = [
    ("no", "No"),
    ("yes_old", "Yes, long-standing and unchanged"),
    ("yes_new", "Yes, new or getting worse"),
]


def _neuro_field(item: str) -> forms.Field:
    label = redflags.NEURO_LABELS[item]
    return forms.ChoiceField(
        choices=NEURO_CHOICES,
        label=label[:1].upper() + label[1:],
        required=True,
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer: no, long-standing, or new."},
    )


@with_fields(lambda: {item: _neuro_field(item) for item in redflags.NEURO_ITEMS})
class NeuroSection(IntakeSection):
    slug = "neuro"
    title = "Nerve symptoms"
    reference = "§1.9"
    intro = (
        "Do you have any of these? For each: no, yes and it has been the same for a long time, "
        "or yes and it is new or getting worse."
    )

    def build_layout(self) -> Layout:
        return Layout(
            *[Div(InlineRadios(item), css_class="factor-row") for item in redflags.NEURO_ITEMS]
        )

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        return _summary_of_no(cls, cls.stored_values(intake), "nerve symptoms")


def _summary_of_no(section, values: dict, what: str) -> list[tuple[str, str]]:
    """Yes answers one by one (in form order), then a single line for all the "no" answers."""
    rows = [
        section.describe(name, values[name])
        for name in section.base_fields
        if values.get(name) not in (None, "", "no")
    ]
    no_count = sum(1 for name in section.base_fields if values.get(name) == "no")
    if no_count:
        rows.append((f"{'Other' if rows else 'All'} {what} ({no_count})", "No"))
    return rows


# --- §1.10 previous episodes and treatments ---------------------------------------------------

TREATMENTS = [
    ("massage_nmt", "Massage or neuromuscular therapy"),
    ("physical_therapy", "Physical therapy"),
    ("chiropractic", "Chiropractic"),
    ("osteopathy", "Osteopathy"),
    ("acupuncture", "Acupuncture"),
    ("stretching", "Active Isolated Stretching or other stretching"),
    ("exercise_classes", "Exercise classes"),
    ("injections", "Injections (epidural, facet, sacroiliac joint)"),
    ("surgery", "Surgery"),
    ("medications", "Medications"),
]
TREATMENT_RESPONSES = [
    ("helped", "Helped"),
    ("no_change", "No change"),
    ("worse", "Made it worse"),
]


@with_fields(
    lambda: {
        f"treatment_{key}": RadioChoiceField(choices=TREATMENT_RESPONSES, label=label)
        for key, label in TREATMENTS
    }
)
class HistorySection(IntakeSection):
    slug = "history"
    title = "Earlier episodes and treatment"
    reference = "§1.10"

    previous_episodes = forms.IntegerField(
        label="How many times have you had an episode like this before?",
        min_value=0,
        max_value=200,
        required=False,
    )
    last_episode_date = PastDateField(label="When was the last one?")
    last_episode_resolution = short_text("How did it get better?", max_length=300)
    injection_details = short_text(
        "Injections: which and when", max_length=300, help_text="e.g. epidural, L5, March 2025"
    )
    surgery_details = short_text(
        "Surgery: type, level and date", max_length=300, help_text="e.g. L4–5 microdiscectomy"
    )
    weeks_without_improvement = forms.IntegerField(
        label="For this episode, how many weeks of treatment so far without it getting better?",
        min_value=0,
        max_value=520,
        required=False,
        help_text="Leave empty if it is improving or they have not had treatment yet.",
    )

    def build_layout(self) -> Layout:
        return Layout(
            Fieldset(
                "Earlier episodes",
                Div(
                    Div("previous_episodes", css_class="col-sm-6"),
                    Div("last_episode_date", css_class="col-sm-6"),
                    css_class="row",
                ),
                "last_episode_resolution",
            ),
            Fieldset(
                "Treatments tried, for this episode or before",
                HTML('<p class="form-text mt-0">Leave a row empty if it was never tried.</p>'),
                *[
                    Div(InlineRadios(f"treatment_{key}"), css_class="factor-row")
                    for key, _ in TREATMENTS
                ],
                "injection_details",
                "surgery_details",
                "weeks_without_improvement",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        last = cleaned.get("last_episode_date")
        _check_not_after(self, "last_episode_date", last, self.reference_date, "the visit date")
        if last and cleaned.get("previous_episodes") == 0:
            self.add_error("previous_episodes", "A last episode date is given, so this is not 0.")
        return cleaned


# --- §1.11 medical history --------------------------------------------------------------------

# (key, label, with a details box?) grouped for the page.
MEDICAL_GROUPS: tuple[tuple[str, tuple[tuple[str, str, bool], ...]], ...] = (
    (
        "Cancer, infection and general health",
        (
            ("cancer", "Cancer, at any time", True),
            ("weight_loss", "Losing weight without trying", True),
            ("fever_chills_sweats", "Fever, chills or night sweats", False),
            ("recent_infection", "A recent infection (including a bladder infection)", True),
            ("immunosuppression", "Weakened immune system (medicine, HIV, transplant, TB)", True),
            ("iv_drug_use", "Injecting drugs", False),
            ("kidney", "Kidney disease or kidney stones", False),
            ("hernia", "Hernia", False),
        ),
    ),
    (
        "Bones, joints and spine",
        (
            ("osteoporosis", "Osteoporosis or osteopenia (thin bones)", False),
            ("previous_fracture", "A broken bone in the past", True),
            ("spinal_surgery", "Surgery on the spine", True),
            ("spinal_injection_recent", "A spinal injection in the last 3 months", False),
            ("spondylolisthesis", "Spondylolisthesis (a slipped vertebra)", False),
            ("other_joint_replacement", "A replaced joint other than the hip", True),
            ("hypermobility", "Very flexible joints (hypermobility, Ehlers–Danlos)", False),
            ("fibromyalgia", "Fibromyalgia", False),
        ),
    ),
    (
        "Inflammatory conditions",
        (
            ("axspa", "Ankylosing spondylitis / axial spondyloarthritis", False),
            ("other_inflammatory_arthritis", "Rheumatoid or psoriatic arthritis", False),
            ("psoriasis", "Psoriasis", False),
            ("ibd", "Crohn's disease or ulcerative colitis", False),
            ("uveitis", "Uveitis (an inflamed eye)", False),
        ),
    ),
    (
        "Heart, blood and circulation",
        (
            ("high_blood_pressure", "High blood pressure", False),
            ("heart_disease", "Heart disease", True),
            ("unstable_cardiorespiratory", "A heart or lung condition that is not stable", False),
            ("implanted_device", "Pacemaker, pain pump or nerve stimulator", True),
            ("dvt_pe_history", "A blood clot (DVT) or clot in the lung (PE)", True),
            ("bleeding_disorder", "A bleeding or clotting disorder", False),
            ("stroke_tia", "Stroke or mini-stroke (TIA)", True),
            ("aortic_aneurysm", "Aortic aneurysm", False),
            ("varicose_veins", "Varicose veins", False),
            ("lymphoedema", "Lymphoedema", False),
        ),
    ),
    (
        "Nerves, skin and mood",
        (
            ("diabetes_neuropathy", "Diabetes or nerve damage in the feet", False),
            ("seizures", "Seizures", False),
            ("seizures_uncontrolled", "Seizures that are not well controlled", False),
            ("skin_conditions", "A skin condition", True),
            ("open_wound_or_skin_infection", "An open wound or skin infection now", False),
            ("unhealed_incision", "A surgical wound that has not healed yet", False),
            ("depression_anxiety", "Depression or anxiety", False),
        ),
    ),
    (
        "Recent events and lifestyle",
        (
            (
                "recent_major_trauma",
                "A serious accident or fall recently (car crash, fall from a height)",
                True,
            ),
            ("recent_minor_trauma", "A small fall or lift that started this pain", False),
            ("recent_surgery", "Any other surgery recently", True),
            ("recently_postpartum", "Gave birth in the last 6 months", False),
            ("smoking", "Smokes", False),
            ("alcohol", "Drinks alcohol most days", False),
        ),
    ),
)
MEDICAL_ITEMS = {key: label for _, items in MEDICAL_GROUPS for key, label, _ in items}
HIP_APPROACH_CHOICES = [
    ("posterior", "From the back (posterior)"),
    ("anterior", "From the front (anterior)"),
    ("lateral", "From the side (lateral)"),
    ("unknown", "Not known"),
]
HIP_SIDES = (("left", "Left"), ("right", "Right"))


def _medical_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for _, items in MEDICAL_GROUPS:
        for key, label, details in items:
            fields[key] = forms.BooleanField(label=label, required=False)
            if details:
                fields[f"{key}_details"] = short_text(f"{label}: details", max_length=300)
                fields[f"{key}_details"].widget.attrs["placeholder"] = "Details: what, when"
    for side, side_label in HIP_SIDES:
        fields[f"hip_{side}"] = forms.BooleanField(
            label=f"{side_label} hip replaced", required=False
        )
        fields[f"hip_{side}_approach"] = forms.ChoiceField(
            choices=[("", "Not recorded"), *HIP_APPROACH_CHOICES],
            label=f"{side_label} hip: surgical approach",
            required=False,
        )
        fields[f"hip_{side}_date"] = PastDateField(label=f"{side_label} hip: date of surgery")
    return fields


@with_fields(_medical_fields, first=True)
class MedicalSection(IntakeSection):
    slug = "medical"
    title = "Medical history"
    reference = "§1.11"
    intro = "Have you ever had, or do you have now, any of these? Tick the ones that apply."

    pregnant = forms.BooleanField(label="Pregnant now", required=False)
    pregnancy_weeks = forms.IntegerField(
        label="How many weeks?", min_value=1, max_value=44, required=False
    )
    pregnancy_complications = short_text("Any complications?", max_length=300)
    spinal_surgery_date = PastDateField(label="Date of the spine surgery")
    other_conditions = long_text("Anything else about your health we should know?", rows=2)

    def build_layout(self) -> Layout:
        groups = []
        for title, items in MEDICAL_GROUPS:
            rows = []
            for key, _, details in items:
                row = [Div(key, css_class="col-md-6")]
                if details:
                    row.append(Div(f"{key}_details", css_class="col-md-6 medical-details"))
                if key == "spinal_surgery":
                    row.append(Div("spinal_surgery_date", css_class="col-md-6 offset-md-6"))
                rows.append(Div(*row, css_class="row medical-item"))
            groups.append(Fieldset(title, *rows))
        hips = [
            Div(
                Div(f"hip_{side}", css_class="col-md-4"),
                Div(f"hip_{side}_approach", css_class="col-md-4"),
                Div(f"hip_{side}_date", css_class="col-md-4"),
                css_class="row medical-item",
            )
            for side, _ in HIP_SIDES
        ]
        return Layout(
            *groups,
            Fieldset("Hip replacement", *hips),
            Fieldset(
                "Pregnancy",
                Div(
                    Div("pregnant", css_class="col-md-4"),
                    Div("pregnancy_weeks", css_class="col-md-4"),
                    Div("pregnancy_complications", css_class="col-md-4"),
                    css_class="row medical-item",
                ),
            ),
            "other_conditions",
        )

    def clean(self):
        cleaned = super().clean()
        visit = self.reference_date
        for side, side_label in HIP_SIDES:
            if not cleaned.get(f"hip_{side}"):
                if cleaned.get(f"hip_{side}_approach") or cleaned.get(f"hip_{side}_date"):
                    self.add_error(
                        f"hip_{side}", f"Tick this if the {side_label.lower()} hip was replaced."
                    )
                continue
            _check_not_after(
                self, f"hip_{side}_date", cleaned.get(f"hip_{side}_date"), visit, "the visit date"
            )
        _check_not_after(
            self, "spinal_surgery_date", cleaned.get("spinal_surgery_date"), visit, "the visit date"
        )
        if cleaned.get("spinal_surgery_date") and not cleaned.get("spinal_surgery"):
            self.add_error("spinal_surgery", "A surgery date is given: tick spine surgery too.")
        if cleaned.get("pregnancy_weeks") and not cleaned.get("pregnant"):
            self.add_error("pregnant", "Weeks of pregnancy are given: tick 'Pregnant now' too.")
        if cleaned.get("seizures_uncontrolled") and not cleaned.get("seizures"):
            cleaned["seizures"] = True
        for _, items in MEDICAL_GROUPS:
            for key, _, details in items:
                if details and cleaned.get(f"{key}_details") and not cleaned.get(key):
                    self.add_error(key, "Details are given: tick this too, or clear the details.")
        return cleaned

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        values = cls.stored_values(intake)
        rows = []
        for _, items in MEDICAL_GROUPS:
            for key, label, details in items:
                if values.get(key):
                    text = values.get(f"{key}_details") if details else ""
                    if key == "spinal_surgery" and values.get("spinal_surgery_date"):
                        when = display_value(
                            cls.base_fields["spinal_surgery_date"], values["spinal_surgery_date"]
                        )
                        text = f"{text} ({when})" if text else when
                    rows.append((label, text or "Yes"))
        for side, side_label in HIP_SIDES:
            if values.get(f"hip_{side}"):
                approach = dict(HIP_APPROACH_CHOICES).get(
                    values.get(f"hip_{side}_approach") or "", "approach not recorded"
                )
                when = values.get(f"hip_{side}_date")
                when = display_value(cls.base_fields[f"hip_{side}_date"], when) if when else ""
                text = ", ".join(filter(None, [approach, when]))
                rows.append((f"{side_label} hip replaced", text))
        if values.get("pregnant"):
            weeks = values.get("pregnancy_weeks")
            text = f"{weeks} weeks" if weeks else "weeks not recorded"
            if values.get("pregnancy_complications"):
                text += f"; {values['pregnancy_complications']}"
            rows.append(("Pregnant now", text))
        if values.get("other_conditions"):
            rows.append(("Other", values["other_conditions"]))
        return rows


# --- §1.12 medications and allergies ----------------------------------------------------------

ALLERGIES = [
    ("drugs", "Medicines"),
    ("latex", "Latex"),
    ("nut_seed_oils", "Nut or seed oils"),
    ("fragrance", "Fragrance"),
    ("lanolin", "Lanolin"),
    ("adhesives", "Adhesive tape or plasters"),
    ("none", "No known allergies"),
]
STEROID_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not sure")]


class MedicationRowForm(forms.Form):
    name = short_text("Medicine", max_length=120)
    dose = short_text("Dose", max_length=60)
    frequency = short_text("How often", max_length=60)
    reason = short_text("What for", max_length=120)

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(k) for k in ("dose", "frequency", "reason")) and not cleaned.get("name"):
            self.add_error("name", "Add the medicine's name, or clear this row.")
        return cleaned


class ImagingRowForm(forms.Form):
    kind = forms.ChoiceField(
        label="Test",
        required=False,
        choices=[
            ("", "Choose…"),
            ("xray", "X-ray"),
            ("mri", "MRI"),
            ("ct", "CT"),
            ("emg_ncs", "EMG / nerve conduction"),
            ("dexa", "Bone density (DEXA)"),
            ("blood", "Blood tests"),
            ("other", "Other"),
        ],
    )
    date = PastDateField(label="Date")
    facility = short_text("Where", max_length=120)
    summary = short_text("What it showed", max_length=500)

    def clean(self):
        cleaned = super().clean()
        others = any(cleaned.get(k) for k in ("date", "facility", "summary"))
        if others and not cleaned.get("kind"):
            self.add_error("kind", "Choose which test this was, or clear this row.")
        return cleaned


MAX_ROWS = 20


class RowsSection(IntakeSection):
    """A section with a list of rows (medications, imaging) below its ordinary fields."""

    row_form: ClassVar[type[forms.Form]]
    rows_key: ClassVar[str]
    rows_title: ClassVar[str]
    blank_rows: ClassVar[int] = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset_class = forms.formset_factory(
            self.row_form,
            extra=self.blank_rows,
            max_num=MAX_ROWS,
            validate_max=True,
            absolute_max=MAX_ROWS,
        )
        stored = list((self.initial or {}).get(self.rows_key) or [])
        for row in stored:
            for name, form_field in self.row_form.base_fields.items():
                if isinstance(form_field, forms.DateField):
                    row[name] = parse_date(row.get(name))
        self.rows = formset_class(
            data=self.data if self.is_bound else None,
            initial=stored,
            prefix=self.rows_key,
        )

    def is_valid(self) -> bool:
        form_ok = super().is_valid()
        try:
            rows_ok = self.rows.is_valid()
        except forms.ValidationError:
            # A tampered management form: treat as an error on the section, never a 500.
            rows_ok = False
        return form_ok and rows_ok

    def row_errors(self) -> list[str]:
        if not self.rows.is_bound:
            return []
        messages = [str(m) for m in self.rows.non_form_errors()]
        for number, row in enumerate(self.rows.forms, 1):
            for field_name, errors in row.errors.items():
                label = row.fields[field_name].label if field_name in row.fields else ""
                messages.extend(f"Row {number}, {label}: {e}" for e in errors)
        return messages

    def cleaned_rows(self) -> list[dict]:
        rows = []
        for row in self.rows.forms:
            data = {k: to_json(v) for k, v in (row.cleaned_data or {}).items()}
            if any(not is_empty(v) for v in data.values()):
                rows.append(data)
        return rows

    def storage(self) -> SectionData:
        data = super().storage()
        data.answers[self.rows_key] = self.cleaned_rows()
        return data

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        values = super().stored_values(intake)
        values[cls.rows_key] = [dict(r) for r in values.get(cls.rows_key) or []]
        return values

    @classmethod
    def describe(cls, name: str, value) -> tuple[str, str]:
        if name == cls.rows_key:
            return cls.rows_title, "; ".join(cls.row_text(r) for r in value) or "—"
        return super().describe(name, value)

    @classmethod
    def row_text(cls, row: dict) -> str:
        parts = []
        for name, form_field in cls.row_form.base_fields.items():
            if not is_empty(row.get(name)):
                parts.append(display_value(form_field, row[name]))
        return ", ".join(parts)

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        values = cls.stored_values(intake)
        rows = [(cls.rows_title, cls.row_text(r)) for r in values.get(cls.rows_key) or []]
        for name in cls.base_fields:
            value = values.get(name)
            if not is_empty(value):
                rows.append(cls.describe(name, value))
        return rows


class MedicationsSection(RowsSection):
    slug = "medications"
    title = "Medicines and allergies"
    reference = "§1.12"
    intro = "Every medicine taken regularly, including over-the-counter ones such as aspirin."
    row_form = MedicationRowForm
    rows_key = "medications"
    rows_title = "Medicine"

    long_term_steroids = RadioChoiceField(
        choices=STEROID_CHOICES,
        label="Have you taken steroid pills (such as prednisone) for 3 months or longer?",
    )
    allergies = MultiChoiceField(choices=ALLERGIES, label="Allergies")
    allergy_details = short_text("Allergy details", max_length=300)

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("allergies") or []
        if "none" in chosen and len(chosen) > 1:
            self.add_error("allergies", "'No known allergies' cannot be ticked with allergies.")
        return cleaned

    def build_layout(self) -> Layout:
        return Layout(
            HTML('{% include "clinic/intake/_rows.html" with rows=form.rows title="Medicines" %}'),
            self._auto("long_term_steroids"),
            Fieldset("Allergies", self._auto("allergies"), "allergy_details"),
        )


class ImagingSection(RowsSection):
    slug = "imaging"
    title = "Scans and tests"
    reference = "§1.13"
    intro = (
        "Scans often show changes such as disc bulges in people with no pain at all, so a "
        "finding on its own does not explain the symptoms."
    )
    row_form = ImagingRowForm
    rows_key = "imaging"
    rows_title = "Test"

    def build_layout(self) -> Layout:
        return Layout(
            HTML('{% include "clinic/intake/_rows.html" with rows=form.rows title="Tests" %}')
        )

    def clean(self):
        cleaned = super().clean()
        return cleaned


# --- §1.14–1.15 goals, work and activity ------------------------------------------------------

WORK_STATUS = [
    ("full", "Working, full duties"),
    ("modified", "Working, lighter or changed duties"),
    ("off_work", "Off work because of my back"),
    ("not_employed", "Not employed"),
    ("retired", "Retired"),
]
SLEEP_POSITIONS = [
    ("back", "On my back"),
    ("side", "On my side"),
    ("stomach", "On my stomach"),
    ("varies", "It varies"),
]
JOB_DEMANDS = [
    ("driving", "Driving"),
    ("lifting", "Lifting"),
    ("standing", "Standing"),
    ("sitting", "Sitting"),
]


class GoalsSection(IntakeSection):
    slug = "goals"
    title = "Goals, work and activity"
    reference = "§1.14–1.15"

    goals = long_text("What would you like to be able to do again?", rows=3)
    smart_activity = short_text("Goal: activity", max_length=160, help_text="e.g. walk the dog")
    smart_target = short_text("Goal: how much", max_length=160, help_text="e.g. 30 minutes")
    smart_date = forms.DateField(
        label="Goal: by when",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    work_status = RadioChoiceField(choices=WORK_STATUS, label="Work")
    sitting_hours = forms.IntegerField(
        label="Hours of sitting on a usual day", min_value=0, max_value=24, required=False
    )
    job_demands = MultiChoiceField(choices=JOB_DEMANDS, label="Your work involves a lot of")
    exercise_habits = short_text("What exercise do you do, and how often?", max_length=300)
    can_swim = YesNoField(label="Can you swim?")
    pool_access = YesNoField(label="Can you get to a pool?")
    fear_of_water = YesNoField(label="Are you afraid of the water?")
    chlorine_sensitivity = YesNoField(label="Does chlorine bother your skin or breathing?")
    unmanaged_incontinence = YesNoField(label="Any leaking of urine or stool that isn't managed?")
    hobbies = short_text("Hobbies and sport", max_length=300)
    sleep_position = RadioChoiceField(choices=SLEEP_POSITIONS, label="How do you usually sleep?")
    workstation = short_text("Your desk or workstation set-up", max_length=300)

    def build_layout(self) -> Layout:
        return Layout(
            Fieldset(
                "Goals",
                "goals",
                Div(
                    Div("smart_activity", css_class="col-md-4"),
                    Div("smart_target", css_class="col-md-4"),
                    Div("smart_date", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "Work",
                self._auto("work_status"),
                "sitting_hours",
                self._auto("job_demands"),
                "workstation",
            ),
            Fieldset(
                "Exercise, swimming and sleep",
                "exercise_habits",
                self._auto("can_swim"),
                self._auto("pool_access"),
                self._auto("fear_of_water"),
                self._auto("chlorine_sensitivity"),
                self._auto("unmanaged_incontinence"),
                "hobbies",
                self._auto("sleep_position"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("smart_date")
        if target and target < timezone.localdate().replace(year=timezone.localdate().year - 1):
            self.add_error("smart_date", "A goal date should be in the future. Check the year.")
        if target and target.year > timezone.localdate().year + 5:
            self.add_error("smart_date", "That is more than 5 years away. Check the year.")
        return cleaned


# --- §1.16 psychosocial -----------------------------------------------------------------------

AGREE = [("no", "No"), ("a_little", "A little"), ("yes", "Yes")]
SUPPORT = [("good", "Good support"), ("some", "Some"), ("little", "Little or none")]
RECOVERY = [
    ("soon", "I expect to get better soon"),
    ("slowly", "Slowly, over months"),
    ("unsure", "I'm not sure"),
    ("not", "I don't think it will get better"),
]


class PsychosocialSection(IntakeSection):
    slug = "psychosocial"
    title = "How it is affecting you"
    reference = "§1.16"
    intro = (
        "These help us pitch the right amount of support. For the structured screen, record a "
        "STarT Back score under Outcome measures."
    )

    hurt_means_harm = RadioChoiceField(
        choices=AGREE, label="Do you feel that if it hurts, you are doing damage?"
    )
    avoids_activity = RadioChoiceField(
        choices=AGREE, label="Are you avoiding things because you worry they will harm your back?"
    )
    low_mood = RadioChoiceField(choices=AGREE, label="Has your mood been low because of this?")
    stress = RadioChoiceField(choices=AGREE, label="Are you under a lot of stress at the moment?")
    support = RadioChoiceField(
        choices=SUPPORT, label="How much support do you have at home and at work?"
    )
    expected_recovery = RadioChoiceField(choices=RECOVERY, label="What do you expect will happen?")
    notes = long_text("Anything else the patient wants to tell us", rows=2)


# --- registry ---------------------------------------------------------------------------------

SECTIONS: tuple[type[IntakeSection], ...] = (
    ComplaintSection,
    RedFlagSection,
    BodyChartSection,
    PainSection,
    OnsetSection,
    FactorsSection,
    DailyPatternSection,
    NeuroSection,
    HistorySection,
    MedicalSection,
    MedicationsSection,
    ImagingSection,
    GoalsSection,
    PsychosocialSection,
)
SECTION_BY_SLUG: dict[str, type[IntakeSection]] = {s.slug: s for s in SECTIONS}
SIGNING_SECTIONS = tuple(s.slug for s in SECTIONS if s.required_for_signing)


def next_section(slug: str) -> type[IntakeSection] | None:
    slugs = [s.slug for s in SECTIONS]
    index = slugs.index(slug)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None
