"""Forms for the steps between raising a red flag and the decision (views: clinic/views/flags.py).

Each form has a prefix, so the flag page can show several at once without clashing ids.
"""

from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import RedFlag
from . import services
from .models import RedFlagEvent

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class MomentInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=MOMENT_FORMAT)


def _moment_field(label):
    return forms.DateTimeField(
        label=label, input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M"], widget=MomentInput
    )


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


class _StepForm(forms.Form):
    """A step on a flag, optionally recorded on the patient's other open flags too."""

    kind = ""
    also = forms.MultipleChoiceField(
        label=_("Also record this for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The patient's other open flags, e.g. the other signs of one suspected cauda equina."
        ),
    )

    def __init__(self, *args, flag: RedFlag, siblings=(), by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.flag = flag
        self.by = by
        self.siblings = [other for other in siblings if services.can_step(other, self.kind)]
        if self.siblings:
            self.fields["also"].choices = [
                (str(other.uuid), f"{other.get_tier_display()}: {other.summary}")
                for other in self.siblings
            ]
            self.fields["also"].initial = [str(other.uuid) for other in self.siblings]
        else:
            del self.fields["also"]
        self.order_fields([name for name in self.fields if name != "also"] + ["also"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.fields)

    def also_flags(self) -> list[RedFlag]:
        chosen = set(self.cleaned_data.get("also") or ())
        return [other for other in self.siblings if str(other.uuid) in chosen]

    def clean_follow_up_due(self):
        due = self.cleaned_data.get("follow_up_due")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The follow-up date is in the past."))
        return due


def _tomorrow():
    return timezone.localdate() + timedelta(days=1)


def _now():
    return timezone.localtime().replace(second=0, microsecond=0)


class ReferralForm(_StepForm):
    kind = RedFlagEvent.Kind.REFERRED
    prefix = "refer"

    advised_by = forms.CharField(label=_("Who advised the patient to go"), max_length=120)
    advised_at = _moment_field(_("When"))
    travel = forms.ChoiceField(
        label=_("How the patient travelled"),
        choices=RedFlagEvent.Travel.choices,
        widget=forms.RadioSelect,
    )
    called = forms.CharField(
        label=_("Who was called"),
        max_length=200,
        help_text=_(
            "e.g. 911, the emergency department's triage nurse, the patient's partner. "
            "Write “No one” if no one was."
        ),
    )
    note = forms.CharField(
        label=_("Other details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Anything else: which department, a letter sent with the patient."),
    )
    follow_up_due = _date_field(
        _("Call the patient for the outcome by"),
        help_text=_("Creates the follow-up task “find out the emergency department outcome”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advised_at"].initial = _now
        self.fields["follow_up_due"].initial = _tomorrow
        if self.by is not None:
            self.fields["advised_by"].initial = str(self.by)


class DeclinedForm(_StepForm):
    kind = RedFlagEvent.Kind.DECLINED
    prefix = "declined"

    advised_by = forms.CharField(label=_("Who gave the advice"), max_length=120)
    advised_at = _moment_field(_("When"))
    advice = forms.CharField(
        label=_("Advice given and the patient's answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What you advised, the risks you explained, what the patient said and "
            "what they will do if symptoms change."
        ),
    )
    follow_up_due = _date_field(_("Call the patient again by"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advised_at"].initial = _now
        self.fields["follow_up_due"].initial = _tomorrow
        if self.by is not None:
            self.fields["advised_by"].initial = str(self.by)


class OutcomeForm(_StepForm):
    kind = RedFlagEvent.Kind.OUTCOME
    prefix = "outcome"

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=RedFlagEvent.Outcome.choices, widget=forms.RadioSelect
    )
    seen_at = _moment_field(_("Seen on"))
    details = forms.CharField(
        label=_("What happened"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Where the patient was seen, tests done, the diagnosis or plan, and how "
            "you learned it (the patient's call, a discharge letter)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_at"].initial = _now


class FollowUpForm(forms.Form):
    prefix = "followup"

    task = forms.CharField(label=_("Task"), max_length=200)
    due_on = _date_field(_("Due"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = _tomorrow
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_due_on(self):
        due = self.cleaned_data.get("due_on")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        return due


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
