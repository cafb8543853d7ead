"""Forms of the patient portal: the session log and the short safety check.

They are separate forms in one page so that a "yes" to a safety question is acted on even when
the rest of the log is incomplete.
"""

from django import forms

from clinic import redflags

from .models import ProgramRevision, SessionLog

PAIN_CHOICES = [(n, str(n)) for n in range(11)]


class PainScale(forms.RadioSelect):
    """0–10 radios, drawn by templates/portal/_pain_scale.html as a row of large buttons."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", **(attrs or {})}, choices)


class SessionLogForm(forms.Form):
    exercises_done = forms.TypedMultipleChoiceField(
        label="Which exercises did you do?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    back_pain = forms.TypedChoiceField(
        label="Back pain now",
        choices=PAIN_CHOICES,
        coerce=int,
        widget=PainScale,
        error_messages={"required": "Choose a number from 0 (no pain) to 10 (worst)."},
    )
    leg_pain = forms.TypedChoiceField(
        label="Leg pain now",
        choices=PAIN_CHOICES,
        coerce=int,
        widget=PainScale,
        error_messages={"required": "Choose a number from 0 (no pain) to 10 (worst)."},
    )
    leg_symptoms = forms.ChoiceField(
        label="Since your last session, the pain, tingling or numbness in your leg has…",
        choices=SessionLog.LegSymptoms.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the one that fits best."},
    )
    comment = forms.CharField(
        label="Anything to tell your therapist? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, revision: ProgramRevision, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercises_done"].choices = [
            (item["position"], item["exercise"]["name"]) for item in revision.items
        ]

    @classmethod
    def initial_from(cls, log: SessionLog | None) -> dict:
        if log is None:
            return {}
        return {
            "exercises_done": log.exercises_done,
            "back_pain": log.back_pain,
            "leg_pain": log.leg_pain,
            "leg_symptoms": log.leg_symptoms,
            "comment": log.comment,
        }


def _question_choices(tier: str) -> list[tuple[str, str]]:
    return [
        (code, redflags.SHORT_FORM_QUESTIONS[code])
        for code in redflags.SHORT_FORM_CODES
        if redflags.QUESTIONS_BY_CODE[code].tier == tier
    ]


class SafetyCheckForm(forms.Form):
    """Tier E and U short-form questions of each check-in. One tick answers "none of these"."""

    emergency = forms.MultipleChoiceField(
        label="Call 911 or go to the emergency department now if you have any of these:",
        choices=_question_choices(redflags.EMERGENCY),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"data-tier": "E"}),
    )
    urgent = forms.MultipleChoiceField(
        label="Contact your doctor today if you have any of these:",
        choices=_question_choices(redflags.URGENT),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"data-tier": "U"}),
    )
    none_of_these = forms.BooleanField(
        label="I have none of these",
        required=False,
        widget=forms.CheckboxInput(attrs={"data-none": "1"}),
    )

    def clean(self):
        cleaned = super().clean()
        ticked = cleaned.get("emergency") or cleaned.get("urgent")
        # A ticked symptom always wins over "none of these": a yes is never thrown away.
        if not ticked and not cleaned.get("none_of_these"):
            raise forms.ValidationError(
                "Please answer the safety check: tick any that apply, or tick "
                "“I have none of these”."
            )
        return cleaned

    def answers(self) -> dict[str, bool]:
        ticked = set(self.cleaned_data.get("emergency", [])) | set(
            self.cleaned_data.get("urgent", [])
        )
        return {code: code in ticked for code in redflags.SHORT_FORM_CODES}
