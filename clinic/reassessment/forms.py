"""The re-assessment's forms: the visit (copied-forward answers, short screen, progress note)
and the amendment of a signed visit's progress note."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import redflags
from ..intake.fields import NrsField, PastDateField, YesNoField
from . import carry
from .models import Reassessment
from .services import Note

STATUS_CHOICES = [(carry.CONFIRMED, _("Same as before")), (carry.CHANGED, _("Changed"))]
PLAN_CHOICES = Reassessment.Plan.choices
NO_TEXT = 4000


def _value_field(item: carry.CarriedItem) -> forms.Field:
    label = _("Now")
    if item.kind == carry.PAIN:
        return NrsField(label=label)
    if item.kind == carry.YES_NO:
        return YesNoField(label=label)
    if item.kind == carry.CHOICE:
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *item.choices])
    return forms.CharField(
        label=label,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _same(item: carry.CarriedItem, a, b) -> bool:
    if item.kind == carry.TEXT:
        return (a or "").strip() == (b or "").strip()
    return (a if a != "" else None) == (b if b != "" else None)


class NoteFields(forms.Form):
    patient_change = forms.CharField(
        label=_("What changed for the patient"),
        max_length=NO_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In their words and yours: symptoms, function, sleep, work, the home logs."),
    )
    exam_change = forms.CharField(
        label=_("What changed on examination"),
        required=False,
        max_length=NO_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan = forms.ChoiceField(label=_("Plan"), choices=PLAN_CHOICES, widget=forms.RadioSelect)
    plan_note = forms.CharField(
        label=_("Plan details"),
        required=False,
        max_length=NO_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def note(self) -> Note:
        data = self.cleaned_data
        return Note(
            patient_change=data["patient_change"],
            exam_change=data.get("exam_change", ""),
            plan=data["plan"],
            plan_note=data.get("plan_note", ""),
        )


class ReassessmentForm(NoteFields):
    """One page: the visit date, every carried answer confirmed or changed, the short
    red-flag screen, and the progress note. `before` is what the answers said last time."""

    visit_date = PastDateField(label=_("Date of this visit"), required=True)

    def __init__(self, *args, before: dict, visit: Reassessment | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.before = before
        fields = {"visit_date": self.fields.pop("visit_date")}
        stored = {row["key"]: row for row in visit.carried} if visit else {}
        for item in carry.ITEMS:
            fields[f"{item.key}-status"] = forms.ChoiceField(
                label=_("Since last time"), choices=STATUS_CHOICES, widget=forms.RadioSelect
            )
            fields[item.key] = _value_field(item)
            row = stored.get(item.key)
            self.initial.setdefault(item.key, row["after"] if row else before.get(item.key))
            if row:
                self.initial.setdefault(f"{item.key}-status", row["status"])
        for code, question in redflags.SHORT_FORM_QUESTIONS.items():
            fields[f"screen-{code}"] = YesNoField(label=question, required=True)
            if visit and isinstance(visit.screen_answers.get(code), bool):
                self.initial.setdefault(f"screen-{code}", visit.screen_answers[code])
        if visit:
            for name in ("visit_date", "patient_change", "exam_change", "plan", "plan_note"):
                self.initial.setdefault(name, getattr(visit, name))
        self.initial.setdefault("visit_date", timezone.localdate())
        self.fields = {**fields, **self.fields}

    def carried_rows(self):
        """(item, status field, value field, value before) for the template."""
        return [
            (item, self[f"{item.key}-status"], self[item.key], item.text(self.before.get(item.key)))
            for item in carry.ITEMS
        ]

    def screen_rows(self):
        """(code, tier, field, instruction) for each short-screen question."""
        return [
            (
                code,
                redflags.QUESTIONS_BY_CODE[code].tier,
                self[f"screen-{code}"],
                redflags.QUESTIONS_BY_CODE[code].instruction,
            )
            for code in redflags.SHORT_FORM_QUESTIONS
        ]

    def clean(self):
        data = super().clean()
        for item in carry.ITEMS:
            status = data.get(f"{item.key}-status")
            if item.key not in data:
                continue
            value, old = data.get(item.key), self.before.get(item.key)
            if status == carry.CONFIRMED and not _same(item, value, old):
                self.add_error(
                    item.key,
                    _("This differs from before (%(old)s): choose “Changed”, or put it back.")
                    % {"old": item.text(old)},
                )
            elif status == carry.CHANGED and _same(item, value, old):
                self.add_error(
                    item.key,
                    _(
                        "This is the same as before: choose “Same as before”, "
                        "or enter the new value."
                    ),
                )
        return data

    def statuses(self) -> dict[str, str]:
        return {item.key: self.cleaned_data[f"{item.key}-status"] for item in carry.ITEMS}

    def values(self) -> dict:
        values = {}
        for item in carry.ITEMS:
            value = self.cleaned_data.get(item.key)
            values[item.key] = value.strip() if isinstance(value, str) else value
            if item.kind == carry.CHOICE and values[item.key] == "":
                values[item.key] = None
        return values

    def screen_answers(self) -> dict[str, bool]:
        return {code: self.cleaned_data[f"screen-{code}"] for code in redflags.SHORT_FORM_CODES}

    def error_items(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary at the top of the page."""
        items = []
        for name, errors in self.errors.items():
            target = f"id_{name}" if name != "__all__" else ""
            items.extend((target, str(message)) for message in errors)
        return items


class AmendForm(NoteFields):
    reason = forms.CharField(
        label=_("Why is this being corrected?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved with your name and the time, next to the original text."),
    )
