"""The forms of the patient's pre-visit intake, one topic per screen, in plain words.

Each form is the therapist's intake section (clinic/intake/sections.py) it answers, narrowed
to what a patient can answer and asked in the patient's own voice: the same field names, the
same choices and the same checks, so an answer maps 1:1 onto the therapist's intake. Only the
contact check and the signature are the patient's own.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from clinic import bodychart, redflags
from clinic.intake import sections
from clinic.intake.choices import MEDICAL_GROUPS
from clinic.intake.fields import to_json


class PatientStepMixin:
    """Narrow a therapist section to `keep`, reword its questions, and say what to store."""

    keep: ClassVar[tuple[str, ...] | None] = None
    labels: ClassVar[dict[str, Any]] = {}
    helps: ClassVar[dict[str, Any]] = {}
    # A section with rows (medicines, tests): what one row is called, and its boxes' labels.
    row_title: ClassVar[Any] = ""
    row_labels: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            in_reader_language(field)
        if self.keep is not None:
            for name in list(self.fields):
                if name not in self.keep:
                    del self.fields[name]
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
        for name, text in self.helps.items():
            if name in self.fields:
                self.fields[name].help_text = text
        rows = getattr(self, "rows", None)
        for row in rows.forms if rows is not None else ():
            for name, label in self.row_labels.items():
                row.fields[name].label = label

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON-safe data, keyed by the therapist's field names."""
        return {name: to_json(self.cleaned_data.get(name)) for name in self.fields}


def _translated(text):
    """A plain English string of the therapist's sections in the reader's language; a lazy one
    (already translated) and an empty one (gettext("") is the catalogue's header) as they are."""
    return gettext(text) if isinstance(text, str) and text else text


def in_reader_language(field: forms.Field) -> None:
    """The therapist section's words on this field (labels, choices and the "required" message,
    marked with gettext_noop where they are written) in the language of the page. The section
    itself keeps its English strings, so staff pages and stored summaries stay as they were."""
    field.label = _translated(field.label)
    field.help_text = _translated(field.help_text)
    if "required" in field.error_messages:
        field.error_messages["required"] = _translated(field.error_messages["required"])
    if isinstance(field, forms.ChoiceField):
        field.choices = [(value, _translated(label)) for value, label in field.choices]


class ContactForm(forms.Form):
    """Contact details as the clinic has them, for the patient to check. A change is kept as
    the patient's answer for the therapist to confirm, never written onto the record."""

    FIELDS = (
        "phone",
        "email",
        "address",
        "emergency_contact_name",
        "emergency_contact_relationship",
        "emergency_contact_phone",
    )

    phone = forms.CharField(label=_("Your phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Your email"), required=False)
    address = forms.CharField(
        label=_("Your home address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    emergency_contact_name = forms.CharField(
        label=_("Who should we call in an emergency?"), max_length=120, required=False
    )
    emergency_contact_relationship = forms.CharField(
        label=_("How do you know them?"),
        max_length=60,
        required=False,
        help_text=_("For example: wife, son, friend."),
    )
    emergency_contact_phone = forms.CharField(
        label=_("Their phone number"), max_length=40, required=False
    )

    def __init__(self, *args, patient=None, **kwargs):
        self.patient = patient
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["address"].widget.attrs.update(autocomplete="street-address")
        self.fields["emergency_contact_phone"].widget.attrs.update(inputmode="tel")

    @classmethod
    def on_record(cls, patient) -> dict[str, str]:
        return {name: getattr(patient, name) or "" for name in cls.FIELDS}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            self.add_error("phone", _("Please give us a phone number or an email."))
        return cleaned

    def answers(self) -> dict[str, Any]:
        values = {name: (self.cleaned_data.get(name) or "").strip() for name in self.FIELDS}
        record = self.on_record(self.patient) if self.patient is not None else {}
        # Which details differ from the record: the therapist confirms these before anyone
        # changes the patient's details.
        values["changed"] = [
            name for name in self.FIELDS if values[name] != (record.get(name) or "").strip()
        ]
        return values


class ComplaintForm(PatientStepMixin, sections.ComplaintSection):
    keep = ("own_words", "main_area", "main_area_other", "pain_more", "below_knee", "related_to")
    labels = {
        "own_words": _("In your own words, what brings you in?"),
        "main_area": _("Where is the main problem?"),
        "main_area_other": _("Where else?"),
        "pain_more": _("Which bothers you more: back pain or leg pain?"),
        "below_knee": _("Does pain or tingling go below your knee?"),
        "related_to": _("Did this start with work, a car accident, or a legal or insurance claim?"),
    }
    helps = {
        "own_words": "",
        "related_to": _("Tick all that fit, or 'None of these'."),
    }


class BodyChartForm(PatientStepMixin, sections.BodyChartSection):
    keep = ("chart_notes",)
    labels = {"chart_notes": _("Anything about where it hurts that the picture can't show?")}

    def answers(self) -> dict[str, Any]:
        return {
            "regions": self.cleaned_data["body_chart"],
            "chart_notes": self.cleaned_data.get("chart_notes", ""),
        }


class PainForm(PatientStepMixin, sections.PainSection):
    labels = {
        "back_pain_now": _("Back pain right now"),
        "back_pain_best": _("Back pain at its least in the last day"),
        "back_pain_worst": _("Back pain at its worst in the last day"),
        "back_pain_week": _("Back pain on most days this week"),
        "leg_pain_now": _("Leg pain right now"),
        "leg_pain_best": _("Leg pain at its least in the last day"),
        "leg_pain_worst": _("Leg pain at its worst in the last day"),
        "leg_pain_week": _("Leg pain on most days this week"),
        "qualities": _("Which words fit your pain?"),
    }
    helps = {"qualities": _("Tick all that fit.")}


class OnsetForm(PatientStepMixin, sections.OnsetSection):
    labels = {
        "onset_date": _("When did this start?"),
        "onset_approximate": _("I am not sure of the exact day"),
        "onset_type": _("Did it start all at once or bit by bit?"),
        "trigger": _("What set it off?"),
        "trigger_other": _("What else set it off?"),
        "course": _("Since it started, is it getting better or worse?"),
        "constancy": _("Is it there all the time?"),
        "problem_three_months": _("Has back pain been a problem for 3 months or more?"),
        "half_the_days": _("Has it been there on at least half the days in the last 6 months?"),
    }
    helps = {"onset_date": _("If you only know the month, pick the 1st of that month.")}


class FactorsForm(PatientStepMixin, sections.FactorsSection):
    labels = {
        "sitting_minutes": _("How many minutes can you sit before the pain starts?"),
        "standing_minutes": _("How many minutes can you stand before the pain starts?"),
        "walking_minutes": _("How many minutes can you walk before the pain starts?"),
        "walking_distance": _("Or how far can you walk?"),
        "exercise_which": _("Which exercise or sport?"),
        "easing": _("What makes it better?"),
        "easing_other": _("Anything else that makes it better?"),
    }


class DailyPatternForm(PatientStepMixin, sections.DailyPatternSection):
    labels = {
        "night_unrelieved": _("At night, does the pain stay bad whatever position you try?"),
        "morning_stiffness": _("Is your back stiff when you get up in the morning?"),
        "morning_stiffness_minutes": _("How many minutes does the stiffness last?"),
        "day_pattern": _("How does it change during the day?"),
        "night_waking": _("Does the pain wake you at night?"),
        "back_to_sleep": _("Can you get back to sleep by changing position?"),
        "alternating_buttock": _("Does the pain move from one buttock to the other?"),
    }
    helps = {"night_unrelieved": ""}


class NeuroForm(PatientStepMixin, sections.NeuroSection):
    """Numbness, tingling and weakness: each no, long-standing, or new or getting worse. A new
    one that is an emergency sign shows the emergency advice at once, as the safety step does."""

    labels = {
        "numbness": _("Numbness"),
        "pins_and_needles": _("Pins and needles"),
        "leg_weakness": _("Leg weakness, or your leg gives way"),
        "foot_drop": _("Tripping, or your foot slaps down"),
        "balance_change": _("A change in your balance or walking"),
        "both_legs": _("Symptoms in both legs"),
        "saddle_numbness": _("Numbness between your legs (where you sit on a bicycle seat)"),
        "bladder_change": _("A change in control of your bladder (peeing)"),
        "bowel_change": _("A change in control of your bowels"),
        "sexual_change": _("A change in sexual feeling or function"),
    }

    def tier_of(self, name: str) -> str:
        return redflags.FLAG_TIERS[redflags.NEURO_NEW_FLAGS[name]]


class HistoryForm(PatientStepMixin, sections.HistorySection):
    labels = {
        "previous_episodes": _("How many times have you had pain like this before?"),
        "last_episode_date": _("When was the last time?"),
        "last_episode_resolution": _("How did it get better?"),
        "injection_details": _("Injections: which ones and when"),
        "surgery_details": _("Surgery: what kind and when"),
        "weeks_without_improvement": _(
            "This time, how many weeks of treatment have you had without it getting better?"
        ),
    }
    helps = {
        "weeks_without_improvement": _("Leave it empty if it is getting better."),
        "injection_details": _("For example: in the low back, March 2025"),
        "surgery_details": _("For example: disc surgery, 2019"),
    }


class MedicalForm(PatientStepMixin, sections.MedicalSection):
    labels = {
        "hip_left": _("Left hip replaced"),
        "hip_left_approach": _("Left hip: how the surgeon went in"),
        "hip_left_date": _("Left hip: date of the surgery"),
        "hip_right": _("Right hip replaced"),
        "hip_right_approach": _("Right hip: how the surgeon went in"),
        "hip_right_date": _("Right hip: date of the surgery"),
        "pregnant": _("Pregnant now"),
        "pregnancy_weeks": _("How many weeks?"),
        "pregnancy_complications": _("Any problems with the pregnancy?"),
        "spinal_surgery_date": _("Date of the spine surgery"),
        "other_conditions": _("Anything else about your health we should know?"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Cancer, at any time: details": the condition's label is already in the reader's
        # language (the choices module marks it), the sentence around it is translated here.
        for _group, items in MEDICAL_GROUPS:
            for key, label, details in items:
                if details and f"{key}_details" in self.fields:
                    self.fields[f"{key}_details"].label = gettext("%(condition)s: details") % {
                        "condition": gettext(label)
                    }
                    self.fields[f"{key}_details"].widget.attrs["placeholder"] = gettext(
                        "What, and when"
                    )


class MedicationsForm(PatientStepMixin, sections.MedicationsSection):
    labels = {
        "long_term_steroids": _(
            "Have you taken steroid pills (such as prednisone) for 3 months or longer?"
        ),
        "allergies": _("Are you allergic to any of these?"),
        "allergy_details": _("Tell us more about your allergies"),
    }
    row_title = _("Medicine")
    row_labels = {
        "name": _("Name of the medicine"),
        "dose": _("How much you take"),
        "frequency": _("How often"),
        "reason": _("What it is for"),
    }

    def answers(self) -> dict[str, Any]:
        return {**super().answers(), self.rows_key: self.cleaned_rows()}


class ImagingForm(PatientStepMixin, sections.ImagingSection):
    row_title = _("Test")
    row_labels = {
        "kind": _("Which test"),
        "date": _("When"),
        "facility": _("Where it was done"),
        "summary": _("What you were told it showed"),
    }

    def answers(self) -> dict[str, Any]:
        return {self.rows_key: self.cleaned_rows()}


GOAL_FIELDS = ("goals", "smart_activity", "smart_target", "smart_date")


class GoalsForm(PatientStepMixin, sections.GoalsSection):
    keep = GOAL_FIELDS
    labels = {
        "goals": _("What would you like to be able to do again?"),
        "smart_activity": _("One thing you want to do"),
        "smart_target": _("How much or how long"),
        "smart_date": _("By when"),
    }
    helps = {
        "smart_activity": _("For example: walk the dog"),
        "smart_target": _("For example: 30 minutes"),
    }


class WorkForm(PatientStepMixin, sections.GoalsSection):
    keep = tuple(n for n in sections.GoalsSection.base_fields if n not in GOAL_FIELDS)
    labels = {
        "job_demands": _("At work, do you do a lot of"),
        "work_status": _("Work"),
        "sitting_hours": _("How many hours do you sit on a usual day?"),
        "exercise_habits": _("What exercise do you do, and how often?"),
        "can_swim": _("Can you swim?"),
        "pool_access": _("Can you get to a pool?"),
        "fear_of_water": _("Are you afraid of the water?"),
        "chlorine_sensitivity": _("Does chlorine bother your skin or breathing?"),
        "unmanaged_incontinence": _("Do you leak urine or stool, and it is not under control?"),
        "hobbies": _("Hobbies and sport"),
        "sleep_position": _("How do you usually sleep?"),
        "workstation": _("Your desk or work area"),
    }


class PsychosocialForm(PatientStepMixin, sections.PsychosocialSection):
    labels = {
        "notes": _("Is there anything else you want us to know?"),
        "hurt_means_harm": _("Do you feel that if it hurts, you are doing damage?"),
        "avoids_activity": _("Are you avoiding things because you worry they will harm your back?"),
        "low_mood": _("Has your mood been low because of this?"),
        "stress": _("Are you under a lot of stress right now?"),
        "support": _("How much support do you have at home and at work?"),
        "expected_recovery": _("What do you think will happen?"),
    }


class RedFlagForm(PatientStepMixin, sections.RedFlagSection):
    """The safety questions: the clinic's own patient wording, the same codes and tiers."""

    def tiers(self) -> list[dict]:
        """The questions grouped by tier, most serious first, for the page."""
        return [
            {
                "tier": tier,
                "fields": [self[q.code] for q in redflags.RED_FLAG_QUESTIONS if q.tier == tier],
            }
            for tier in redflags.TIER_ORDER
        ]

    def answers(self) -> dict[str, Any]:
        return {q.code: self.cleaned_data[q.code] for q in redflags.RED_FLAG_QUESTIONS}


class SignForm(forms.Form):
    """The electronic signature: consent to sign electronically, the intent to sign, a name."""

    esign_consent = forms.BooleanField(
        label=_("I agree to sign this form electronically instead of on paper."),
        required=True,
        error_messages={"required": _("Please tick this to sign on your phone.")},
    )
    intent = forms.BooleanField(
        label=_("I mean to sign this form, and my typed name is my signature."),
        required=True,
        error_messages={"required": _("Please tick this to show you mean to sign.")},
    )
    signature_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "signature-input"}),
        error_messages={"required": _("Please type your full name.")},
    )

    def clean_signature_name(self):
        name = " ".join(self.cleaned_data["signature_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please type your full name."))
        return name


def body_chart_widget(form: BodyChartForm, stored: list[dict]) -> dict:
    """Context for the body chart: what was just sent, or what is stored."""
    words, title = chart_svg_words(), gettext("Where it hurts")
    if form.is_bound:
        context = bodychart.widget_context(
            post=form.data, errors=form.non_field_errors(), words=words, title=title
        )
    else:
        context = bodychart.widget_context(marks=stored, words=words, title=title)
    return patient_chart(context)


def field_kind(bound) -> str:
    """How the phone page shows a field: big buttons, check rows, or a box to type in."""
    field, widget = bound.field, bound.field.widget
    if isinstance(field, sections.NrsField):
        return "nrs"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "text"


def _style(field: forms.Field) -> None:
    """Bootstrap's full-width, large inputs for the boxes a patient types into."""
    widget = field.widget
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
        widget.attrs["class"] = "form-select form-select-lg"
    elif not isinstance(widget, forms.RadioSelect | forms.CheckboxInput | forms.HiddenInput):
        widget.attrs["class"] = "form-control form-control-lg"


def step_layout(form) -> list[dict]:
    """The fields of a step in order, each with how to show it."""
    rows = getattr(form, "rows", None)
    for row in rows.forms if rows is not None else ():
        for field in row.fields.values():
            _style(field)
    tier_of = getattr(form, "tier_of", None)
    layout = []
    for bound in form:
        kind = field_kind(bound)
        if kind == "text":
            _style(bound.field)
        tier = tier_of(bound.name) if tier_of else ""
        layout.append({"field": bound, "kind": kind, "tier": tier if tier != "S" else ""})
    return layout


# The body chart in the patient's words: the same regions, sides and symptom types as the
# therapist's chart (clinic/bodychart.py), named the way a patient would name them.
REGION_WORDS = {
    "lumbar_central": _("Low back, in the middle"),
    "lumbar_paraspinal": _("Low back, beside the spine"),
    "thoracolumbar": _("Lower ribs, at the back"),
    "sij_psis": _("Dimple at the back of the pelvis"),
    "sacrum_coccyx": _("Tailbone"),
    "buttock_upper": _("Top of the buttock"),
    "buttock_deep": _("Deep in the buttock"),
    "hip_lateral": _("Side of the hip"),
    "groin": _("Groin, front of the hip"),
    "thigh_posterior": _("Back of the thigh"),
    "thigh_lateral": _("Outside of the thigh"),
    "thigh_anterior": _("Front of the thigh"),
    "knee_posterior": _("Back of the knee"),
    "knee": _("Front of the knee"),
    "calf": _("Calf"),
    "leg_lateral": _("Outside of the lower leg"),
    "shin": _("Shin"),
    "ankle": _("Ankle"),
    "foot_dorsum": _("Top of the foot"),
    "lateral_foot": _("Outside edge of the foot"),
    "foot_sole": _("Sole of the foot"),
    "heel": _("Heel"),
    "toes_big": _("Big toe"),
    "toes_lateral": _("Little toes"),
    "abdomen": _("Belly"),
}
GROUP_WORDS = {
    bodychart.GROUP_BACK: _("Low back and pelvis"),
    bodychart.GROUP_HIP: _("Buttock and hip"),
    bodychart.GROUP_THIGH: _("Thigh"),
    bodychart.GROUP_LOWER_LEG: _("Knee and lower leg"),
    bodychart.GROUP_FOOT: _("Ankle and foot"),
    bodychart.GROUP_OTHER: _("Belly"),
}
SIDE_WORDS = {
    bodychart.LEFT: _("Left"),
    bodychart.RIGHT: _("Right"),
    bodychart.CENTRAL: _("Middle"),
    bodychart.BOTH: _("Both sides"),
}
SYMPTOM_WORDS = {
    "pain": _("Pain"),
    "numbness": _("Numbness"),
    "pins_and_needles": _("Pins and needles"),
    "weakness": _("Weakness"),
    "burning": _("Burning"),
}


def patient_chart(context: dict) -> dict:
    """The chart's context with the list view's words in plain, translated words."""
    rows = []
    for row in context["regions"]:
        row = dict(row, hint="", group=GROUP_WORDS.get(row["group"], row["group"]))
        row["label"] = REGION_WORDS.get(row["id"], row["label"])
        row["side_options"] = [
            dict(o, label=SIDE_WORDS.get(o["value"], o["label"])) for o in row["side_options"]
        ]
        row["symptom_options"] = [
            dict(o, label=SYMPTOM_WORDS.get(o["value"], o["label"])) for o in row["symptom_options"]
        ]
        rows.append(row)
    symptoms = [(value, SYMPTOM_WORDS.get(value, label)) for value, label in context["symptoms"]]
    return {**context, "regions": rows, "symptoms": symptoms, "chart_words": chart_words()}


def chart_svg_words() -> bodychart.ChartWords:
    """The drawn chart's words (its places, headings, key and what a screen reader says) in
    the page's language and the patient's own words."""
    return bodychart.ChartWords(
        regions={key: str(label) for key, label in REGION_WORDS.items()},
        symptoms={key: str(label) for key, label in SYMPTOM_WORDS.items()},
        text={
            "back": gettext("BACK"),
            "back_sub": gettext("seen from behind"),
            "front": gettext("FRONT"),
            "front_sub": gettext("facing you"),
            "left_letter": pgettext("your left side, one letter", "L"),
            "right_letter": pgettext("your right side, one letter", "R"),
            "patient_left": gettext("Your left"),
            "patient_right": gettext("Your right"),
            "key": gettext("Key"),
            "worst_key": gettext("The worst place"),
            "not_marked": gettext("%(label)s, not marked"),
            "no_type_yet": gettext("no symptom type yet"),
            "both_sides": gettext("both sides"),
            "worst_area": gettext("worst area"),
            "no_type": gettext("nothing ticked yet"),
            "described": gettext("%(label)s: %(symptoms)s"),
            "described_worst": gettext("%(label)s: %(symptoms)s (the worst)"),
            "marked_areas": gettext("Places marked: %(areas)s."),
            "none_marked": gettext("No places marked yet."),
            "left": gettext("Left %(area)s"),
            "right": gettext("Right %(area)s"),
            "both": gettext("%(area)s (both sides)"),
        },
    )


def chart_words() -> dict[str, str]:
    """What static/js/bodychart.js says on the live figure (its panel, its status line), in the
    page's language: given to the script in the page, as the link pages are in the patient's
    language whatever the browser asks for."""
    return {
        "left": gettext("Left"),
        "right": gettext("Right"),
        "both": gettext("Both sides"),
        "central": gettext("Middle"),
        "markLeft": gettext("Left %(area)s"),
        "markRight": gettext("Right %(area)s"),
        "markBoth": gettext("%(area)s (both sides)"),
        "notMarked": gettext("%(area)s, not marked"),
        "noType": gettext("no symptom type yet"),
        "bothSides": gettext("both sides"),
        "worstArea": gettext("worst area"),
        "chooseSide": gettext("Choose a side for %(area)s."),
        "chooseType": gettext("Choose what you feel in %(area)s."),
        "chooseWorst": gettext("Choose which place is the worst."),
        "noneMarked": gettext("No places marked yet."),
        "markedOne": gettext("%(count)s place marked."),
        "markedMany": gettext("%(count)s places marked."),
        "worst": gettext("Worst: %(area)s."),
        "close": gettext("Close"),
        "side": gettext("Side"),
        "symptoms": gettext("What you feel"),
        "needType": gettext("Tick at least one thing you feel, or remove the place."),
        "worstLabel": gettext("The worst place"),
        "remove": gettext("Remove"),
        "done": gettext("Done"),
    }
