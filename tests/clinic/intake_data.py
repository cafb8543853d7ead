"""Valid POST data for each intake section, and helpers to fill an intake through services."""

import json
from datetime import timedelta

from django.utils import timezone

from clinic import redflags, services
from clinic.intake.sections import SECTION_BY_SLUG


def today():
    return timezone.localdate()


def complaint(**overrides) -> dict:
    data = {
        "visit_date": today().isoformat(),
        "own_words": "Pain from my left buttock down to my foot.",
        "main_area": "leg",
        "pain_more": "leg",
        "below_knee": "yes",
        "related_to": ["none"],
    }
    data.update(overrides)
    return data


def red_flags(**positive) -> dict:
    data = {q.code: "no" for q in redflags.RED_FLAG_QUESTIONS}
    data.update(positive)
    return data


def body_chart(*marks) -> dict:
    marks = marks or (("calf", "left", ["pain", "numbness"], True),)
    return {
        "body_chart": json.dumps(
            [{"region": r, "side": s, "symptoms": sym, "worst": w} for r, s, sym, w in marks]
        )
    }


def pain(**overrides) -> dict:
    data = {
        "back_pain_now": "3",
        "back_pain_best": "2",
        "back_pain_worst": "5",
        "back_pain_week": "4",
        "leg_pain_now": "7",
        "leg_pain_best": "4",
        "leg_pain_worst": "9",
        "leg_pain_week": "6",
        "qualities": ["burning", "tingling", "aching"],
    }
    data.update(overrides)
    return data


def onset(days_ago: int = 20, **overrides) -> dict:
    data = {
        "onset_date": (today() - timedelta(days=days_ago)).isoformat(),
        "onset_type": "sudden",
        "trigger": "lifting",
        "course": "unchanged",
    }
    data.update(overrides)
    return data


def neuro(**positive) -> dict:
    data = dict.fromkeys(redflags.NEURO_ITEMS, "no")
    data.update(positive)
    return data


def rows(prefix: str, *entries: dict) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(max(3, len(entries))), f"{prefix}-INITIAL_FORMS": "0"}
    for index, entry in enumerate(entries):
        for key, value in entry.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def save(intake, slug: str, data: dict, by):
    """Save a section through its form and the service, as the page does."""
    form = SECTION_BY_SLUG[slug](data=data, intake=intake)
    assert form.is_valid(), form.errors
    raised = services.save_intake_section(intake=intake, section=slug, data=form.storage(), by=by)
    intake.refresh_from_db()
    return raised


def start(patient, therapist, **overrides):
    form = SECTION_BY_SLUG["complaint"](data=complaint(**overrides), patient=patient)
    assert form.is_valid(), form.errors
    return services.create_intake(patient=patient, therapist=therapist, data=form.storage())


def ready_to_sign(patient, therapist, **flags):
    """An intake with every section that signing needs."""
    intake = start(patient, therapist)
    save(intake, "red-flags", red_flags(**flags), therapist)
    save(intake, "body-chart", body_chart(), therapist)
    save(intake, "pain", pain(), therapist)
    return intake


def sign(intake, by):
    services.sign_intake(
        intake=intake,
        consents={
            "consent_treatment": True,
            "consent_privacy": True,
            "consent_home_program": True,
        },
        signature_name=intake.patient.full_name,
        by=by,
    )
    intake.refresh_from_db()
    return intake
