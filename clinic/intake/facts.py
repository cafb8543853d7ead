"""Stored intake answers -> the inputs of the red-flag and precaution engines, and the values
derived for the page (docs/clinical-rules.md describes both engines).

Everything here reads an ``Intake`` (and its patient) and returns plain data; nothing writes.
Answers are optional wherever the engines allow it: a section not filled in yet simply
contributes nothing, and the screening lists what is still unanswered.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings

from clinic import bodychart, precautions, redflags, scoring

from .choices import HIP_SIDES, RED_FLAG_NEURO_ITEM
from .fields import parse_date
from .sections import aggravating_from, asas_from

# "Recent" spinal injection or surgery for the infection-risk rule (the engine leaves it to us).
RECENT_SPINAL_PROCEDURE_DAYS = 90


def _answers(intake, section: str) -> dict[str, Any]:
    return dict((intake.answers or {}).get(section) or {})


def _not_after(day: date | None, limit: date) -> date | None:
    """Dates are validated against the visit date; if a later edit moved the visit date back,
    treat the event as happening on the visit day rather than refusing to compute."""
    return min(day, limit) if day else None


def body_chart_derived(intake) -> dict[str, Any]:
    return bodychart.derive(intake.body_chart or [])


def neuro_sets(intake) -> tuple[set[str], set[str]]:
    """(items new or worsening, items long-standing) from nerve-symptom and red-flag answers."""
    neuro = _answers(intake, "neuro")
    new = {item for item in redflags.NEURO_ITEMS if neuro.get(item) == "yes_new"}
    old = {item for item in redflags.NEURO_ITEMS if neuro.get(item) == "yes_old"}
    # A long-standing answer to an emergency question is recorded as a stable symptom (it raises
    # the "soon" flag); a new one already raises its own emergency flag from the answer itself.
    for code, item in RED_FLAG_NEURO_ITEM.items():
        if (intake.red_flag_answers or {}).get(code) == "yes_old":
            old.add(item)
    return new, old - new


def red_flag_inputs(intake) -> dict[str, Any]:
    """Keyword arguments for ``redflags.evaluate`` (answers, age, sex, derived)."""
    visit = intake.visit_date
    patient = intake.patient
    answers: dict[str, bool | None] = {}
    for question in redflags.RED_FLAG_QUESTIONS:
        value = (intake.red_flag_answers or {}).get(question.code)
        answers[question.code] = None if value is None else value in ("yes", "yes_new")

    medical = _answers(intake, "medical")
    daily = _answers(intake, "daily-pattern")
    history = _answers(intake, "history")
    onset = _answers(intake, "onset")
    chart = body_chart_derived(intake)
    new, old = neuro_sets(intake)
    derived: dict[str, Any] = {
        "bilateral_leg_symptoms": chart["bilateral_leg_symptoms"],
        "bilateral_new": "both_legs" in new,
        "neuro_new": new,
        "neuro_old": old,
    }

    def flag(key: str, value) -> None:
        if value is not None:
            derived[key] = value

    flag("night_pain_unrelieved", daily.get("night_unrelieved"))
    asas = asas_from(daily)
    if asas:
        derived["asas_positive_count"] = precautions.asas_count(asas)
    for key, medical_key in (
        ("history_axspa", "axspa"),
        ("history_psoriasis", "psoriasis"),
        ("history_ibd", "ibd"),
        ("history_uveitis", "uveitis"),
        ("history_osteoporosis", "osteoporosis"),
        ("history_cancer", "cancer"),
        ("unexplained_weight_loss", "weight_loss"),
        ("fever_chills_sweats", "fever_chills_sweats"),
        ("iv_drug_use", "iv_drug_use"),
        ("immunosuppressed", "immunosuppression"),
        ("recent_infection", "recent_infection"),
        ("recent_major_trauma", "recent_major_trauma"),
        ("recent_minor_trauma", "recent_minor_trauma"),
    ):
        if medical_key in medical:
            derived[key] = bool(medical[medical_key])

    steroids = _answers(intake, "medications").get("long_term_steroids")
    if steroids in ("yes", "no"):
        derived["long_term_steroids"] = steroids == "yes"
    classes = medication_classes(intake)
    if any("bisphosphonate" in c for c in classes.values()):
        derived["osteoporosis_medication"] = True

    surgery_date = _not_after(parse_date(medical.get("spinal_surgery_date")), visit)
    recent_surgery = bool(
        medical.get("spinal_surgery")
        and surgery_date
        and visit - surgery_date <= timedelta(days=RECENT_SPINAL_PROCEDURE_DAYS)
    )
    if medical or surgery_date:
        derived["recent_spinal_procedure"] = bool(
            medical.get("spinal_injection_recent") or recent_surgery
        )
    if history.get("weeks_without_improvement") is not None:
        derived["weeks_without_improvement"] = history["weeks_without_improvement"]
    if onset.get("course"):
        derived["course"] = onset["course"]
    if onset.get("constancy") in ("constant", "intermittent"):
        derived["constant_pain"] = onset["constancy"] == "constant"
    mechanical = mechanical_pain(intake)
    if mechanical is not None:
        derived["mechanical_pain"] = mechanical

    return {
        "answers": answers,
        "age": patient.age_on(visit),
        "sex": patient.sex_at_birth or None,
        "derived": derived,
    }


# Easing answers that mean rest or a position changes the pain.
REST_OR_POSITION_EASING = frozenset(
    {"lying_down", "lying_knees_bent", "changing_position", "sitting_bending", "walking"}
)


def mechanical_pain(intake) -> bool | None:
    """Does rest, position or movement change the pain? None until the factors are answered.

    Yes when any activity or position makes it worse or better, rest or a position eases it,
    or the patient gets back to sleep by changing position. No when the factors page is
    answered and none of these is so (non-mechanical pain).
    """
    factors = _answers(intake, "factors")
    daily = _answers(intake, "daily-pattern")
    aggravating = aggravating_from(factors)
    if any(effect in ("worse", "better") for effect in aggravating.values()):
        return True
    if REST_OR_POSITION_EASING & set(factors.get("easing") or ()):
        return True
    if daily.get("back_to_sleep") is True:
        return True
    if "factors" in (intake.completed_sections or []):
        return False
    return None


def screening(intake) -> redflags.Screening:
    return redflags.evaluate(**red_flag_inputs(intake))


def medication_classes(intake) -> dict[str, list[str]]:
    names = [
        row.get("name")
        for row in _answers(intake, "medications").get("medications") or []
        if row.get("name")
    ]
    return {
        name: sorted(classes) for name, classes in precautions.classify_medications(names).items()
    }


def precaution_facts(intake) -> dict[str, Any]:
    """The ``facts`` mapping for ``precautions.derive_precautions``."""
    visit = intake.visit_date
    complaint = _answers(intake, "complaint")
    medical = _answers(intake, "medical")
    medications = _answers(intake, "medications")
    goals = _answers(intake, "goals")
    new, old = neuro_sets(intake)
    neuro = _answers(intake, "neuro")
    facts: dict[str, Any] = {
        "today": visit,
        "age": intake.patient.age_on(visit),
        "below_knee": below_knee(intake),
        "neuro_symptoms": bool(new or old),
    }
    if neuro.get("balance_change") in ("yes_old", "yes_new"):
        facts["balance_change"] = True
    if complaint.get("pain_more"):
        facts["pain_more"] = complaint["pain_more"]
    if intake.back_pain_now is not None:
        facts["back_pain_now"] = intake.back_pain_now
    if intake.leg_pain_now is not None:
        facts["leg_pain_now"] = intake.leg_pain_now
    aggravating = aggravating_from(_answers(intake, "factors"))
    if aggravating:
        facts["aggravating"] = aggravating

    hips = []
    for side, _ in HIP_SIDES:
        if medical.get(f"hip_{side}"):
            hips.append(
                {
                    "side": side,
                    "approach": medical.get(f"hip_{side}_approach") or "unknown",
                    "date": _not_after(parse_date(medical.get(f"hip_{side}_date")), visit),
                }
            )
    if hips:
        facts["hip_replacements"] = hips

    for key, medical_key in (
        ("history_osteoporosis", "osteoporosis"),
        ("bleeding_disorder", "bleeding_disorder"),
        ("spondylolisthesis", "spondylolisthesis"),
        ("pregnant", "pregnant"),
        ("spinal_surgery", "spinal_surgery"),
        ("high_blood_pressure", "high_blood_pressure"),
        ("heart_disease", "heart_disease"),
        ("hypermobility", "hypermobility"),
        ("open_wound_or_skin_infection", "open_wound_or_skin_infection"),
        ("uncontrolled_epilepsy", "seizures_uncontrolled"),
        ("unstable_cardiorespiratory", "unstable_cardiorespiratory"),
        ("unhealed_incision", "unhealed_incision"),
    ):
        if medical.get(medical_key):
            facts[key] = True
    if medical.get("pregnant") and medical.get("pregnancy_weeks"):
        facts["pregnancy_weeks"] = medical["pregnancy_weeks"]
    if medical.get("spinal_surgery"):
        facts["spinal_surgery_date"] = _not_after(
            parse_date(medical.get("spinal_surgery_date")), visit
        )

    steroids = medications.get("long_term_steroids")
    if steroids in ("yes", "no"):
        facts["long_term_steroids"] = steroids == "yes"
    names = [r["name"] for r in medications.get("medications") or [] if r.get("name")]
    if names:
        facts["medications"] = names

    for key in ("fear_of_water", "chlorine_sensitivity", "unmanaged_incontinence"):
        if goals.get(key):
            facts[key] = True
    for key in ("can_swim", "pool_access"):
        if goals.get(key) is not None:
            facts[key] = goals[key]
    return facts


def below_knee(intake) -> bool:
    """Pain below the knee: marked on the body chart, or the patient says so."""
    said = _answers(intake, "complaint").get("below_knee") is True
    return said or body_chart_derived(intake)["below_knee"]


def duration(intake) -> dict[str, Any] | None:
    if intake.onset_date is None or intake.onset_date > intake.visit_date:
        return None
    category = precautions.duration_category(
        intake.onset_date,
        intake.visit_date,
        acute_weeks=settings.RESTORE_ACUTE_WEEKS,
        subacute_weeks=settings.RESTORE_SUBACUTE_WEEKS,
    )
    return {
        "category": category,
        "weeks": (intake.visit_date - intake.onset_date).days // 7,
        "acute_weeks": settings.RESTORE_ACUTE_WEEKS,
        "subacute_weeks": settings.RESTORE_SUBACUTE_WEEKS,
    }


def derived_values(intake) -> dict[str, Any]:
    """Everything computed from the answers and shown on the intake and patient pages."""
    chart = body_chart_derived(intake)
    complaint = _answers(intake, "complaint")
    qualities = _answers(intake, "pain").get("qualities") or []
    daily = _answers(intake, "daily-pattern")
    aggravating = aggravating_from(_answers(intake, "factors"))
    values: dict[str, Any] = {
        "age_at_visit": intake.patient.age_on(intake.visit_date),
        "duration": duration(intake),
        "below_knee": below_knee(intake),
        "below_knee_on_chart": chart["below_knee"],
        "below_knee_said": complaint.get("below_knee"),
        "bilateral_leg_symptoms": chart["bilateral_leg_symptoms"],
        "distal_extent": chart["distal_extent"],
        "distal_extent_label": chart["distal_extent_label"],
        "worst_region_label": chart["worst_region_label"],
        "neuropathic_descriptor_count": precautions.neuropathic_descriptor_count(qualities),
        "directional_pattern": precautions.directional_pattern(aggravating)
        if aggravating
        else None,
        "asas_count": precautions.asas_count(asas_from(daily)) if asas_from(daily) else None,
        "medication_classes": medication_classes(intake),
        "red_flag_hints": list(screening(intake).hints),
        "nprs": {},
    }
    for part in ("back", "leg"):
        now, best, worst = (getattr(intake, f"{part}_pain_{w}") for w in ("now", "best", "worst"))
        entry: dict[str, Any] = {}
        if now is not None:
            entry["band"] = scoring.nprs_band(now)
        if None not in (now, best, worst):
            entry["composite"] = scoring.nprs_composite(now, best, worst)
        values["nprs"][part] = entry
    return values
