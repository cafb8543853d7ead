"""What changed between two objective exams, in words: the exam part of a progress visit."""

from __future__ import annotations

from ..exam.models import FINDING_FIELDS, ObjectiveExam

# Not findings to compare: free text, and questions asked only when signs are on both sides.
_NOT_COMPARED = {"notes", "ces_answers"}


def exam_changes(exam: ObjectiveExam, previous: ObjectiveExam | None) -> list[dict]:
    """[{"label", "before", "after"}] for every finding that differs from the previous exam.
    A finding tested now but not before (or the reverse) counts as a change."""
    if previous is None:
        return []
    changes = []
    for name in FINDING_FIELDS:
        if name in _NOT_COMPARED:
            continue
        old, new = getattr(previous, name), getattr(exam, name)
        if (old in (None, "", {}, [])) and (new in (None, "", {}, [])):
            continue
        if old != new:
            label, before = previous.finding_text(name)
            _, after = exam.finding_text(name)
            if before != after:
                changes.append({"field": name, "label": label, "before": before, "after": after})
    return changes


def with_changes(exams: list[ObjectiveExam]) -> list[ObjectiveExam]:
    """The patient's exams (any order), oldest first, each with `.changes` against the one
    before it and `.previous` set. No queries."""
    ordered = sorted(exams, key=lambda e: (e.performed_on, e.created_at, e.pk))
    previous = None
    for exam in ordered:
        exam.previous = previous
        exam.changes = exam_changes(exam, previous)
        previous = exam
    return ordered
