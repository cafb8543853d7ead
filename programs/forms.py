from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clinic.models import Patient
from clinic.uploads import clean_image_upload

from . import library
from .models import (
    DOSE_FIELDS,
    Contraindication,
    Exercise,
    PrecautionTag,
    Program,
    ProgramItem,
    ProtocolTemplate,
)
from .services import MIN_OVERRIDE_REASON_LENGTH

MAX_ID = 2**63 - 1  # the largest primary key (BigAutoField) any of our tables can hold

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


# Labels of program fields (the model's field names are not translated).
_PROGRAM_LABELS = {
    "title": _("Title"),
    "goals": _("Goals"),
    "start_date": _("Start date"),
    "review_date": _("Review date"),
}


class _DatesMixin:
    def clean(self):
        cleaned = super().clean()
        start, review = cleaned.get("start_date"), cleaned.get("review_date")
        if start and review and review < start:
            self.add_error(
                "review_date", gettext("The review date can't be before the start date.")
            )
        return cleaned


class ProgramCreateForm(_DatesMixin, forms.ModelForm):
    """A new program for one patient: blank, or copied from a protocol template."""

    template = forms.ModelChoiceField(
        queryset=ProtocolTemplate.objects.none(),
        required=False,
        empty_label=_("Blank program"),
        label=_("Start from"),
        help_text=_("A template's exercises and dosage are copied in; adjust them in the builder."),
    )

    class Meta:
        model = Program
        fields = ["template", "title", "goals", "start_date", "review_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.Textarea(attrs={"rows": 3}),
        }
        labels = _PROGRAM_LABELS
        help_texts = {"title": _("Leave empty to use the template's name.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ProtocolTemplate.objects.for_user(user).active()
        self.fields["title"].required = False
        self.helper = _no_tag_helper()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title") or "").strip() and not cleaned.get("template"):
            self.add_error("title", gettext("Give the program a title, or start from a template."))
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
        labels = {**_PROGRAM_LABELS, "notes": _("General notes for the patient")}

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
    sets = _count_field(_("Sets"), 1, 20, required=True)
    reps = _count_field(_("Reps"), 1, 100)
    hold_s = _count_field(_("Hold (s)"), 1, 600)
    duration_min = _count_field(_("Minutes"), 1, 240)
    times_per_day = _count_field(_("Times a day"), 1, 12, required=True)
    days_per_week = _count_field(_("Days a week"), 1, 7, required=True)

    class Meta:
        model = ProgramItem
        fields = list(DOSE_FIELDS)
        labels = {
            "side": _("Side"),
            "tempo": _("Tempo or breathing cue"),
            "note": _("Note for the patient"),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"item-{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        self.fields["tempo"].widget.attrs["placeholder"] = gettext("e.g. breathe out as you lift")
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
        label=_("Why prescribe it anyway?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy(
            _(
                "Required for an exercise hidden by the patient's precautions "
                "(at least {minimum} characters). Shown on the program."
            ),
            minimum=MIN_OVERRIDE_REASON_LENGTH,
        ),
    )


class OverrideForm(VersionForm):
    override_reason = forms.CharField(
        required=False,
        label=_("Reason or approval note"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishForm(VersionForm):
    """Publish; with a written reason when the patient has no current red-flag screen or no
    consent to a home program (clinic/screening.py, checked by the service)."""

    screening_override_reason = forms.CharField(
        required=False,
        max_length=1000,
        label=_("Why publish without it?"),
        help_text=_(
            "Saved with your name and the time on this version, shown on the program "
            "and kept in the audit log."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReorderForm(VersionForm):
    item = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ids are checked against the program by the service; here they only need to be
        # whole numbers.
        self.fields["item"].valid_value = lambda value: str(value).isdigit()


class BuilderSearchForm(forms.Form):
    """The builder's search box (a GET form): a value it refuses, such as a NUL character, is
    ignored like an empty box."""

    q = forms.CharField(required=False)
    category = forms.ChoiceField(required=False, choices=[("", ""), *Exercise.Category.choices])

    def value(self, name: str) -> str:
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:80]


class SaveAsTemplateForm(VersionForm):
    name = forms.CharField(max_length=120, label=_("Template name"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When to use it, e.g. 'First two weeks for buttock pain with no red flags'."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if ProtocolTemplate.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(gettext("A template with this name already exists."))
        return name


class StartFromTemplateForm(_DatesMixin, forms.Form):
    patient = forms.ModelChoiceField(
        label=_("Patient"), queryset=Patient.objects.none(), empty_label=_("Choose…")
    )
    title = forms.CharField(
        label=_PROGRAM_LABELS["title"],
        max_length=160,
        required=False,
        help_text=_("Leave empty to use the template's name."),
    )
    start_date = forms.DateField(
        label=_PROGRAM_LABELS["start_date"], widget=forms.DateInput(attrs={"type": "date"})
    )
    review_date = forms.DateField(
        label=_PROGRAM_LABELS["review_date"],
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patient"].queryset = Patient.objects.for_user(user).active()
        self.helper = _no_tag_helper()


# --- library ----------------------------------------------------------------------------------


class LinesField(forms.Field):
    """A list of short texts, edited as one item per line in a textarea."""

    widget = forms.Textarea

    def __init__(self, *, rows: int = 4, max_items: int = 30, **kwargs):
        self.max_items = max_items
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["rows"] = rows

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, list | tuple):
            lines = [str(v) for v in value]
        else:
            lines = str(value).splitlines()
        items = [line.strip().lstrip("•-*").strip() for line in lines]
        return [item for item in items if item]

    def validate(self, value):
        super().validate(value)
        if len(value) > self.max_items:
            raise forms.ValidationError(
                gettext("Keep this to {count} lines or fewer.").format(count=self.max_items)
            )
        for item in value:
            if len(item) > 400:
                raise forms.ValidationError(
                    gettext("One line is longer than 400 characters. Split it into shorter lines.")
                )
            # What CharField refuses too: PostgreSQL cannot store a NUL, in text or in JSON.
            ProhibitNullCharactersValidator()(item)

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


def _choices_with_extras(labels: dict[str, str], current) -> list[tuple[str, str]]:
    """Known keys first, then any unknown key the row already has (so saving never drops it)."""
    choices = list(labels.items())
    for key in current or []:
        if key not in labels:
            choices.append((key, key.replace("_", " ").capitalize()))
    return choices


class ExerciseChoiceField(forms.ModelMultipleChoiceField):
    """Ticked exercises. An id too large for the table is refused like any unknown choice:
    Django guards `pk=` lookups against integer overflow but not the `pk__in` this field runs."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk)
            if not text.isdecimal() or len(text) > 19 or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super().clean(value)


def _dose_field(label: str, low: int, high: int, *, required=False, help_text=""):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        help_text=help_text,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
    )


class ExerciseForm(forms.ModelForm):
    """A clinic exercise, or the clinic's edit of a shipped one. Lists are one item per line."""

    target_muscles = LinesField(label=_("Target muscles"), rows=3, help_text=_("One per line."))
    joints = forms.MultipleChoiceField(
        label=_("Body regions"), required=False, widget=forms.CheckboxSelectMultiple
    )
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"), required=False, widget=forms.CheckboxSelectMultiple
    )
    steps = LinesField(
        label=_("Steps"),
        rows=5,
        required=True,
        help_text=_("One step per line, in order. Short sentences the patient can follow."),
    )
    cues = LinesField(label=_("Cues"), rows=3, help_text=_("One per line, e.g. a breathing cue."))
    stop_rules = LinesField(
        label=_("Stop rules for this exercise"),
        rows=3,
        help_text=_("One per line. The universal stop rules are always shown as well."),
    )
    sets = _dose_field(_("Sets"), 1, 20, required=True)
    reps = _dose_field(_("Repetitions"), 1, 100)
    hold_s = _dose_field(_("Hold (seconds)"), 0, 600)
    rest_s = _dose_field(_("Rest (seconds)"), 0, 600)
    duration_min = _dose_field(_("Duration (minutes)"), 1, 240)
    times_per_day = _dose_field(_("Times a day"), 1, 12, required=True)
    days_per_week = _dose_field(_("Days a week"), 1, 7, required=True)
    progressions = ExerciseChoiceField(
        label=_("Progressions (harder next steps)"),
        queryset=Exercise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regressions = ExerciseChoiceField(
        label=_("Regressions (easier alternatives)"),
        queryset=Exercise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Exercise
        fields = [
            "name",
            "category",
            "summary",
            "target_muscles",
            "joints",
            "equipment",
            "start_position",
            "steps",
            "agonist",
            "sets",
            "reps",
            "hold_s",
            "rest_s",
            "duration_min",
            "times_per_day",
            "days_per_week",
            "per_side",
            "tempo",
            "cues",
            "stop_rules",
            "precaution_notes",
            "evidence_note",
            "progressions",
        ]
        labels = {
            "name": _("Name"),
            "category": _("Category"),
            "summary": _("One-line summary"),
            "start_position": _("Start position"),
            "agonist": _("Muscle the patient contracts (AIS)"),
            "per_side": _("Done on each side"),
            "tempo": _("Tempo or breathing"),
            "precaution_notes": _("Precaution notes for therapists"),
            "evidence_note": _("Evidence note"),
        }
        widgets = {
            "start_position": forms.Textarea(attrs={"rows": 2}),
            "precaution_notes": forms.Textarea(attrs={"rows": 2}),
            "evidence_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["joints"].choices = _choices_with_extras(
            library.joint_labels(), instance.joints
        )
        self.fields["equipment"].choices = _choices_with_extras(
            library.equipment_labels(), instance.equipment
        )
        # Only exercises this user can see; archived ones only if already linked.
        linked = []
        if instance.pk:
            linked = [e.pk for e in instance.progressions.all()] + [
                e.pk for e in instance.regressions.all()
            ]
            self.fields["regressions"].initial = [e.pk for e in instance.regressions.all()]
        choices = (
            Exercise.objects.for_user(user)
            .filter(Q(archived=False) | Q(pk__in=linked))
            .exclude(pk=instance.pk)
            .order_by("name")
        )
        self.fields["progressions"].queryset = choices
        self.fields["regressions"].queryset = choices
        self.fields["summary"].help_text = gettext(
            "Shown in search results and on the patient's page."
        )

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("progressions") or []) & set(cleaned.get("regressions") or [])
        if both:
            names = ", ".join(sorted(e.name for e in both))
            self.add_error(
                "regressions",
                gettext("An exercise cannot be both harder and easier than this: {names}.").format(
                    names=names
                ),
            )
        no_dose = not any(cleaned.get(f) for f in ("reps", "hold_s", "duration_min"))
        if no_dose and not self.has_error("reps"):
            self.add_error(
                "reps",
                gettext("Give at least repetitions, a hold time or a duration for the dose."),
            )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.regressions.set(self.cleaned_data.get("regressions") or [])


class ContraindicationForm(forms.ModelForm):
    class Meta:
        model = Contraindication
        fields = ["tag", "action", "note"]
        labels = {"tag": _("Precaution"), "action": _("Rule"), "note": _("Note")}
        widgets = {
            "note": forms.TextInput(attrs={"placeholder": _("What to do instead (optional)")})
        }


class BaseContraindicationFormSet(forms.BaseInlineFormSet):
    """An exercise's precaution rules, one per precaution.

    The posted rows must be the rows the page showed, each once: Django checks the
    one-rule-per-precaution constraint only among the posted rows, so a tampered management
    form (or a row the page did not show) would otherwise reach the database as a duplicate.
    """

    stale_message = _(
        "The precaution rules of this exercise changed while the page was open. "
        "Reload the page and make your changes again."
    )

    def clean(self):
        super().clean()
        existing = {rule.pk for rule in self.get_queryset()}
        posted = [form.instance.pk for form in self.initial_forms]
        extra_ids = [getattr(form, "cleaned_data", {}).get("id") for form in self.extra_forms]
        if None in posted or len(set(posted)) != len(posted) or set(posted) != existing:
            raise forms.ValidationError(self.stale_message, code="stale")
        if any(extra_ids):
            raise forms.ValidationError(self.stale_message, code="stale")

    def save_existing_objects(self, commit=True):
        if commit:
            # A row that is deleted or moves to another precaution lets go of its old one
            # first, so two rows can trade precautions without tripping the constraint halfway.
            deleted = self.deleted_forms
            for form in self.initial_forms:
                if form.instance.pk and (form in deleted or "tag" in form.changed_data):
                    Contraindication.objects.filter(pk=form.instance.pk).update(
                        tag=f"~{form.instance.pk}"
                    )
        return super().save_existing_objects(commit)


ContraindicationFormSet = forms.inlineformset_factory(
    Exercise,
    Contraindication,
    form=ContraindicationForm,
    formset=BaseContraindicationFormSet,
    extra=1,
    can_delete=True,
    max_num=len(PrecautionTag.choices),
    validate_max=True,
)


class ExerciseMediaForm(forms.ModelForm):
    """The clinic's own photo (re-encoded, metadata stripped) and a video link."""

    class Meta:
        model = Exercise
        fields = ["photo", "video_url"]
        labels = {"photo": _("Photo"), "video_url": _("Video link")}
        help_texts = {
            "photo": _(
                "JPEG, PNG or WebP, at most 5 MB. Location and camera details are removed "
                "and large photos are resized."
            ),
            "video_url": _("An https:// link, e.g. to the clinic's own video."),
        }
        error_messages = {
            "photo": {
                "invalid_image": _("This file is not a readable image. Use JPEG, PNG or WebP.")
            }
        }
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "video_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            return clean_image_upload(photo)
        return photo

    def clean_video_url(self):
        url = (self.cleaned_data.get("video_url") or "").strip()
        if url and not url.lower().startswith("https://"):
            raise forms.ValidationError(gettext("Use a secure link that starts with https://."))
        return url


class ExerciseFilterForm(forms.Form):
    """The library's search box and filters (a GET form; invalid values are simply ignored)."""

    STATUS_CHOICES = [("active", _("In use")), ("archived", _("Archived")), ("all", _("All"))]
    SOURCE_CHOICES = [
        ("", _("All exercises")),
        ("library", _("Restore library")),
        ("clinic", _("Ours")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    region = forms.ChoiceField(label=_("Body region"), required=False)
    equipment = forms.ChoiceField(label=_("Equipment"), required=False)
    safe_for = forms.ChoiceField(label=_("Safe for"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False, choices=SOURCE_CHOICES)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", gettext("Any"))]
        self.fields["category"].choices = any_ + list(Exercise.Category.choices)
        self.fields["region"].choices = any_ + list(library.joint_labels().items())
        self.fields["equipment"].choices = any_ + list(library.equipment_labels().items())
        self.fields["safe_for"].choices = [("", gettext("Anyone"))] + list(PrecautionTag.choices)
        self.fields["q"].widget.attrs.update(
            {
                "type": "search",
                "placeholder": gettext("Name, muscle, equipment or precaution"),
                "autocomplete": "off",
            }
        )

    def value(self, name: str) -> str:
        """A cleaned filter value, or "" when missing or invalid (bad values are ignored)."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def filter(self, queryset):
        query = self.value("q").strip()
        safe_for = self.value("safe_for")
        if safe_for:
            # "osteoporosis" typed and "safe for osteoporosis" chosen mean one thing: the filter.
            label = PrecautionTag(safe_for).label.lower()
            words = query.split()
            query = " ".join(
                w for w in words if len(w) < 4 or w.lower() not in f"{safe_for} {label}"
            )
        if query:
            queryset = queryset.search(query)
        status = self.value("status") or "active"
        if status != "all":
            queryset = queryset.filter(archived=(status == "archived"))
        if self.value("category"):
            queryset = queryset.filter(category=self.value("category"))
        if self.value("region"):
            queryset = queryset.in_region(self.value("region"))
        if self.value("equipment"):
            queryset = queryset.using_equipment(self.value("equipment"))
        if safe_for:
            queryset = queryset.safe_for(safe_for)
        if self.value("source"):
            queryset = queryset.filter(source=self.value("source"))
        return queryset

    @property
    def is_filtered(self) -> bool:
        return any(self.value(n) for n in ("q", "category", "region", "equipment", "safe_for"))
