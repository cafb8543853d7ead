"""The objective-exam form: one page, per-side grids for the graded findings.

Reusable outside the intake (a re-assessment visit binds the same form and saves through
``clinic.exam.services``): it takes the exam being changed, if any, and the previous exam's
findings, so it can ask the cauda equina questions again when the signs are on both sides.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import redflags
from . import rules
from .models import (
    FINDING_FIELDS,
    MYOTOME_FIELDS,
    REFLEX_FIELDS,
    ObjectiveExam,
    myotome_field,
    reflex_field,
)

NOT_TESTED = ("", _("Not tested"))
SIDE_LABELS = dict(rules.SIDES)
# Findings stored as text, where "not tested" is "".
TEXT_FIELDS = (
    "slr_left_reproduced",
    "slr_right_reproduced",
    "crossed_slr",
    "slump_left",
    "slump_right",
    *(f"rom_{movement}" for movement, _label in rules.ROM_MOVEMENTS),
    "notes",
)


def sensation_field(region: str, side: str) -> str:
    return f"sensation_{region}_{side}"


def repeated_field(direction: str) -> str:
    return f"repeated_{direction}"


def ces_field(code: str) -> str:
    return f"ask_{code}"


def _select(choices, *, label):
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[NOT_TESTED, *choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


def _grade(choices, *, label, top):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[NOT_TESTED, *[(str(value), text) for value, text in choices]],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _("Choose a grade from 0 to %(top)s.") % {"top": top}},
    )


class ObjectiveExamForm(forms.Form):
    # Shown right under a re-asked cauda equina question answered yes (clinic.js), before saving.
    ces_instruction = redflags.TIER_INSTRUCTIONS[redflags.EMERGENCY]

    performed_on = forms.DateField(
        label=_("Date of the exam"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    slr_left_angle = forms.IntegerField(
        label=_("Left SLR: angle at onset (°)"),
        required=False,
        min_value=0,
        max_value=rules.SLR_ANGLE_MAX,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": 5}),
        error_messages={
            "min_value": _("An angle from 0° to 90°."),
            "max_value": _("An angle from 0° to 90°."),
        },
    )
    slr_right_angle = forms.IntegerField(
        label=_("Right SLR: angle at onset (°)"),
        required=False,
        min_value=0,
        max_value=rules.SLR_ANGLE_MAX,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": 5}),
        error_messages={
            "min_value": _("An angle from 0° to 90°."),
            "max_value": _("An angle from 0° to 90°."),
        },
    )
    slr_left_reproduced = _select(rules.SLR_REPRODUCED, label=_("Left SLR: reproduced"))
    slr_right_reproduced = _select(rules.SLR_REPRODUCED, label=_("Right SLR: reproduced"))
    crossed_slr = _select(rules.TEST_RESULTS, label=_("Crossed SLR"))
    slump_left = _select(rules.SLUMP_RESULTS, label=_("Slump, left"))
    slump_right = _select(rules.SLUMP_RESULTS, label=_("Slump, right"))
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(
        self,
        data=None,
        *,
        exam: ObjectiveExam | None = None,
        previous: ObjectiveExam | None = None,
        default_date=None,
        ask_date: bool = True,
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        if not ask_date:
            # An amendment corrects findings; the exam's date stays as recorded.
            del self.fields["performed_on"]
        self.exam = exam
        self.previous = previous
        for level, movement in rules.MYOTOMES:
            for side in rules.SIDE_IDS:
                self.fields[myotome_field(level, side)] = _grade(
                    rules.MRC_GRADES,
                    label=f"{level} {movement.lower()}, {SIDE_LABELS[side].lower()}",
                    top=rules.MRC_MAX,
                )
        for reflex, label, level in rules.REFLEXES:
            for side in rules.SIDE_IDS:
                self.fields[reflex_field(reflex, side)] = _grade(
                    rules.REFLEX_GRADES,
                    label=f"{label} {level}, {SIDE_LABELS[side].lower()}",
                    top=rules.REFLEX_MAX,
                )
        for region, dermatome in rules.SENSATION_REGIONS:
            for side in rules.SIDE_IDS:
                self.fields[sensation_field(region, side)] = _select(
                    rules.SENSATION_STATUSES,
                    label=f"{rules.region_label(region)} ({dermatome}), "
                    f"{SIDE_LABELS[side].lower()}",
                )
                self.fields[sensation_field(region, side)].choices = [
                    ("", _("Normal / not tested")),
                    *rules.SENSATION_STATUSES,
                ]
        for movement, label in rules.ROM_MOVEMENTS:
            self.fields[f"rom_{movement}"] = _select(rules.ROM_RESULTS, label=label)
        for direction, label in rules.REPEATED_DIRECTIONS:
            self.fields[repeated_field(direction)] = _select(rules.REPEATED_RESPONSES, label=label)
        for code in rules.CES_CODES:
            self.fields[ces_field(code)] = forms.TypedChoiceField(
                label=redflags.QUESTIONS_BY_CODE[code].question,
                required=False,
                coerce=lambda value: value == "yes",
                empty_value=None,
                choices=[("no", _("No")), ("yes", _("Yes, new or getting worse"))],
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
        if not self.is_bound:
            self.initial = self._initial(exam, default_date)

    # --- reading and writing the stored exam ----------------------------------------------

    @staticmethod
    def _initial(exam, default_date) -> dict:
        if exam is None:
            return {"performed_on": default_date or timezone.localdate()}
        initial = {
            name: getattr(exam, name)
            for name in FINDING_FIELDS
            if name not in ("sensation", "repeated_movements", "ces_answers")
        }
        for name in (*MYOTOME_FIELDS, *REFLEX_FIELDS):
            value = initial[name]
            initial[name] = "" if value is None else str(value)
        initial["performed_on"] = exam.performed_on
        for side, regions in (exam.sensation or {}).items():
            for region, status in regions.items():
                initial[sensation_field(region, side)] = status
        for direction, response in (exam.repeated_movements or {}).items():
            initial[repeated_field(direction)] = response
        for code, answer in (exam.ces_answers or {}).items():
            if answer is not None:
                initial[ces_field(code)] = "yes" if answer else "no"
        return initial

    def findings_data(self) -> dict:
        """The cleaned findings as the exam services take them (``FINDING_FIELDS``)."""
        cleaned = self.cleaned_data
        data = {
            name: cleaned.get(name)
            for name in FINDING_FIELDS
            if name not in ("sensation", "repeated_movements", "ces_answers")
        }
        for name in TEXT_FIELDS:
            data[name] = data[name] or ""
        data["notes"] = data["notes"].strip()
        data["sensation"] = {
            side: {
                region: cleaned[sensation_field(region, side)]
                for region in rules.SENSATION_REGION_IDS
                if cleaned.get(sensation_field(region, side))
            }
            for side in rules.SIDE_IDS
        }
        data["sensation"] = {side: r for side, r in data["sensation"].items() if r}
        data["repeated_movements"] = {
            direction: cleaned[repeated_field(direction)]
            for direction in rules.REPEATED_DIRECTION_IDS
            if cleaned.get(repeated_field(direction))
        }
        data["ces_answers"] = {
            code: cleaned[ces_field(code)]
            for code in rules.CES_CODES
            if cleaned.get(ces_field(code)) is not None
        }
        return data

    def clean(self):
        cleaned = super().clean()
        # Every check runs even when a field is refused, so the page lists all at once.
        for side in rules.SIDE_IDS:
            if f"slr_{side}_angle" in self.errors:
                continue  # refused already: one message per field
            angle = cleaned.get(f"slr_{side}_angle")
            reproduced = cleaned.get(f"slr_{side}_reproduced")
            if angle is not None and not reproduced:
                self.add_error(
                    f"slr_{side}_reproduced", _("Say what the raise reproduced, if anything.")
                )
            if reproduced and reproduced != "none" and angle is None:
                self.add_error(
                    f"slr_{side}_angle", _("Record the angle at which the symptoms began.")
                )
        data = self.findings_data()
        findings = {
            "myotomes": {
                level: {side: data[myotome_field(level, side)] for side in rules.SIDE_IDS}
                for level in rules.MYOTOME_LEVELS
            },
            "reflexes": {
                reflex: {side: data[reflex_field(reflex, side)] for side in rules.SIDE_IDS}
                for reflex in rules.REFLEX_IDS
            },
            "sensation": data["sensation"],
            "ces_answers": data["ces_answers"],
        }
        result = rules.assess(findings, self.previous.findings() if self.previous else None)
        self.assessment = result
        if result.ces_unanswered:
            self.add_error(
                None,
                _(
                    "There are neurological signs on both sides: ask the cauda equina "
                    "questions again and record each answer."
                ),
            )
            for code in result.ces_unanswered:
                self.add_error(ces_field(code), _("Ask this again and record the answer."))
        return cleaned

    # --- for the template ---------------------------------------------------------------

    def grid(self, rows):
        """[(label, hint, left bound field, right bound field)] for a per-side table."""
        return [(label, hint, self[left], self[right]) for label, hint, left, right in rows]

    def myotome_rows(self):
        return self.grid(
            (level, movement, myotome_field(level, "left"), myotome_field(level, "right"))
            for level, movement in rules.MYOTOMES
        )

    def reflex_rows(self):
        return self.grid(
            (label, level, reflex_field(reflex, "left"), reflex_field(reflex, "right"))
            for reflex, label, level in rules.REFLEXES
        )

    def sensation_rows(self):
        return self.grid(
            (
                rules.region_label(region),
                dermatome,
                sensation_field(region, "left"),
                sensation_field(region, "right"),
            )
            for region, dermatome in rules.SENSATION_REGIONS
        )

    def slr_rows(self):
        return self.grid(
            (
                (_("Angle at onset (°)"), "", "slr_left_angle", "slr_right_angle"),
                (
                    _("Symptoms reproduced"),
                    _("furthest place"),
                    "slr_left_reproduced",
                    "slr_right_reproduced",
                ),
                (_("Slump"), _("eased by neck extension?"), "slump_left", "slump_right"),
            )
        )

    def rom_fields(self):
        return [self[f"rom_{movement}"] for movement, _label in rules.ROM_MOVEMENTS]

    def repeated_fields(self):
        return [self[repeated_field(d)] for d in rules.REPEATED_DIRECTION_IDS]

    def ces_fields(self):
        return [self[ces_field(code)] for code in rules.CES_CODES]

    def error_items(self, reason_form=None):
        rows = []
        for form in (self, reason_form):
            if form is None:
                continue
            for name, errors in form.errors.items():
                bound = None if name == "__all__" else form[name]
                for message in errors:
                    rows.append(
                        (bound.auto_id if bound else "", bound.label if bound else "", message)
                    )
        return rows
