"""The patient's stored answers, read back: what each step's form starts from, and the answers
in words for the page the patient reviews before signing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from clinic import bodychart, redflags
from clinic.intake.base import RowsSection
from clinic.intake.fields import YesNoField, display_value, is_empty, parse_date

from .forms import ContactForm, chart_svg_words
from .models import SelfIntake
from .steps import RED_FLAGS, STEPS, Step


def step_initial(self_intake: SelfIntake, step: Step) -> dict:
    """What a step's form shows: the patient's saved answers, or the record's contact details."""
    answers = self_intake.answers or {}
    if step.slug == "contact":
        return dict(answers.get("contact") or ContactForm.on_record(self_intake.patient))
    if step.slug == RED_FLAGS:
        return dict(self_intake.red_flag_answers or {})
    if step.slug == "body-chart":
        return dict(answers.get("body-chart") or {})
    values = dict(answers.get(step.key) or {})
    if step.slug == "onset":
        values["onset_date"] = (answers.get("pain") or {}).get("onset_date")
    for name, value in list(values.items()):
        if isinstance(value, str) and name.endswith("_date"):
            values[name] = parse_date(value)
    if step.slug == "pain":
        values.pop("onset_date", None)
    return values


def _answer(field: forms.Field, value) -> str:
    """A stored answer in the page's words (the therapist's display says "Yes"/"No")."""
    if not is_empty(value) and isinstance(field, YesNoField | forms.BooleanField):
        return _("Yes") if value else _("No")
    return display_value(field, value)


def _rows(step: Step, form, values: dict) -> list[tuple[str, str]]:
    if step.slug == "body-chart":
        marks = ((values.get("_chart") or {}).get("regions")) or []
        words = chart_svg_words()  # the places in the patient's words and language
        by_region = {mark.get("region"): mark for mark in marks}
        rows = []
        for item in bodychart.display_context(marks)["items"]:  # worst first, head to toe
            mark = by_region[item["region"]]
            label = words.label(item["region"], mark.get("side", ""))
            felt = words.symptom_list(mark.get("symptoms", ()))
            rows.append((label, felt + (_(" (worst)") if item["worst"] else "")))
    elif step.slug == RED_FLAGS:
        rows = [
            (str(form.fields[q.code].label), _answer(form.fields[q.code], values[q.code]))
            for q in redflags.RED_FLAG_QUESTIONS
            if values.get(q.code) not in (None, "", "no")
        ]
        noes = sum(1 for q in redflags.RED_FLAG_QUESTIONS if values.get(q.code) == "no")
        if noes:
            rows.append((_("Other safety questions (%(n)s)") % {"n": noes}, _("No")))
        return rows
    else:
        rows = []
    if isinstance(form, RowsSection):
        for row in values.get(form.rows_key) or []:
            rows.append((str(form.row_title or form.rows_title), form.row_text(row)))
    for name, field in form.fields.items():
        value = values.get(name)
        if is_empty(value) or (isinstance(field, forms.BooleanField) and not value):
            continue
        rows.append((str(field.label), _answer(field, value)))
    return rows


def answers_in_words(self_intake: SelfIntake) -> list[dict]:
    """Each step with its answers as (question, answer) pairs, in the order asked."""
    done = set(self_intake.completed_steps)
    shown = []
    for step in STEPS:
        values = step_initial(self_intake, step)
        if step.slug == "body-chart":
            values["_chart"] = (self_intake.answers or {}).get("body_chart") or {}
        form = step.form(initial=values, patient=self_intake.patient)
        shown.append(
            {
                "step": step,
                "done": step.slug in done,
                "rows": _rows(step, form, values) if step.slug in done else [],
            }
        )
    return shown
