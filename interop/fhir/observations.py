"""Scores and pain ratings as Observations, with the meaningful-change interpretation.

Pain ratings (intake, pain-rating measures and home-session logs) use LOINC 72514-3 with a
local code beside it that says which rating it is (back or leg; now, least, worst, week).
Measures without a LOINC code use the local measures code system. Where the app compares a
score with the patient's first one (``clinic.measures.trends``), the Observation carries the
result as its interpretation: v3 "B" (better) or "W" (worse) when the change reaches the
measure's minimal important change, and a local code when it does not.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from clinic import measures as clinic_measures
from clinic import scoring
from clinic.models import Intake, OutcomeMeasure
from programs.models import SessionLog

from . import terms
from .people import patient_ref

PAIN_PARTS = {
    "back": ("Back", {"text": "Lower back"}),
    "leg": ("Leg", terms.concept(terms.coding(terms.SNOMED, *terms.SNOMED_LOWER_LIMB), text="Leg")),
}
PAIN_WHEN = {
    "now": ("now", 0),
    "best": ("at its least in the last 24 hours", 1),
    "worst": ("at its worst in the last 24 hours", 1),
    "week": ("on average over the last week", 7),
}
# Local codes of the measures LOINC has no code for (see docs/interoperability.md).
MEASURE_CODES = {
    "rmdq": ("rmdq-score", "Roland-Morris Disability Questionnaire score (0-24)"),
    "psfs": ("psfs-score", "Patient-Specific Functional Scale average (0-10, higher is better)"),
    "sbi": ("sbi-score", "Sciatica Bothersomeness Index score (0-24)"),
}
PSFS_ACTIVITY = ("psfs-activity-rating", "Patient-Specific Functional Scale activity rating")
SESSION_CODES = {
    "leg_symptoms": ("home-session-leg-symptoms", "Leg symptoms since the last home session"),
    "exercises_done": ("home-session-exercises-done", "Exercises done in the home session"),
}
ODI_BANDS = dict(scoring.ODI_BAND_LABELS)


def observation_id(kind: str, key) -> str:
    return terms.derived_id(f"observation/{kind}", key)


def _category(code: str = "survey") -> list[dict]:
    labels = {"survey": "Survey", "activity": "Activity"}
    return [terms.concept(terms.coding(terms.OBSERVATION_CATEGORY, code, labels[code]))]


def _number(value: Decimal | float | int):
    number = float(value)
    return int(number) if number.is_integer() else number


def _score_quantity(value) -> dict:
    return {"value": _number(value), "unit": "score", "system": terms.UCUM, "code": "{score}"}


# --- interpretation ---------------------------------------------------------------------------


def change_index(*, intakes, measures) -> dict[tuple[str, str], scoring.ChangeResult]:
    """Each follow-up's change from the first value, keyed by (series, the row's page URL)."""
    index = {}
    for trend in clinic_measures.trends(intakes=intakes, measures=measures):
        for point in trend.points:
            if point.change is not None:
                index[(trend.key, point.url)] = point.change
    return index


def _moved(amount: float, unit: str) -> str:
    if amount > 0:
        return f"{amount:g}{unit} better"
    if amount < 0:
        return f"{-amount:g}{unit} worse"
    return "no change"


def interpretation(change: scoring.ChangeResult | None) -> list[dict]:
    if change is None:
        return []
    detail = (
        f"From the first score, {change.baseline:g}, to {change.follow_up:g}: "
        f"{_moved(change.points, ' points')}"
        + (f" ({abs(change.percent):g} %)" if change.percent else "")
        + f". A meaningful change is {change.rule}."
    )
    if change.direction == scoring.IMPROVED:
        codings = [
            terms.coding(terms.OBSERVATION_INTERPRETATION, *terms.INTERPRETATION_BETTER),
            terms.local(terms.CHANGE, "improved", "Meaningfully better"),
        ]
    elif change.direction == scoring.WORSE:
        codings = [
            terms.coding(terms.OBSERVATION_INTERPRETATION, *terms.INTERPRETATION_WORSE),
            terms.local(terms.CHANGE, "worse", "Meaningfully worse"),
        ]
    else:
        codings = [terms.local(terms.CHANGE, "no-meaningful-change", "No meaningful change")]
    return [terms.concept(*codings, text=detail)]


# --- pain ratings -----------------------------------------------------------------------------


def _pain(
    *,
    id_: str,
    part: str,
    when: str,
    value: int,
    day: date,
    patient,
    status: str = "final",
    local_code: str = "",
    local_display: str = "",
    derived_from: str = "",
    encounter_id: str = "",
    based_on: str = "",
    change: scoring.ChangeResult | None = None,
) -> dict:
    part_label, body_site = PAIN_PARTS[part]
    when_label, days_back = PAIN_WHEN[when]
    label = f"{part_label} pain {when_label}"
    effective = (
        {"effectiveDateTime": day.isoformat()}
        if not days_back
        else {
            "effectivePeriod": {
                "start": (day - timedelta(days=days_back)).isoformat(),
                "end": day.isoformat(),
            }
        }
    )
    return {
        "resourceType": "Observation",
        "id": id_,
        "status": status,
        "category": _category(),
        "code": terms.concept(
            terms.coding(
                terms.LOINC,
                terms.LOINC_PAIN_NRS,
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            ),
            terms.local(
                terms.MEASURES, local_code or f"{part}-pain-{when}", local_display or label
            ),
            text=local_display or label,
        ),
        "subject": patient_ref(patient),
        "encounter": {"reference": f"Encounter/{encounter_id}"} if encounter_id else None,
        "basedOn": [{"reference": f"CarePlan/{based_on}"}] if based_on else [],
        **effective,
        "performer": [patient_ref(patient)],
        "valueInteger": value,
        "interpretation": interpretation(change),
        "bodySite": body_site,
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{derived_from}"}]
        if derived_from
        else [],
    }


def intake_observations(
    intake: Intake, *, response_id: str, encounter_id: str, changes: dict
) -> list[dict]:
    found = []
    for part in PAIN_PARTS:
        for when in PAIN_WHEN:
            value = getattr(intake, f"{part}_pain_{when}")
            if value is None:
                continue
            change = (
                changes.get((f"nprs_{part}", intake.get_absolute_url())) if when == "now" else None
            )
            found.append(
                _pain(
                    id_=observation_id("intake-pain", f"{intake.uuid}/{part}/{when}"),
                    part=part,
                    when=when,
                    value=value,
                    day=intake.visit_date,
                    patient=intake.patient,
                    status="final" if intake.is_signed else "preliminary",
                    derived_from=response_id,
                    encounter_id=encounter_id,
                    change=change,
                )
            )
    return found


# --- outcome measures -------------------------------------------------------------------------


def _measure_observation(
    measure: OutcomeMeasure,
    *,
    suffix: str,
    code: dict,
    value: dict,
    response_id: str,
    encounter_id: str | None,
    **extra,
) -> dict:
    return {
        "resourceType": "Observation",
        "id": observation_id("measure", f"{measure.uuid}/{suffix}"),
        "status": "final",
        "category": _category(),
        "code": code,
        "subject": patient_ref(measure.patient),
        "encounter": {"reference": f"Encounter/{encounter_id}"} if encounter_id else None,
        "effectiveDateTime": measure.taken_on.isoformat(),
        "issued": measure.created_at.isoformat(),
        "performer": [patient_ref(measure.patient)],
        **value,
        "note": [{"text": measure.note}] if measure.note else [],
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{response_id}"}],
        **extra,
    }


def measure_observations(
    measure: OutcomeMeasure, *, response_id: str, encounter_id: str | None, changes: dict
) -> list[dict]:
    instrument = measure.instrument
    url = measure.get_absolute_url()
    common = {"response_id": response_id, "encounter_id": encounter_id}
    if instrument == "nprs":
        found = []
        for part in PAIN_PARTS:
            for when in PAIN_WHEN:
                value = (measure.answers or {}).get(f"{part}_{when}")
                if value is None:
                    continue
                change = changes.get((f"nprs_{part}", url)) if when == "now" else None
                found.append(
                    _pain(
                        id_=observation_id("measure", f"{measure.uuid}/{part}/{when}"),
                        part=part,
                        when=when,
                        value=value,
                        day=measure.taken_on,
                        patient=measure.patient,
                        derived_from=response_id,
                        encounter_id=encounter_id or "",
                        change=change,
                    )
                )
        return found
    if measure.score is None:
        return []  # not scored (an Oswestry with too many sections missing): the answers only
    if instrument in MEASURE_CODES:
        code, display = MEASURE_CODES[instrument]
        # Observation has no decimal value: the PSFS average is a Quantity in UCUM {score}.
        value = (
            {"valueQuantity": _score_quantity(measure.score)}
            if instrument == "psfs"
            else {"valueInteger": _number(measure.score)}
        )
        components = []
        if instrument == "psfs":
            components = [
                {
                    "code": terms.concept(
                        terms.local(terms.MEASURES, *PSFS_ACTIVITY), text=activity.get("name", "")
                    ),
                    "valueInteger": activity["rating"],
                }
                for activity in (measure.answers or {}).get("activities", [])
                if activity.get("rating") is not None
            ]
        return [
            _measure_observation(
                measure,
                suffix="score",
                code=terms.concept(terms.local(terms.MEASURES, code, display), text=display),
                value=value,
                interpretation=interpretation(changes.get((instrument, url))),
                component=components,
                **common,
            )
        ]
    if instrument == "odi":
        band = ODI_BANDS.get(measure.band, "")
        found = interpretation(changes.get(("odi", url)))
        if band:
            found.append({"text": f"Developers' band: {band}"})
        return [
            _measure_observation(
                measure,
                suffix="score",
                code=terms.concept(
                    terms.coding(
                        terms.LOINC, terms.LOINC_ODI_SCORE, "Oswestry disability index score ODI"
                    ),
                    text="Oswestry Disability Index (%)",
                ),
                value={
                    "valueQuantity": {
                        "value": _number(measure.score),
                        "unit": "%",
                        "system": terms.UCUM,
                        "code": "%",
                    }
                },
                method={"text": f"ODI version {measure.version}"} if measure.version else None,
                interpretation=found,
                **common,
            )
        ]
    if instrument == "start_back":
        return _start_back(measure, **common)
    return []


def _start_back(measure: OutcomeMeasure, *, response_id: str, encounter_id: str | None) -> list:
    total = _measure_observation(
        measure,
        suffix="total",
        code=terms.concept(
            terms.coding(terms.LOINC, terms.LOINC_START_BACK_TOTAL, "STarT Back total score"),
            text="STarT Back total score (0-9)",
        ),
        value={"valueInteger": _number(measure.score)},
        response_id=response_id,
        encounter_id=encounter_id,
    )
    members = [total]
    distress = (measure.details or {}).get("psychosocial")
    if distress is not None:
        members.append(
            _measure_observation(
                measure,
                suffix="distress",
                code=terms.concept(
                    terms.coding(
                        terms.LOINC, terms.LOINC_START_BACK_DISTRESS, "STarT Back distress subscore"
                    ),
                    text="STarT Back psychosocial (distress) subscore (0-5)",
                ),
                value={"valueInteger": distress},
                response_id=response_id,
                encounter_id=encounter_id,
            )
        )
    answer = terms.LOINC_START_BACK_RISK_ANSWERS.get(measure.band)
    if answer:
        members.append(
            _measure_observation(
                measure,
                suffix="risk",
                code=terms.concept(
                    terms.coding(terms.LOINC, terms.LOINC_START_BACK_RISK, "STarT Back risk level"),
                    text="STarT Back risk group",
                ),
                value={
                    "valueCodeableConcept": terms.concept(
                        terms.coding(terms.LOINC, *answer), text=f"{answer[1]} risk"
                    )
                },
                response_id=response_id,
                encounter_id=encounter_id,
            )
        )
    panel = _measure_observation(
        measure,
        suffix="panel",
        code=terms.concept(
            terms.coding(
                terms.LOINC, terms.LOINC_START_BACK_PANEL, "Keele STarT Back Screening Tool"
            ),
            text="Keele STarT Back Screening Tool",
        ),
        value={},
        response_id=response_id,
        encounter_id=encounter_id,
        hasMember=[{"reference": f"Observation/{member['id']}"} for member in members],
    )
    return [panel, *members]


# --- home-session logs ------------------------------------------------------------------------


def session_observations(log: SessionLog, *, careplan_id: str, exercise_count: int) -> list[dict]:
    """Back pain, leg pain, how leg symptoms moved, and exercises done, for one day's log."""
    patient = log.patient
    common = {"day": log.date, "patient": patient, "when": "now", "based_on": careplan_id}
    found = [
        _pain(
            id_=observation_id("session", f"{log.uuid}/{part}"),
            part=part,
            value=getattr(log, f"{part}_pain"),
            local_code=f"home-session-{part}-pain",
            local_display=f"{PAIN_PARTS[part][0]} pain after the home session",
            **common,
        )
        for part in PAIN_PARTS
    ]
    symptoms = SessionLog.LegSymptoms(log.leg_symptoms)
    base = {
        "resourceType": "Observation",
        "status": "final",
        "subject": patient_ref(patient),
        "basedOn": [{"reference": f"CarePlan/{careplan_id}"}],
        "effectiveDateTime": log.date.isoformat(),
        "performer": [patient_ref(patient)],
    }
    code, display = SESSION_CODES["leg_symptoms"]
    found.append(
        {
            **base,
            "id": observation_id("session", f"{log.uuid}/leg-symptoms"),
            "category": _category(),
            "code": terms.concept(terms.local(terms.MEASURES, code, display), text=display),
            "valueCodeableConcept": terms.concept(
                terms.local(terms.LEG_SYMPTOMS, symptoms.value, str(symptoms.label)),
                text=str(symptoms.label),
            ),
            "bodySite": PAIN_PARTS["leg"][1],
        }
    )
    code, display = SESSION_CODES["exercises_done"]
    found.append(
        {
            **base,
            "id": observation_id("session", f"{log.uuid}/exercises"),
            "category": _category("activity"),
            "code": terms.concept(terms.local(terms.MEASURES, code, display), text=display),
            "valueInteger": len(log.exercises_done or []),
            "note": [{"text": f"{len(log.exercises_done or [])} of {exercise_count} exercises"}]
            + ([{"text": log.comment}] if log.comment else []),
        }
    )
    return found
