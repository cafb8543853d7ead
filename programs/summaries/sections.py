"""The summary's optional sections: exam changes and the latest progress note.

Each is read from the record when the record holds one (`clinic.exam`, `clinic.reassessment`),
and is None otherwise, so a summary of a patient with fewer than two objective exams or no signed
re-assessment simply leaves the section out.

`compare_findings` is the pure part: two exams' findings, as ordered {finding: text} maps
(e.g. {"SLR right": "40°, below the knee"}), become rows of baseline and now for the findings
that changed; the rest are counted. A finding recorded at only one of the two exams shows a
dash at the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from clinic.exam.models import (
    MYOTOME_FIELDS,
    REFLEX_FIELDS,
    ROM_FIELDS,
    ObjectiveExam,
    describe_finding,
)
from clinic.models import Patient
from clinic.reassessment.models import Reassessment

DASH = "—"
NOTE_CHARS = 300
EXAM_ROWS_SHOWN = 7
# Findings compared one by one (the straight-leg raise is read per side, see exam_findings);
# the cauda equina questions are red-flag answers, shown with the flags, and notes are prose.
COMPARED_FIELDS = (
    "crossed_slr",
    "slump_left",
    "slump_right",
    *MYOTOME_FIELDS,
    *REFLEX_FIELDS,
    "sensation",
    *ROM_FIELDS,
    "repeated_movements",
)


@dataclass(frozen=True)
class ExamRow:
    finding: str
    baseline: str
    now: str
    changed: bool


@dataclass(frozen=True)
class ExamChanges:
    baseline_on: date
    now_on: date
    rows: list[ExamRow]  # the findings that changed
    unchanged: int  # findings the same at both exams, counted only
    more: int  # changed findings left out to keep to one page


@dataclass(frozen=True)
class ProgressNote:
    visit_date: date
    by: str
    patient_change: str
    exam_change: str
    plan: str
    plan_note: str


def compare_findings(
    baseline: Mapping[str, str], now: Mapping[str, str], *, limit: int = EXAM_ROWS_SHOWN
) -> tuple[list[ExamRow], int, int]:
    """The findings that changed, up to `limit` rows, in the exam's order.

    Returns the rows, how many findings were the same at both exams (counted, not listed: the
    page has room for what changed), and how many changed findings did not fit.
    """
    names = list(baseline) + [name for name in now if name not in baseline]
    changed, unchanged = [], 0
    for name in names:
        before, after = baseline.get(name) or DASH, now.get(name) or DASH
        if before == after:
            unchanged += 1
        else:
            changed.append(ExamRow(name, before, after, True))
    return changed[:limit], unchanged, max(0, len(changed) - limit)


def _short(text: str, chars: int = NOTE_CHARS) -> str:
    return Truncator(" ".join((text or "").split())).chars(chars)


def exam_findings(exam: ObjectiveExam) -> dict[str, str]:
    """The exam's tested findings as {label: text}, in the form's order. A straight-leg raise
    reads as one finding per side (angle and how far the symptoms went)."""
    findings: dict[str, str] = {}
    for side in ("left", "right"):
        angle = getattr(exam, f"slr_{side}_angle")
        reproduced = getattr(exam, f"slr_{side}_reproduced")
        parts = []
        if angle is not None:
            parts.append(f"{angle}°")
        if reproduced:
            parts.append(describe_finding(f"slr_{side}_reproduced", reproduced)[1].lower())
        if parts:
            findings[_("SLR %(side)s") % {"side": side}] = ", ".join(parts)
    for name in COMPARED_FIELDS:
        value = getattr(exam, name)
        if value in (None, "", {}, []) and not (
            name == "sensation" and exam.neurological_exam_done
        ):
            continue
        label, text = exam.finding_text(name)
        if text:
            findings[label] = text
    return findings


def exam_changes(patient: Patient) -> ExamChanges | None:
    """The patient's first objective exam against their latest, or None with fewer than two."""
    exams = list(ObjectiveExam.objects.filter(patient=patient).order_by("performed_on", "id"))
    if len(exams) < 2:
        return None
    first, last = exams[0], exams[-1]
    rows, unchanged, more = compare_findings(exam_findings(first), exam_findings(last))
    return ExamChanges(
        baseline_on=first.performed_on,
        now_on=last.performed_on,
        rows=rows,
        unchanged=unchanged,
        more=more,
    )


def latest_progress_note(patient: Patient) -> ProgressNote | None:
    """The latest signed re-assessment's progress note and plan, or None."""
    visit = (
        Reassessment.objects.filter(patient=patient)
        .signed()
        .select_related("signed_by", "performed_by")
        .order_by("-visit_date", "-id")
        .first()
    )
    if visit is None:
        return None
    by = visit.signed_by or visit.performed_by
    return ProgressNote(
        visit_date=visit.visit_date,
        by=by.display_name if by else "",
        patient_change=_short(visit.patient_change),
        exam_change=_short(visit.exam_change),
        plan=str(visit.get_plan_display()),
        plan_note=_short(visit.plan_note),
    )
