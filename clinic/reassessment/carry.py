"""What a re-assessment copies forward from the intake, and how a confirmed or changed answer is
kept.

Only the answers that change between visits are carried: the four pain ratings, where the
symptoms are, whether they go below the knee, the course, work and the patient's goals. Their
values come from the latest signed re-assessment of the same intake (its confirmed or changed
answers), or from the intake itself at the first re-assessment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .. import bodychart
from ..intake.choices import COURSES, WORK_STATUS
from ..models import Intake

CONFIRMED, CHANGED = "confirmed", "changed"
STATUSES = (CONFIRMED, CHANGED)

PAIN, YES_NO, CHOICE, TEXT = "pain", "yes_no", "choice", "text"


@dataclass(frozen=True)
class CarriedItem:
    key: str
    label: str
    kind: str  # PAIN (0-10), YES_NO, CHOICE, TEXT
    choices: tuple[tuple[str, str], ...] = ()

    def text(self, value) -> str:
        """The value as the page shows it."""
        if value is None or value == "":
            return str(_("not recorded"))
        if self.kind == PAIN:
            return f"{value}/10"
        if self.kind == YES_NO:
            return str(_("Yes")) if value is True else str(_("No"))
        if self.kind == CHOICE:
            return str(dict(self.choices).get(value, value))
        return str(value)


ITEMS: tuple[CarriedItem, ...] = (
    CarriedItem("back_pain_now", _("Back pain right now"), PAIN),
    CarriedItem("back_pain_week", _("Back pain on average over the last week"), PAIN),
    CarriedItem("leg_pain_now", _("Leg pain right now"), PAIN),
    CarriedItem("leg_pain_week", _("Leg pain on average over the last week"), PAIN),
    CarriedItem("location", _("Where the symptoms are"), TEXT),
    CarriedItem("below_knee", _("Pain or tingling below the knee"), YES_NO),
    CarriedItem("course", _("Course since it started"), CHOICE, tuple(COURSES)),
    CarriedItem("work_status", _("Work"), CHOICE, tuple(WORK_STATUS)),
    CarriedItem("goals", _("What the patient wants to do again"), TEXT),
)


def location_summary(body_chart: list[dict]) -> str:
    """The body chart in words: "Low back (central): pain; Right calf: pins and needles"."""
    parts = []
    for mark in body_chart or ():
        label = bodychart.mark_label(mark.get("region", ""), mark.get("side", ""))
        symptoms = bodychart.symptoms_label(mark.get("symptoms") or ())
        parts.append(f"{label}: {symptoms}" if symptoms else label)
    return "; ".join(parts)


def intake_values(intake: Intake) -> dict:
    """The carried answers as the intake recorded them."""
    complaint = intake.section_answers("complaint")
    onset = intake.section_answers("onset")
    goals = intake.section_answers("goals")
    return {
        "back_pain_now": intake.back_pain_now,
        "back_pain_week": intake.back_pain_week,
        "leg_pain_now": intake.leg_pain_now,
        "leg_pain_week": intake.leg_pain_week,
        "location": location_summary(intake.body_chart),
        "below_knee": complaint.get("below_knee"),
        "course": onset.get("course") or None,
        "work_status": goals.get("work_status") or None,
        "goals": goals.get("goals") or "",
    }


def previous_values(intake: Intake) -> tuple[dict, object | None]:
    """The values to confirm or change, and the signed re-assessment they come from (None:
    the intake itself)."""
    last = intake.reassessments.signed().order_by("-visit_date", "-id").first()
    if last is None:
        return intake_values(intake), None
    values = intake_values(intake)
    values.update({item["key"]: item.get("after") for item in last.carried if "key" in item})
    return values, last


def carried_rows(before: dict, statuses: dict[str, str], after: dict) -> list[dict]:
    """The stored `carried` list: each item's value before, whether it was confirmed or
    changed, and its value now (the same as before when confirmed)."""
    rows = []
    for item in ITEMS:
        status = statuses[item.key]
        old = before.get(item.key)
        new = old if status == CONFIRMED else after.get(item.key)
        rows.append(
            {
                "key": item.key,
                "label": str(item.label),
                "before": old,
                "before_text": item.text(old),
                "status": status,
                "after": new,
                "after_text": item.text(new),
            }
        )
    return rows
