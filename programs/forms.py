from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms

from clinic.models import Patient

from .models import Program, ProgramItem, ProtocolTemplate
from .services import MIN_OVERRIDE_REASON_LENGTH

# Builder


class VersionForm(forms.Form):
    """Carries the program version the user's page was built from (see services.VersionConflict).

    Every program write form inherits it: a stale version is refused, never silently applied.
    """

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _no_tag_helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class _DatesMixin:
    def clean(self):
        cleaned = super().clean()
        start, review = cleaned.get("start_date"), cleaned.get("review_date")
        if start and review and review < start:
            self.add_error("review_date", "The review date can't be before the start date.")
        return cleaned


class ProgramCreateForm(_DatesMixin, forms.ModelForm):
    """A new program for one patient: blank, or copied from a protocol template."""

    template = forms.ModelChoiceField(
        queryset=ProtocolTemplate.objects.none(),
        required=False,
        empty_label="Blank program",
        label="Start from",
        help_text="A template's exercises and dosage are copied in; adjust them in the builder.",
    )

    class Meta:
        model = Program
        fields = ["template", "title", "goals", "start_date", "review_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"title": "Leave empty to use the template's name."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ProtocolTemplate.objects.for_user(user).active()
        self.fields["title"].required = False
        self.helper = _no_tag_helper()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title") or "").strip() and not cleaned.get("template"):
            self.add_error("title", "Give the program a title, or start from a template.")
        return cleaned


class ProgramDetailsForm(_DatesMixin, VersionForm, forms.ModelForm):
    class Meta:
        model = Program
        fields = ["title", "goals", "notes", "start_date", "review_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"notes": "General notes for the patient"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper(
            "version",
            "title",
            Row(Column("start_date", css_class="col-6"), Column("review_date", css_class="col-6")),
            "goals",
            "notes",
        )


def _count_field(label: str, low: int, high: int, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        required=required,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ProgramItemForm(VersionForm, forms.ModelForm):
    """An item's dosage, edited inline in the builder (one form per item, prefixed by its id)."""

    # Limits match the table's constraints (programs.models.dose_constraints).
    sets = _count_field("Sets", 1, 20, required=True)
    reps = _count_field("Reps", 1, 100)
    hold_s = _count_field("Hold (s)", 1, 600)
    duration_min = _count_field("Minutes", 1, 240)
    times_per_day = _count_field("Times a day", 1, 12, required=True)
    days_per_week = _count_field("Days a week", 1, 7, required=True)

    class Meta:
        model = ProgramItem
        fields = [
            "sets",
            "reps",
            "hold_s",
            "duration_min",
            "side",
            "times_per_day",
            "days_per_week",
            "tempo",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"item-{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        self.fields["tempo"].widget.attrs["placeholder"] = "e.g. breathe out as you lift"
        self.helper = _no_tag_helper(
            "version",
            Row(
                Column("sets", css_class="col-4"),
                Column("reps", css_class="col-4"),
                Column("hold_s", css_class="col-4"),
                Column("duration_min", css_class="col-4"),
                Column("times_per_day", css_class="col-4"),
                Column("days_per_week", css_class="col-4"),
            ),
            Row(Column("side", css_class="col-md-4"), Column("tempo", css_class="col-md-8")),
            Field("note"),
        )

    def dose(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AddItemForm(VersionForm):
    exercise = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    override_reason = forms.CharField(
        required=False,
        label="Why prescribe it anyway?",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Required for an exercise hidden by the patient's precautions "
        f"(at least {MIN_OVERRIDE_REASON_LENGTH} characters). Shown on the program.",
    )


class OverrideForm(VersionForm):
    override_reason = forms.CharField(
        required=False,
        label="Reason or approval note",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReorderForm(VersionForm):
    item = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ids are checked against the program by the service; here they only need to be
        # whole numbers.
        self.fields["item"].valid_value = lambda value: str(value).isdigit()


class SaveAsTemplateForm(VersionForm):
    name = forms.CharField(max_length=120, label="Template name")
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="When to use it, e.g. 'First two weeks for buttock pain with no red flags'.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if ProtocolTemplate.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError("A template with this name already exists.")
        return name


class StartFromTemplateForm(_DatesMixin, forms.Form):
    patient = forms.ModelChoiceField(queryset=Patient.objects.none(), empty_label="Choose…")
    title = forms.CharField(
        max_length=160, required=False, help_text="Leave empty to use the template's name."
    )
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    review_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patient"].queryset = Patient.objects.for_user(user).active()
        self.helper = _no_tag_helper()
