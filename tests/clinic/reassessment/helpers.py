"""A signed intake with the answers a re-assessment copies forward, and a visit's POST data."""

from datetime import timedelta

from django.utils import timezone

from clinic import redflags
from clinic.models import Intake
from clinic.reassessment import carry
from tests.factories import IntakeFactory


def signed_intake(patient, *, days_ago: int = 42, **overrides) -> Intake:
    fields = {
        "patient": patient,
        "therapist": patient.therapist,
        "visit_date": timezone.localdate() - timedelta(days=days_ago),
        "status": Intake.Status.SIGNED,
        "signed_at": timezone.now() - timedelta(days=days_ago),
        "signature_name": patient.full_name,
        "back_pain_now": 6,
        "back_pain_week": 5,
        "leg_pain_now": 3,
        "leg_pain_week": 3,
        "body_chart": [
            {"region": "lumbar_central", "side": "central", "symptoms": ["pain"], "worst": True}
        ],
        "answers": {
            "complaint": {"below_knee": False},
            "onset": {"course": "fluctuating"},
            "goals": {"goals": "Garden on weekends", "work_status": "full"},
        },
    }
    fields.update(overrides)
    return IntakeFactory(**fields)


def post_data(before: dict, *, changed: dict | None = None, yes: tuple = (), **note) -> dict:
    """Every carried answer confirmed except `changed` ({key: new value as posted}), every
    screen question "no" except `yes`, and a progress note."""
    changed = changed or {}
    data = {"visit_date": timezone.localdate().isoformat()}
    for item in carry.ITEMS:
        if item.key in changed:
            data[f"{item.key}-status"] = carry.CHANGED
            data[item.key] = changed[item.key]
        else:
            data[f"{item.key}-status"] = carry.CONFIRMED
            value = before.get(item.key)
            if value is None:
                value = ""
            elif value is True:
                value = "yes"
            elif value is False:
                value = "no"
            data[item.key] = str(value)
    for code in redflags.SHORT_FORM_CODES:
        data[f"screen-{code}"] = "yes" if code in yes else "no"
    data.update(
        {
            "patient_change": "Back easier at work; leg tingling further down after sitting.",
            "exam_change": "",
            "plan": "continue",
            "plan_note": "",
        }
    )
    data.update(note)
    return data


# A normal neurological exam: power and reflexes graded on both sides.
NORMAL_EXAM = {
    **{f"myotome_{level}_{side}": 5 for level in ("l4", "l5", "s1") for side in ("left", "right")},
    **{
        f"reflex_{reflex}_{side}": 2
        for reflex in ("patellar", "achilles")
        for side in ("left", "right")
    },
}


def with_exam(visit, by):
    """The visit with its objective exam repeated (signing needs one)."""
    from clinic.reassessment.services import record_visit_exam

    visit, _flags = record_visit_exam(reassessment=visit, data=NORMAL_EXAM, by=by)
    return visit
