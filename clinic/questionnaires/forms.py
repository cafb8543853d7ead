"""Forms for home questionnaires: the patient's answers, and staff's schedule and send-now."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.measures import NPRS_PARTS

from . import instruments, services
from .models import MeasureSchedule

Cadence = MeasureSchedule.Cadence


class AnswerForm(forms.Form):
    """One radio group per question. Nothing is required to *save*; `require_all()` checks
    the required questions before the answers are sent."""

    def __init__(self, *args, instrument: str, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.questions = instruments.questions(instrument, activities=activities)
        for question in self.questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=list(question.choices),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "answer-input"}),
            )

    def require_all(self) -> bool:
        """Add an error next to each required question left empty; True when none is."""
        for question in self.questions:
            if question.required and self.cleaned_data.get(question.key) is None:
                self.add_error(question.key, _("Please answer this question."))
        if self.instrument == "nprs":
            self._check_pain_order()
        return not self.errors

    def _check_pain_order(self):
        data = self.cleaned_data
        for part in NPRS_PARTS:
            now, best, worst = (data.get(f"{part}_{w}") for w in ("now", "best", "worst"))
            if best is not None and worst is not None and best > worst:
                self.add_error(f"{part}_best", _("The lowest pain is higher than the highest."))
            elif now is not None and best is not None and now < best:
                self.add_error(f"{part}_best", _("The lowest pain is higher than your pain now."))
            elif now is not None and worst is not None and now > worst:
                self.add_error(f"{part}_worst", _("The highest pain is lower than your pain now."))

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}

    def rows(self):
        """(group heading or "", bound field, its Question) in order, for the template."""
        previous = None
        for question in self.questions:
            heading = question.group if question.group != previous else ""
            previous = question.group
            yield heading, self[question.key], question


class ScheduleForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Questionnaire"))
    cadence = forms.ChoiceField(
        label=_("When to ask"), choices=Cadence.choices, widget=forms.RadioSelect
    )
    every_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=services.MAX_EVERY_WEEKS,
        required=False,
    )
    review_date = forms.DateField(
        label=_("Review date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = instruments.home_choices()

    def clean(self):
        cleaned = super().clean()
        cadence = cleaned.get("cadence")
        missing_weeks = not cleaned.get("every_weeks") and "every_weeks" not in self.errors
        if cadence == Cadence.EVERY and missing_weeks:
            self.add_error("every_weeks", _("Say every how many weeks."))
        if cadence == Cadence.BEFORE_REVIEW:
            review = cleaned.get("review_date")
            if review is None and "review_date" not in self.errors:
                self.add_error("review_date", _("Give the review date."))
            elif review is not None and review <= timezone.localdate():
                self.add_error("review_date", _("Choose a review date after today."))
        return cleaned


class SendNowForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Questionnaire"))
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[("email", _("Email the link")), ("qr", _("Show a QR code here"))],
        widget=forms.RadioSelect,
        initial="email",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = instruments.home_choices()
