"""The therapist's review of a patient-reported intake, section by section.

The patient's answers (`SelfIntake.answers`) are never changed. A submitted self-intake has a
draft `Intake(source="patient")` holding a copy of them; the therapist confirms each section the
patient answered, or corrects it on the draft, and every decision is a `SelfIntakeReview` row
(a correction lists each changed answer: what the patient said, what it became). When every
section is reviewed, the therapist completes what only a clinician can and signs the draft with
the ordinary intake signing; signing marks the self-intake reviewed (`mark_reviewed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, services
from ..intake.base import IntakeSection, SectionData
from ..intake.fields import is_empty, parse_date, to_json
from ..intake.sections import SECTION_BY_SLUG, SECTIONS, RowsSection
from ..models import Intake, RedFlag, User
from .models import SelfIntake, SelfIntakeReview

# Where the patient's answers keep what the therapist's intake keeps in its own columns.
BODY_CHART_KEYS = ("body_chart", "body-chart")


def patient_intake(self_intake: SelfIntake) -> Intake:
    """An unsaved Intake holding exactly what the patient answered, so each section form reads
    the patient's words the way it reads the draft's (the same summaries, the same labels)."""
    answers = self_intake.answers or {}
    chart = next((answers[k] for k in BODY_CHART_KEYS if isinstance(answers.get(k), dict)), {})
    intake = Intake(
        patient=self_intake.patient,
        visit_date=None,
        answers={k: dict(v) for k, v in answers.items() if k in SECTION_BY_SLUG},
        red_flag_answers=dict(self_intake.red_flag_answers or {}),
        body_chart=list(chart.get("regions") or []),
    )
    # A column answer may sit in its own section's answers or, for the onset date, with the
    # pain scores (the wizard asks them on one page).
    for section in SECTIONS:
        for column in section.columns:
            if column in ("body_chart", "red_flag_answers"):
                continue
            for source in (section.slug, "pain"):
                value = (answers.get(source) or {}).get(column)
                if not is_empty(value):
                    if column.endswith("_date"):
                        value = parse_date(value)
                    setattr(intake, column, value)
                    break
    return intake


def _comparable(section: type[IntakeSection], intake: Intake) -> dict[str, Any]:
    """A section's answers as JSON values keyed by field, ready to compare version with version."""
    names = [*section.base_fields, *section.columns]
    if issubclass(section, RowsSection):
        names.append(section.rows_key)
    stored = section.stored_values(intake)
    values = {}
    for name in names:
        value = to_json(stored.get(name))
        if issubclass(section, RowsSection) and name == section.rows_key:
            hidden = section.row_keys
            value = [
                {k: to_json(v) for k, v in row.items() if k not in hidden and not is_empty(v)}
                for row in value or []
            ]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = sorted(value)  # ticked choices: the order they were ticked says nothing
        values[name] = None if is_empty(value) else value
    return values


def review_sections(self_intake: SelfIntake) -> list[type[IntakeSection]]:
    """The intake sections the patient answered, in the intake's order: each needs a review."""
    said = patient_intake(self_intake)
    return [
        section
        for section in SECTIONS
        if any(value is not None for value in _comparable(section, said).values())
    ]


def differences(section: type[IntakeSection], *, said: Intake, draft: Intake) -> list[dict]:
    """The answers of `section` the patient gave that the draft intake now has differently.

    A question the patient left blank is the therapist's to fill in, so it is not a difference.
    """
    before = _comparable(section, said)
    after = _comparable(section, draft)
    changes = []
    for name, patient_value in before.items():
        if patient_value is None or patient_value == after.get(name):
            continue
        changes.append(_change(section, name, patient_value, after.get(name)))
    return changes


def _change(section, name, patient_value, corrected_value) -> dict:
    label, said_words = section.describe(name, patient_value)
    corrected_words = section.describe(name, corrected_value)[1]
    return {
        "field": name,
        "label": label,
        "patient_said": said_words if patient_value is not None else _("(not answered)"),
        "corrected_to": corrected_words if corrected_value is not None else _("(left blank)"),
    }


@dataclass
class SectionReview:
    section: type[IntakeSection]
    said: list[tuple[str, str]]  # the patient's answers, in words
    current: list[tuple[str, str]]  # the draft intake's answers now, in words
    decision: SelfIntakeReview | None  # the latest decision, if any
    history: list[SelfIntakeReview]
    drifted: list[dict]  # answers changed on the draft since the patient gave them

    @property
    def slug(self) -> str:
        return self.section.slug

    @property
    def is_reviewed(self) -> bool:
        return self.decision is not None


@dataclass
class ReviewProgress:
    sections: list[SectionReview]

    @property
    def total(self) -> int:
        return len(self.sections)

    @property
    def reviewed(self) -> int:
        return sum(1 for s in self.sections if s.is_reviewed)

    @property
    def remaining(self) -> list[SectionReview]:
        return [s for s in self.sections if not s.is_reviewed]

    @property
    def is_complete(self) -> bool:
        return not self.remaining


def review_progress(self_intake: SelfIntake, *, draft: Intake | None = None) -> ReviewProgress:
    """Each section the patient answered, side by side with the draft, and its decision."""
    draft = draft or self_intake.intake
    said = patient_intake(self_intake)
    history: dict[str, list[SelfIntakeReview]] = {}
    for row in self_intake.reviews.select_related("by"):
        history.setdefault(row.section, []).append(row)
    rows = []
    for section in review_sections(self_intake):
        decisions = history.get(section.slug, [])
        rows.append(
            SectionReview(
                section=section,
                said=section.summary(said),
                current=section.summary(draft) if draft else [],
                decision=decisions[-1] if decisions else None,
                history=decisions,
                drifted=differences(section, said=said, draft=draft) if draft else [],
            )
        )
    return ReviewProgress(sections=rows)


def _reviewable(self_intake: SelfIntake, section: str) -> tuple[SelfIntake, Intake]:
    """The self-intake (locked) and its draft intake, if `section` may be reviewed now."""
    self_intake = (
        # Only the self-intake's own row: its intake is an outer join, which PostgreSQL
        # refuses to lock.
        SelfIntake.objects.select_for_update(of=("self",))
        .select_related("patient", "intake")
        .get(pk=self_intake.pk)
    )
    if self_intake.status != SelfIntake.Status.SUBMITTED or self_intake.intake is None:
        raise ValidationError(
            _("Only a submitted pre-visit intake waiting for review is reviewed.")
        )
    if self_intake.intake.is_signed:
        raise ValidationError(_("This intake is signed and locked. Record an amendment instead."))
    if self_intake.patient.is_archived:
        raise ValidationError(_("The patient is archived. Restore them before the review."))
    if section not in {s.slug for s in review_sections(self_intake)}:
        raise ValidationError(_("The patient did not answer this section."))
    return self_intake, self_intake.intake


@transaction.atomic
def confirm_section(*, self_intake: SelfIntake, section: str, by: User) -> SelfIntakeReview:
    """Record that the section is right as the patient said it."""
    self_intake, draft = _reviewable(self_intake, section)
    drifted = differences(SECTION_BY_SLUG[section], said=patient_intake(self_intake), draft=draft)
    if drifted:
        raise ValidationError(
            _(
                "The intake no longer says what the patient said in this section. "
                "Use “Correct” to record the change."
            )
        )
    review = SelfIntakeReview.objects.create(
        self_intake=self_intake,
        section=section,
        decision=SelfIntakeReview.Decision.CONFIRMED,
        by=by,
    )
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=self_intake.patient,
        obj=draft,
        detail=f"patient-reported {section} confirmed",
    )
    return review


@transaction.atomic
def correct_section(
    *, self_intake: SelfIntake, section: str, data: SectionData, by: User, note: str = ""
) -> tuple[SelfIntakeReview, list[RedFlag]]:
    """Write the corrected section onto the draft intake and record what changed from the
    patient's answer. `data` is what the intake's own section form for `section` cleaned.

    Returns the review row and any red flags the corrected answers raised. A "correction" that
    leaves every answer as the patient gave it is recorded as a confirmation.
    """
    self_intake, draft = _reviewable(self_intake, section)
    section_class = SECTION_BY_SLUG[section]
    said = patient_intake(self_intake)
    before = _comparable(section_class, draft)
    raised = services.save_intake_section(intake=draft, section=section, data=data, by=by)
    draft.refresh_from_db()
    changes = differences(section_class, said=said, draft=draft)
    # A question the patient left blank and the therapist answered here is part of the
    # correction too, so the review row says everything this correction changed.
    patient_values = _comparable(section_class, said)
    for name, value in _comparable(section_class, draft).items():
        if patient_values.get(name) is None and before.get(name) != value:
            changes.append(_change(section_class, name, None, value))
    review = SelfIntakeReview.objects.create(
        self_intake=self_intake,
        section=section,
        decision=(
            SelfIntakeReview.Decision.CORRECTED if changes else SelfIntakeReview.Decision.CONFIRMED
        ),
        corrections=changes,
        note=note.strip(),
        by=by,
    )
    return review, raised


def unreviewed_sections(intake: Intake) -> list[type[IntakeSection]]:
    """For a patient-reported intake, the sections still to be confirmed or corrected."""
    if intake.source != Intake.Source.PATIENT:
        return []
    self_intake = SelfIntake.objects.filter(intake=intake).first()
    if self_intake is None:
        return []
    return [s.section for s in review_progress(self_intake, draft=intake).remaining]


def mark_reviewed(*, intake: Intake, by: User) -> int:
    """On signing a patient-reported intake: its self-intake is reviewed, by whom and when."""
    now = timezone.now()
    return SelfIntake.objects.filter(intake=intake, status=SelfIntake.Status.SUBMITTED).update(
        status=SelfIntake.Status.REVIEWED, reviewed_at=now, reviewed_by=by, updated_at=now
    )
