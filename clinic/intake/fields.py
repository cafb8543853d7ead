"""Form fields the intake sections share, and how a stored answer is shown back in words."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, gettext_noop

YES_NO = [("yes", gettext_noop("Yes")), ("no", gettext_noop("No"))]


def _yes(value: str) -> bool:
    return value == "yes"


class YesNoField(forms.TypedChoiceField):
    """A yes/no question answered with two radio buttons; stored as True/False, None if skipped."""

    def __init__(self, *, label: str, required: bool = False, help_text: str = ""):
        super().__init__(
            choices=YES_NO,
            coerce=_yes,
            empty_value=None,
            required=required,
            label=label,
            help_text=help_text,
            widget=forms.RadioSelect,
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


class NrsField(forms.TypedChoiceField):
    """An 11-point pain rating, 0 to 10, shown as a row of large buttons."""

    def __init__(self, *, label: str, required: bool = False, help_text: str = ""):
        super().__init__(
            choices=[(n, str(n)) for n in range(11)],
            coerce=int,
            empty_value=None,
            required=required,
            label=label,
            help_text=help_text,
            widget=forms.RadioSelect(attrs={"class": "nrs-input"}),
        )


class RadioChoiceField(forms.ChoiceField):
    def __init__(self, *, choices, label: str, required: bool = False, help_text: str = ""):
        super().__init__(
            choices=choices,
            label=label,
            required=required,
            help_text=help_text,
            widget=forms.RadioSelect,
        )


class MultiChoiceField(forms.MultipleChoiceField):
    def __init__(self, *, choices, label: str, required: bool = False, help_text: str = ""):
        super().__init__(
            choices=choices,
            label=label,
            required=required,
            help_text=help_text,
            widget=forms.CheckboxSelectMultiple,
        )


class PastDateField(forms.DateField):
    """A date that cannot be in the future (entered with the browser's date picker)."""

    def __init__(self, *, label: str, required: bool = False, help_text: str = ""):
        super().__init__(
            label=label,
            required=required,
            help_text=help_text,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(gettext("This date is in the future. Check the year."))
        if value and value < date(1900, 1, 1):
            raise forms.ValidationError(
                gettext("This date is too far in the past. Check the year.")
            )


def short_text(label: str, *, max_length: int = 200, help_text: str = "", required=False):
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text
    )


def long_text(label: str, *, max_length: int = 2000, help_text: str = "", rows: int = 3, **kw):
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=kw.get("required", False),
    )


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def to_json(value):
    """A cleaned form value as JSON-safe data (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return sorted(value)
    return value


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def display_value(field: forms.Field, value) -> str:
    """A stored answer in words, e.g. True -> "Yes", "yes_new" -> "Yes, new or getting worse"."""
    if is_empty(value):
        return "—"
    if isinstance(field, YesNoField | forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.MultipleChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}
        return labels.get(str(value), str(value))
    if isinstance(field, forms.DateField):
        parsed = parse_date(value)
        return format_date(parsed, "j M Y") if parsed else str(value)
    return str(value)
