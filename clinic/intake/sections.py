"""The intake's sections as forms, one page each, in the order the therapist asks them.

Wording is plain so a therapist can read it aloud or hand the tablet over. The red-flag
questions come second, right after the reason for the visit: a safety screen before anything
else, and an emergency answer stops the intake at once.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop

from clinic import bodychart, precautions, redflags

from .base import (
    IntakeSection,
    RowsSection,
    SectionData,
    check_not_after,
    summary_of_no,
    with_fields,
)
from .choices import (
    AGREE,
    ALLERGIES,
    CONSTANCY,
    COURSES,
    DAY_PATTERNS,
    EASING,
    FACTOR_CHOICES,
    HIP_APPROACH_CHOICES,
    HIP_SIDES,
    JOB_DEMANDS,
    MAIN_AREAS,
    MEDICAL_GROUPS,
    NEURO_CHOICES,
    NEW_OLD_CHOICES,
    NIGHT_WAKING,
    ONSET_TYPES,
    PAIN_MORE,
    RECOVERY,
    RED_FLAG_NEURO_ITEM,
    RED_FLAG_YES_NO,
    RELATED_TO,
    SLEEP_POSITIONS,
    STEROID_CHOICES,
    SUPPORT,
    TIER_HEADINGS,
    TREATMENT_RESPONSES,
    TREATMENTS,
    TRIGGERS,
    WORK_STATUS,
)
from .fields import (
    MultiChoiceField,
    NrsField,
    PastDateField,
    RadioChoiceField,
    YesNoField,
    display_value,
    is_empty,
    long_text,
    short_text,
)


class ComplaintSection(IntakeSection):
    slug = "complaint"
    title = "Reason for the visit"
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


def _notice(name: str, tier: str) -> HTML:
    """What to tell the patient, shown right under the answer that calls for it.

    Hidden until that answer is "yes" (or "yes, new or getting worse"): clinic.js shows it the
    moment the answer is ticked, before anything is saved. Soon-tier answers need none.
    """
    if tier == redflags.SOON:
        return HTML("")
    return HTML(
        format_html(
            '<div class="tier-instruction tier-instruction-{} d-none" data-notice-for="{}" '
            'role="alert" aria-live="assertive"><strong>{}</strong> {}</div>',
            tier,
            name,
            gettext("Tell the patient now:"),
            redflags.TIER_INSTRUCTIONS[tier],
        )
    )


def _red_flag_field(question: redflags.RedFlagQuestion) -> forms.Field:
    choices = NEW_OLD_CHOICES if question.code in RED_FLAG_NEURO_ITEM else RED_FLAG_YES_NO
    return forms.ChoiceField(
        choices=choices,
        label=question.question,
        required=True,
        widget=forms.RadioSelect(attrs={"data-tier": question.tier}),
        error_messages={"required": gettext_noop("Please answer this question.")},
    )


@with_fields(lambda: {q.code: _red_flag_field(q) for q in redflags.RED_FLAG_QUESTIONS})
class RedFlagSection(IntakeSection):
    slug = "red-flags"
    title = "Safety questions"
    intro = redflags.SCREENING_NOTE
    required_for_signing = True

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        return dict(intake.red_flag_answers or {})

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        return summary_of_no(cls, cls.stored_values(intake), "safety questions")

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
                    *[
                        Div(InlineRadios(name), _notice(name, tier), css_class="red-flag-question")
                        for name in names
                    ],
                    css_class=f"red-flag-tier red-flag-tier-{tier}",
                )
            )
        return Layout(*parts)


class BodyChartSection(IntakeSection):
    """Where it hurts: the drawn chart, with a list view carrying the same choices."""

    slug = "body-chart"
    title = "Where it hurts"
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


class OnsetSection(IntakeSection):
    slug = "onset"
    title = "When it started"
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
        check_not_after(self, "onset_date", onset, self.reference_date, "the visit date")
        if onset and self.patient is not None and onset < self.patient.date_of_birth:
            self.add_error("onset_date", "This is before the patient was born. Check the year.")
        if cleaned.get("trigger") == "other" and not cleaned.get("trigger_other"):
            self.add_error("trigger_other", "Say what set it off.")
        return cleaned


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


@with_fields(lambda: {f"asas_{k}": YesNoField(label=label) for k, label in precautions.ASAS_ITEMS})
class DailyPatternSection(IntakeSection):
    slug = "daily-pattern"
    title = "Through the day and night"

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


def asas_from(values: dict) -> dict[str, bool]:
    return {
        key: values[f"asas_{key}"]
        for key, _ in precautions.ASAS_ITEMS
        if values.get(f"asas_{key}") is not None
    }


def _neuro_field(item: str) -> forms.Field:
    label = redflags.NEURO_LABELS[item]
    return forms.ChoiceField(
        choices=NEURO_CHOICES,
        label=label[:1].upper() + label[1:],
        required=True,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_noop("Please answer: no, long-standing, or new.")},
    )


@with_fields(lambda: {item: _neuro_field(item) for item in redflags.NEURO_ITEMS})
class NeuroSection(IntakeSection):
    slug = "neuro"
    title = "Nerve symptoms"
    intro = (
        "Do you have any of these? For each: no, yes and it has been the same for a long time, "
        "or yes and it is new or getting worse."
    )

    def build_layout(self) -> Layout:
        # A new or worsening answer that is an emergency sign shows its notice right under it.
        return Layout(
            *[
                Div(
                    InlineRadios(item),
                    _notice(item, redflags.FLAG_TIERS[redflags.NEURO_NEW_FLAGS[item]]),
                    css_class="factor-row",
                )
                for item in redflags.NEURO_ITEMS
            ]
        )

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        return summary_of_no(cls, cls.stored_values(intake), "nerve symptoms")


@with_fields(
    lambda: {
        f"treatment_{key}": RadioChoiceField(choices=TREATMENT_RESPONSES, label=label)
        for key, label in TREATMENTS
    }
)
class HistorySection(IntakeSection):
    slug = "history"
    title = "Earlier episodes and treatment"

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
        check_not_after(self, "last_episode_date", last, self.reference_date, "the visit date")
        if last and cleaned.get("previous_episodes") == 0:
            self.add_error("previous_episodes", "A last episode date is given, so this is not 0.")
        return cleaned


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
            choices=[("", gettext_noop("Not recorded")), *HIP_APPROACH_CHOICES],
            label=f"{side_label} hip: surgical approach",
            required=False,
        )
        fields[f"hip_{side}_date"] = PastDateField(label=f"{side_label} hip: date of surgery")
    return fields


@with_fields(_medical_fields, first=True)
class MedicalSection(IntakeSection):
    slug = "medical"
    title = "Medical history"
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
            check_not_after(
                self, f"hip_{side}_date", cleaned.get(f"hip_{side}_date"), visit, "the visit date"
            )
        check_not_after(
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


ROW_REF_RE = re.compile(r"[0-9a-f]{32}")


def new_row_ref() -> str:
    return uuid.uuid4().hex


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
    # A stable id for the row, so a report file stays with its test when rows are edited.
    ref = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_ref(self):
        value = self.cleaned_data.get("ref") or ""
        # Anything but an id we issued (a tampered form) gets a new id, never an error.
        return value if ROW_REF_RE.fullmatch(value) else ""

    def clean(self):
        cleaned = super().clean()
        others = any(cleaned.get(k) for k in ("date", "facility", "summary"))
        if others and not cleaned.get("kind"):
            self.add_error("kind", "Choose which test this was, or clear this row.")
        return cleaned


class MedicationsSection(RowsSection):
    slug = "medications"
    title = "Medicines and allergies"
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
    intro = (
        "Scans often show changes such as disc bulges in people with no pain at all, so a "
        "finding on its own does not explain the symptoms."
    )
    row_form = ImagingRowForm
    rows_key = "imaging"
    rows_title = "Test"
    row_keys = ("ref",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Report files attached to the tests (clinic/imaging_reports.py), shown under their
        # row; a test with a current report cannot be removed from the list.
        self.attached: dict[str, list] = {}
        if self.intake is not None and self.intake.pk:
            for report in self.intake.imaging_reports.current():
                self.attached.setdefault(report.entry, []).append(report)
        for row in self.rows.forms:
            row.attached_reports = self.attached.get(row["ref"].value() or "", [])
        self._rows_with_refs: list[dict] | None = None

    def build_layout(self) -> Layout:
        return Layout(
            HTML('{% include "clinic/intake/_rows.html" with rows=form.rows title="Tests" %}')
        )

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        kept = {row["ref"] for row in self.cleaned_rows()}
        removed = [ref for ref in self.attached if ref not in kept]
        for ref in removed:
            reports = self.attached[ref]
            names = ", ".join(report.original_name for report in reports)
            self.add_error(
                None,
                f"“{reports[0].entry_label}” has a report attached ({names}), so it stays in "
                "the list. If the test was entered by mistake, mark its report as filed in "
                "error first.",
            )
        return not removed

    def cleaned_rows(self) -> list[dict]:
        """The rows, each with its stable ``ref``: kept if it had one, new otherwise."""
        if self._rows_with_refs is None:
            rows = super().cleaned_rows()
            seen: set[str] = set()
            for row in rows:
                if not row.get("ref") or row["ref"] in seen:
                    row["ref"] = new_row_ref()
                seen.add(row["ref"])
            self._rows_with_refs = rows
        return self._rows_with_refs

    @classmethod
    def entries(cls, intake) -> list[dict]:
        """The stored tests of an intake, each with its ``ref``."""
        return [row for row in cls.stored_values(intake)[cls.rows_key] if row.get("ref")]

    @classmethod
    def entry_label(cls, row: dict) -> str:
        """A test in a few words, e.g. "MRI, 3 Mar 2025, Harbor Imaging"."""
        fields = cls.row_form.base_fields
        parts = [
            display_value(fields[name], row.get(name))
            for name in ("kind", "date", "facility")
            if not is_empty(row.get(name))
        ]
        return ", ".join(parts) or "Test"


class GoalsSection(IntakeSection):
    slug = "goals"
    title = "Goals, work and activity"

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


class PsychosocialSection(IntakeSection):
    slug = "psychosocial"
    title = "How it is affecting you"
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


def next_section(slug: str) -> type[IntakeSection] | None:
    slugs = [s.slug for s in SECTIONS]
    index = slugs.index(slug)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None
