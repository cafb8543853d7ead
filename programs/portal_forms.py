"""Forms of the patient portal: the session log and the short safety check, and reminders.

They are separate forms in one page so that a "yes" to a safety question is acted on even when
the rest of the log is incomplete.
"""

from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.utils import dateformat
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from clinic import redflags

from . import plan, reminders
from .models import ProgramRevision, ReminderPlan, SessionLog
from .translations import exercise_name

PAIN_CHOICES = [(n, str(n)) for n in range(11)]


class PainScale(forms.RadioSelect):
    """0–10 radios, drawn by templates/portal/_pain_scale.html as a row of large buttons."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", **(attrs or {})}, choices)


class SessionLogForm(forms.Form):
    """One session's log. `date` is today, yesterday or the day before (those two are late);
    `client_uuid`, set by the page's script, makes a resent log land once."""

    date = forms.DateField(
        label=_("Which day was this session?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid": _("Choose today, yesterday or the day before.")},
    )
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)
    exercises_done = forms.TypedMultipleChoiceField(
        label=_("Which exercises did you do?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    back_pain = forms.TypedChoiceField(
        label=_("Back pain now"),
        choices=PAIN_CHOICES,
        coerce=int,
        widget=PainScale,
        error_messages={"required": _("Choose a number from 0 (no pain) to 10 (worst).")},
    )
    leg_pain = forms.TypedChoiceField(
        label=_("Leg pain now"),
        choices=PAIN_CHOICES,
        coerce=int,
        widget=PainScale,
        error_messages={"required": _("Choose a number from 0 (no pain) to 10 (worst).")},
    )
    leg_symptoms = forms.ChoiceField(
        label=_("Since your last session, the pain, tingling or numbness in your leg has…"),
        choices=SessionLog.LegSymptoms.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the one that fits best.")},
    )
    comment = forms.CharField(
        label=_("Anything to tell your therapist? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, revision: ProgramRevision, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["exercises_done"].choices = [
            (item["position"], exercise_name(item["exercise"], get_language()))
            for item in revision.items
        ]
        names = [_("Today"), _("Yesterday"), _("The day before")]
        self.fields["date"].widget.choices = [
            (day.isoformat(), f"{name}, {dateformat.format(day, gettext('j M'))}")
            for name, day in zip(names, plan.log_days(today), strict=True)
        ]
        self.initial.setdefault("date", today.isoformat())

    def clean_date(self):
        day = self.cleaned_data.get("date") or self.today
        if day > self.today:
            raise forms.ValidationError(_("That day has not come yet: choose today."))
        if day not in plan.log_days(self.today):
            raise forms.ValidationError(
                _(
                    "A log can be made for today, yesterday or the day before, not for "
                    "%(day)s. Tell your therapist about older sessions at your next visit."
                )
                % {"day": dateformat.format(day, gettext("j M Y"))}
            )
        return day


def _question_choices(tier: str) -> list[tuple[str, str]]:
    return [
        (code, redflags.SHORT_FORM_QUESTIONS[code])
        for code in redflags.SHORT_FORM_CODES
        if redflags.QUESTIONS_BY_CODE[code].tier == tier
    ]


class SafetyCheckForm(forms.Form):
    """Tier E and U short-form questions of each check-in. One tick answers "none of these"."""

    emergency = forms.MultipleChoiceField(
        label=_("Call 911 or go to the emergency department now if you have any of these:"),
        choices=_question_choices(redflags.EMERGENCY),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"data-tier": "E"}),
    )
    urgent = forms.MultipleChoiceField(
        label=_("Contact your doctor today if you have any of these:"),
        choices=_question_choices(redflags.URGENT),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"data-tier": "U"}),
    )
    none_of_these = forms.BooleanField(
        label=_("I have none of these"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-none": "1"}),
    )

    def clean(self):
        cleaned = super().clean()
        ticked = cleaned.get("emergency") or cleaned.get("urgent")
        # A ticked symptom always wins over "none of these": a yes is never thrown away.
        if not ticked and not cleaned.get("none_of_these"):
            raise forms.ValidationError(
                _(
                    "Please answer the safety check: tick any that apply, or tick "
                    "“I have none of these”."
                )
            )
        return cleaned

    def answers(self) -> dict[str, bool]:
        ticked = set(self.cleaned_data.get("emergency", [])) | set(
            self.cleaned_data.get("urgent", [])
        )
        return {code: code in ticked for code in redflags.SHORT_FORM_CODES}


# --- exercise reminders -----------------------------------------------------------------------

PAUSE_AT_MOST_DAYS = 90


class ReminderPlanForm(forms.Form):
    """Which days and what time the patient wants a reminder, in which time zone."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Remind me on"),
        choices=[(n, name) for n, name in enumerate(reminders.WEEKDAY_NAMES)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    time_of_day = forms.TimeField(
        label=_("Time"),
        input_formats=["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I %p"],
        widget=forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M"),
        error_messages={
            "required": _("Choose a time, for example 09:00."),
            "invalid": _("Enter a time like 09:00 or 6:30 pm."),
        },
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Reminders follow the clock where you are, also when the clocks change."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = reminders.time_zone_choices()
        known = {name for name, _label in choices}
        for name in {settings.TIME_ZONE, self.initial.get("time_zone")} - known - {None}:
            choices.append((name, name.replace("_", " ")))
        self.fields["time_zone"].choices = choices

    @classmethod
    def initial_from(cls, plan: ReminderPlan) -> dict:
        return {
            "weekdays": plan.weekdays,
            "time_of_day": plan.time_of_day,
            "time_zone": plan.time_zone,
        }


class PauseRemindersForm(forms.Form):
    until = forms.DateField(
        label=_("Pause until (and including)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the last day without reminders."),
            "invalid": _("Enter a date like 2026-03-14."),
        },
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < self.today:
            raise forms.ValidationError(_("Choose today or a day after today."))
        if until > self.today + timedelta(days=PAUSE_AT_MOST_DAYS):
            raise forms.ValidationError(
                _("Pause for at most %(days)s days. To stop for longer, stop the reminders.")
                % {"days": PAUSE_AT_MOST_DAYS}
            )
        return until
