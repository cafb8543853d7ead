"""What every intake section form shares: storage, showing answers back, error lists.

A section form stores its answers in ``Intake.answers[slug]``, except the few answers with
their own column (visit date, onset date, pain scores, body chart, red-flag answers), listed in
``columns``. ``RowsSection`` adds a list of rows (medicines, tests) below the fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

from .fields import NrsField, display_value, is_empty, parse_date, to_json


@dataclass
class SectionData:
    """What a valid section form stores: Intake columns, and the section's JSON answers."""

    columns: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)


def with_fields(make_fields, *, first: bool = False):
    """Add generated fields (one per catalogue item) to a section form class."""

    def decorate(cls):
        generated = make_fields()
        if first:
            cls.base_fields = {**generated, **cls.base_fields}
        else:
            cls.base_fields = {**cls.base_fields, **generated}
        cls.declared_fields = dict(cls.base_fields)
        return cls

    return decorate


class IntakeSection(forms.Form):
    slug: ClassVar[str]
    title: ClassVar[str]
    intro: ClassVar[str] = ""
    # Form fields stored in the Intake column of the same name instead of in ``answers``.
    columns: ClassVar[tuple[str, ...]] = ()
    # A signed intake needs this section saved first.
    required_for_signing: ClassVar[bool] = False

    def __init__(self, *args, intake=None, patient=None, **kwargs):
        self.intake = intake
        self.patient = patient if patient is not None else getattr(intake, "patient", None)
        if intake is not None and "initial" not in kwargs:
            kwargs["initial"] = self.stored_values(intake)
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self.build_layout()

    # --- layout -------------------------------------------------------------------------------

    def build_layout(self) -> Layout:
        return Layout(*[self._auto(name) for name in self.fields])

    def _auto(self, name: str):
        """Inline radios for short choices, inline checkboxes for multi-choice, else default."""
        widget = self.fields[name].widget
        if isinstance(self.fields[name], NrsField):
            return Div(InlineRadios(name), css_class="nrs-scale")
        if isinstance(widget, forms.RadioSelect):
            return InlineRadios(name)
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return Div(InlineCheckboxes(name), css_class="choice-grid")
        return name

    # --- storage ------------------------------------------------------------------------------

    @property
    def reference_date(self):
        """The day "not in the future" is measured against: the visit date, or today."""
        visit = getattr(self.intake, "visit_date", None)
        return visit or timezone.localdate()

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        values = dict(intake.answers.get(cls.slug) or {})
        for name in cls.columns:
            values[name] = getattr(intake, name)
        for name, form_field in cls.base_fields.items():
            if isinstance(form_field, forms.DateField) and name in values:
                values[name] = parse_date(values[name])
        return values

    def storage(self) -> SectionData:
        data = SectionData()
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if name in self.columns:
                data.columns[name] = value
            else:
                data.answers[name] = to_json(value)
        return data

    # --- showing answers back -----------------------------------------------------------------

    @classmethod
    def describe(cls, name: str, value) -> tuple[str, str]:
        """(question, answer in words) for one stored answer."""
        form_field = cls.base_fields.get(name)
        if form_field is None:
            return name, str(value)
        return str(form_field.label or name), display_value(form_field, value)

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        """The answered questions of this section, in form order, for the intake page."""
        values = cls.stored_values(intake)
        rows = []
        for name, form_field in cls.base_fields.items():
            value = values.get(name)
            if is_empty(value) or (isinstance(form_field, forms.BooleanField) and not value):
                continue
            rows.append(cls.describe(name, value))
        return rows

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for every error, for the list at the top of the page."""
        return _form_errors(self)

    def summary_items(self, reason_form: forms.Form | None = None) -> list[tuple[str, str, str]]:
        """Every error on the page, in the order shown: this section's, then the amendment
        reason's; each with the id of its field where it has one (the summary links to it)."""
        return [*self.error_summary(), *(_form_errors(reason_form) if reason_form else [])]


def _form_errors(form: forms.Form, prefix: str = "") -> list[tuple[str, str, str]]:
    rows = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            rows.extend(("", "", str(message)) for message in errors)
            continue
        bound = form[name]
        label = f"{prefix}{bound.label}"
        rows.extend((bound.auto_id, label, str(message)) for message in errors)
    return rows


def check_not_after(form, name, value, limit, what):
    if value and limit and value > limit:
        form.add_error(name, f"This date is after {what}. Check the date.")


def summary_of_no(section, values: dict, what: str) -> list[tuple[str, str]]:
    """Yes answers one by one (in form order), then a single line for all the "no" answers."""
    rows = [
        section.describe(name, values[name])
        for name in section.base_fields
        if values.get(name) not in (None, "", "no")
    ]
    no_count = sum(1 for name in section.base_fields if values.get(name) == "no")
    if no_count:
        rows.append((f"{'Other' if rows else 'All'} {what} ({no_count})", "No"))
    return rows


MAX_ROWS = 20


class RowsSection(IntakeSection):
    """A section with a list of rows (medications, imaging) below its ordinary fields."""

    row_form: ClassVar[type[forms.Form]]
    rows_key: ClassVar[str]
    rows_title: ClassVar[str]
    blank_rows: ClassVar[int] = 3
    # Hidden bookkeeping fields of a row (a stable id): never shown, and a row holding only
    # these counts as empty.
    row_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset_class = forms.formset_factory(
            self.row_form,
            extra=self.blank_rows,
            max_num=MAX_ROWS,
            validate_max=True,
            absolute_max=MAX_ROWS,
        )
        stored = list((self.initial or {}).get(self.rows_key) or [])
        for row in stored:
            for name, form_field in self.row_form.base_fields.items():
                if isinstance(form_field, forms.DateField):
                    row[name] = parse_date(row.get(name))
        self.rows = formset_class(
            data=self.data if self.is_bound else None,
            initial=stored,
            prefix=self.rows_key,
        )

    def is_valid(self) -> bool:
        form_ok = super().is_valid()
        try:
            rows_ok = self.rows.is_valid()
        except forms.ValidationError:
            # A tampered management form: treat as an error on the section, never a 500.
            rows_ok = False
        return form_ok and rows_ok

    def error_summary(self) -> list[tuple[str, str, str]]:
        """The section's errors, then each row's, linked to the row's field."""
        rows = super().error_summary()
        if self.rows.is_bound:
            rows.extend(("", "", str(message)) for message in self.rows.non_form_errors())
            for number, row in enumerate(self.rows.forms, 1):
                rows.extend(_form_errors(row, prefix=f"Row {number}, "))
        return rows

    def cleaned_rows(self) -> list[dict]:
        rows = []
        for row in self.rows.forms:
            data = {k: to_json(v) for k, v in (row.cleaned_data or {}).items()}
            if any(not is_empty(v) for k, v in data.items() if k not in self.row_keys):
                rows.append(data)
        return rows

    def storage(self) -> SectionData:
        data = super().storage()
        data.answers[self.rows_key] = self.cleaned_rows()
        return data

    @classmethod
    def stored_values(cls, intake) -> dict[str, Any]:
        values = super().stored_values(intake)
        values[cls.rows_key] = [dict(r) for r in values.get(cls.rows_key) or []]
        return values

    @classmethod
    def describe(cls, name: str, value) -> tuple[str, str]:
        if name == cls.rows_key:
            return cls.rows_title, "; ".join(cls.row_text(r) for r in value) or "—"
        return super().describe(name, value)

    @classmethod
    def row_text(cls, row: dict) -> str:
        parts = []
        for name, form_field in cls.row_form.base_fields.items():
            if name not in cls.row_keys and not is_empty(row.get(name)):
                parts.append(display_value(form_field, row[name]))
        return ", ".join(parts)

    @classmethod
    def summary(cls, intake) -> list[tuple[str, str]]:
        values = cls.stored_values(intake)
        rows = [(cls.rows_title, cls.row_text(r)) for r in values.get(cls.rows_key) or []]
        for name in cls.base_fields:
            value = values.get(name)
            if not is_empty(value):
                rows.append(cls.describe(name, value))
        return rows
