"""One form per outcome measure. Each turns its fields into the ``answers`` that
``clinic.measures.score`` reads.

STarT Back and the Oswestry are licensed: their forms name each item's construct or section
only, and the therapist enters the answer the patient marked on the clinic's licensed paper
form. No item wording is in this repository.
"""

from __future__ import annotations

from typing import ClassVar

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clinic import scoring
from clinic.intake.fields import NrsField, PastDateField
from clinic.models import OutcomeMeasure

from . import NPRS_PARTS, NPRS_WHEN


class MeasureForm(forms.Form):
    instrument: ClassVar[str]
    intro: ClassVar[str] = ""
    attribution: ClassVar[str] = ""

    taken_on = PastDateField(label=_("Date completed"), required=True)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.initial.setdefault("taken_on", timezone.localdate())
        # Item fields go first, on this instance only (never on the shared class fields).
        items = self.item_fields()
        self.fields = {**items, **self.fields}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.item_layout(), "taken_on", "note")

    @property
    def title(self) -> str:
        return OutcomeMeasure.Instrument(self.instrument).label

    def item_fields(self) -> dict[str, forms.Field]:
        return {}

    def item_layout(self) -> list:
        return [name for name in self.fields if name not in ("taken_on", "note")]

    def clean_taken_on(self):
        taken = self.cleaned_data["taken_on"]
        if taken and taken < self.patient.date_of_birth:
            raise forms.ValidationError(_("This is before the patient was born."))
        return taken

    def answers(self) -> dict:
        raise NotImplementedError

    def version(self) -> str:
        return ""


class NprsForm(MeasureForm):
    instrument = "nprs"
    intro = _("0 means no pain and 10 the worst pain imaginable. Back and leg separately.")

    def item_fields(self) -> dict[str, forms.Field]:
        labels = {
            ("back", "now"): _("Back pain right now"),
            ("back", "best"): _("Back pain at its least in the last 24 hours"),
            ("back", "worst"): _("Back pain at its worst in the last 24 hours"),
            ("back", "week"): _("Back pain on average over the last week"),
            ("leg", "now"): _("Leg pain right now"),
            ("leg", "best"): _("Leg pain at its least in the last 24 hours"),
            ("leg", "worst"): _("Leg pain at its worst in the last 24 hours"),
            ("leg", "week"): _("Leg pain on average over the last week"),
        }
        return {
            f"{part}_{when}": NrsField(label=labels[part, when], required=when == "now")
            for part in NPRS_PARTS
            for when in NPRS_WHEN
        }

    def item_layout(self) -> list:
        return [
            Fieldset(
                {"back": _("Back pain"), "leg": _("Leg pain")}[part],
                *[Div(InlineRadios(f"{part}_{w}"), css_class="nrs-scale") for w in NPRS_WHEN],
            )
            for part in NPRS_PARTS
        ]

    def clean(self):
        cleaned = super().clean()
        for part in NPRS_PARTS:
            now, best, worst = (cleaned.get(f"{part}_{w}") for w in ("now", "best", "worst"))
            if best is not None and worst is not None and best > worst:
                self.add_error(f"{part}_best", _("The least pain is higher than the worst."))
            elif now is not None and best is not None and now < best:
                self.add_error(f"{part}_best", _("The least in 24 hours is higher than right now."))
            elif now is not None and worst is not None and now > worst:
                self.add_error(f"{part}_worst", _("The worst in 24 hours is lower than right now."))
        return cleaned

    def answers(self) -> dict:
        return {
            f"{p}_{w}": self.cleaned_data.get(f"{p}_{w}") for p in NPRS_PARTS for w in NPRS_WHEN
        }


class RmdqForm(MeasureForm):
    instrument = "rmdq"
    intro = _(
        "When your back hurts, you may find it difficult to do some of the things you normally "
        "do. Tick each sentence that describes you today. Leave it unticked if it does not."
    )
    attribution = scoring.RMDQ_ATTRIBUTION

    ticked = forms.TypedMultipleChoiceField(
        choices=[(n, f"{n}. {text}") for n, text in enumerate(scoring.RMDQ_STATEMENTS, 1)],
        coerce=int,
        required=False,
        label=_("Statements that apply today"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "rmdq-statement"}),
    )
    none_apply = forms.BooleanField(
        label=_("None of these sentences apply to me today"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        ticked, none_apply = cleaned.get("ticked") or [], cleaned.get("none_apply")
        if ticked and none_apply:
            self.add_error(
                "none_apply",
                _(
                    "Sentences are ticked, so 'none apply' cannot be ticked too. "
                    "Untick one of them."
                ),
            )
        elif not ticked and not none_apply and "ticked" not in self.errors:
            self.add_error(
                "ticked",
                _("Tick the sentences that apply today, or tick 'None of these apply'."),
            )
        return cleaned

    def answers(self) -> dict:
        return {
            "ticked": sorted(self.cleaned_data.get("ticked") or []),
            "none_apply": bool(self.cleaned_data.get("none_apply")),
        }


class PsfsForm(MeasureForm):
    """Rate the patient's current activities; or, with no current set, name 3–5 new ones."""

    instrument = "psfs"
    intro = _(
        "Name up to five important activities you are unable to do, or find hard, because of "
        "your problem. Rate each: 0 means you cannot do it at all, 10 means you can do it as "
        "well as before the problem."
    )
    attribution = scoring.PSFS_ATTRIBUTION

    def __init__(self, *args, patient, activities, **kwargs):
        self.activities = list(activities)
        super().__init__(*args, patient=patient, **kwargs)

    def item_fields(self) -> dict[str, forms.Field]:
        if self.activities:
            return {
                f"rating_{a.pk}": NrsField(label=a.name, required=True) for a in self.activities
            }
        fields: dict[str, forms.Field] = {}
        for n in range(1, scoring.PSFS_MAX_ACTIVITIES + 1):
            fields[f"activity_{n}"] = forms.CharField(
                label=_("Activity %(number)s") % {"number": n},
                max_length=120,
                required=n <= scoring.PSFS_MIN_ACTIVITIES,
            )
            fields[f"rating_{n}"] = NrsField(
                label=_("Activity %(number)s: rating") % {"number": n}, required=False
            )
        return fields

    @property
    def naming(self) -> bool:
        return not self.activities

    def item_layout(self) -> list:
        if self.activities:
            return [
                Div(InlineRadios(f"rating_{a.pk}"), css_class="nrs-scale nrs-neutral")
                for a in self.activities
            ]
        return [
            Div(
                f"activity_{n}",
                Div(InlineRadios(f"rating_{n}"), css_class="nrs-scale nrs-neutral"),
                css_class="psfs-activity",
            )
            for n in range(1, scoring.PSFS_MAX_ACTIVITIES + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        if self.naming:
            for n in range(1, scoring.PSFS_MAX_ACTIVITIES + 1):
                name = (cleaned.get(f"activity_{n}") or "").strip()
                rating = cleaned.get(f"rating_{n}")
                if name and rating is None and f"rating_{n}" not in self.errors:
                    self.add_error(f"rating_{n}", _("Rate this activity from 0 to 10."))
                if rating is not None and not name and f"activity_{n}" not in self.errors:
                    self.add_error(f"activity_{n}", _("Name the activity this rating is for."))
            names = [
                (cleaned.get(f"activity_{n}") or "").strip().casefold()
                for n in range(1, scoring.PSFS_MAX_ACTIVITIES + 1)
            ]
            named = [n for n in names if n]
            if len(named) != len(set(named)):
                raise forms.ValidationError(_("Each activity should be named only once."))
        return cleaned

    def new_activity_names(self) -> list[str]:
        return [
            self.cleaned_data[f"activity_{n}"].strip()
            for n in range(1, scoring.PSFS_MAX_ACTIVITIES + 1)
            if (self.cleaned_data.get(f"activity_{n}") or "").strip()
        ]

    def new_activity_ratings(self) -> list[int]:
        return [
            self.cleaned_data[f"rating_{n}"]
            for n in range(1, scoring.PSFS_MAX_ACTIVITIES + 1)
            if (self.cleaned_data.get(f"activity_{n}") or "").strip()
        ]

    def ratings(self) -> list[int]:
        """Ratings in activity order: the named activities', or the current set's."""
        if self.naming:
            return self.new_activity_ratings()
        return [self.cleaned_data[f"rating_{a.pk}"] for a in self.activities]


SBI_SCALE = [
    (0, _("0 — not at all")),
    (1, "1"),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, "5"),
    (6, _("6 — extremely")),
]


class SbiForm(MeasureForm):
    instrument = "sbi"
    intro = _(
        "How bothersome has each of these been in the last week? 0 means not at all "
        "bothersome, 6 means extremely bothersome."
    )
    attribution = scoring.SBI_ATTRIBUTION

    def item_fields(self) -> dict[str, forms.Field]:
        return {
            f"item_{n}": forms.TypedChoiceField(
                choices=SBI_SCALE,
                coerce=int,
                empty_value=None,
                required=False,
                label=label,
                widget=forms.RadioSelect,
            )
            for n, label in enumerate(scoring.SBI_ITEMS, 1)
        }

    def item_layout(self) -> list:
        return [
            Div(InlineRadios(f"item_{n}"), css_class="scale-row")
            for n in range(1, len(scoring.SBI_ITEMS) + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        items = [cleaned.get(f"item_{n}") for n in range(1, len(scoring.SBI_ITEMS) + 1)]
        if all(v is None for v in items) and not self.errors:
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned

    def answers(self) -> dict:
        return {
            "items": [
                self.cleaned_data.get(f"item_{n}") for n in range(1, 1 + len(scoring.SBI_ITEMS))
            ]
        }


AGREE_DISAGREE = [(0, _("Disagree")), (1, _("Agree"))]


class StartBackForm(MeasureForm):
    instrument = "start_back"
    intro = _(
        "Enter the answers the patient marked on the clinic's licensed STarT Back form. Items "
        "are listed by what they measure, not by their wording."
    )
    attribution = scoring.START_BACK_COPYRIGHT

    def item_fields(self) -> dict[str, forms.Field]:
        return {
            f"item_{n}": forms.TypedChoiceField(
                choices=AGREE_DISAGREE if n < 9 else list(scoring.START_BACK_BOTHERSOME_SCALE),
                coerce=int,
                empty_value=None,
                required=False,
                label=_("Item %(number)s: %(construct)s")
                % {"number": n, "construct": construct.lower()},
                widget=forms.RadioSelect,
            )
            for n, construct in enumerate(scoring.START_BACK_ITEMS, 1)
        }

    def item_layout(self) -> list:
        return [
            Div(InlineRadios(f"item_{n}"), css_class="scale-row")
            for n in range(1, len(scoring.START_BACK_ITEMS) + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        items = [cleaned.get(f"item_{n}") for n in range(1, len(scoring.START_BACK_ITEMS) + 1)]
        if all(v is None for v in items) and not self.errors:
            raise forms.ValidationError(_("Enter the answers from the paper form."))
        return cleaned

    def answers(self) -> dict:
        return {
            "items": [
                self.cleaned_data.get(f"item_{n}")
                for n in range(1, len(scoring.START_BACK_ITEMS) + 1)
            ]
        }


ODI_VERSION_CHOICES = [
    ("2.1a", _("Version 2.1a")),
    ("1.0", _("Version 1.0")),
    ("modified", _("Modified ODI (employment / homemaking instead of sex life)")),
]
ODI_STATEMENTS = [
    (n, format_lazy(_("Statement {number} (scores {score})"), number=n + 1, score=n))
    for n in range(6)
]


class OdiForm(MeasureForm):
    instrument = "odi"
    intro = _(
        "Enter the statement the patient marked in each section of the clinic's licensed "
        "Oswestry form: the first statement scores 0, the last scores 5. Leave a section empty "
        "if it was not answered or does not apply; if two are marked, enter the higher."
    )
    attribution = scoring.ODI_COPYRIGHT

    def item_fields(self) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            "odi_version": forms.ChoiceField(
                choices=ODI_VERSION_CHOICES, label=_("Form version"), initial="2.1a"
            )
        }
        for n, name in enumerate(scoring.ODI_SECTIONS, 1):
            label = name
            if n == 8:
                label = _("%(section)s (Modified ODI: %(modified)s)") % {
                    "section": name,
                    "modified": scoring.ODI_SECTIONS_MODIFIED[7].lower(),
                }
            fields[f"section_{n}"] = forms.TypedChoiceField(
                choices=[("", _("Not answered")), *ODI_STATEMENTS],
                coerce=int,
                empty_value=None,
                required=False,
                label=_("Section %(number)s: %(name)s") % {"number": n, "name": label},
            )
        return fields

    def item_layout(self) -> list:
        sections = [f"section_{n}" for n in range(1, len(scoring.ODI_SECTIONS) + 1)]
        return [
            "odi_version",
            Div(*[Div(s, css_class="col-md-6") for s in sections], css_class="row"),
        ]

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get(f"section_{n}") for n in range(1, len(scoring.ODI_SECTIONS) + 1)]
        if all(v is None for v in values) and not self.errors:
            raise forms.ValidationError(_("Enter at least one section from the paper form."))
        return cleaned

    def version(self) -> str:
        return self.cleaned_data["odi_version"]

    def answers(self) -> dict:
        return {
            "sections": [
                self.cleaned_data.get(f"section_{n}")
                for n in range(1, len(scoring.ODI_SECTIONS) + 1)
            ]
        }


MEASURE_FORMS: dict[str, type[MeasureForm]] = {
    form.instrument: form
    for form in (NprsForm, RmdqForm, PsfsForm, SbiForm, StartBackForm, OdiForm)
}
