"""What the readable PDF summary of a record says: plain rows for its template, no queries.

It reads the same `PatientRecord` the FHIR export does, so the PDF and the JSON in one download
describe exactly the same rows.
"""

from __future__ import annotations

from clinic import measures as clinic_measures
from clinic import redflags
from clinic.intake.choices import MAIN_AREAS
from clinic.models import OutcomeMeasure, RedFlag
from programs.models import SessionLog

from .fhir.record import PatientRecord

AREAS = dict(MAIN_AREAS)
PAIN_WHEN = (("now", "now"), ("best", "least (24 h)"), ("worst", "worst (24 h)"), ("week", "week"))


def _pain(row, part: str) -> str:
    values = [
        f"{label} {getattr(row, f'{part}_pain_{when}')}"
        for when, label in PAIN_WHEN
        if getattr(row, f"{part}_pain_{when}", None) is not None
    ]
    return ", ".join(values) or "—"


def _visits(record: PatientRecord) -> list[dict]:
    rows = []
    for intake in record.intakes:
        complaint = intake.section_answers("complaint")
        area = complaint.get("main_area")
        where = complaint.get("main_area_other") if area == "other" else AREAS.get(area, "")
        therapist = record.person(intake.therapist_id)
        rows.append(
            {
                "date": intake.visit_date,
                "therapist": therapist.display_name if therapist else "",
                "status": intake.get_status_display(),
                "problem": where,
                "below_knee": complaint.get("below_knee"),
                "own_words": complaint.get("own_words", ""),
                "back": _pain(intake, "back"),
                "leg": _pain(intake, "leg"),
            }
        )
    return rows


def _flags(record: PatientRecord) -> list[dict]:
    reasons = dict(redflags.OVERRIDE_REASONS)
    return [
        {
            "raised": flag.created_at,
            "tier": flag.get_tier_display(),
            "summary": flag.summary,
            "open": flag.status == RedFlag.Status.OPEN,
            "decision": reasons.get(flag.decision_reason, flag.decision_reason),
            "note": flag.decision_note,
            "decided_at": flag.decided_at,
            "decided_by": getattr(record.person(flag.decided_by_id), "display_name", ""),
        }
        for flag in record.flags
    ]


def _score_text(measure: OutcomeMeasure) -> str:
    if measure.instrument == "nprs":
        details = measure.details or {}
        return f"back {details.get('back_now', '—')}/10, leg {details.get('leg_now', '—')}/10"
    if measure.score is None:
        return "not scored"
    score = f"{float(measure.score):g}"
    if measure.instrument == "odi":
        return f"{score} % ({measure.band.replace('_', ' ')})" if measure.band else f"{score} %"
    if measure.instrument == "start_back":
        return f"{score}/9, {measure.band} risk"
    maximum = OutcomeMeasure.SCORE_MAX.get(measure.instrument)
    return f"{score}/{maximum}"


def _measures(record: PatientRecord) -> list[dict]:
    # Meaningful changes from the first score, by the measure's page (NPRS has two series).
    changes: dict[str, list[str]] = {}
    parts = {"nprs_back": "back ", "nprs_leg": "leg "}
    for trend in clinic_measures.trends(intakes=record.intakes, measures=record.measures):
        for point in trend.points:
            if point.change is not None and point.change.meaningful:
                text = parts.get(trend.key, "") + point.change.direction
                changes.setdefault(point.url, []).append(text)
    return [
        {
            "date": measure.taken_on,
            "name": measure.get_instrument_display(),
            "score": _score_text(measure),
            "change": ", ".join(changes.get(measure.get_absolute_url(), [])),
        }
        for measure in record.measures
    ]


def _programs(record: PatientRecord) -> list[dict]:
    programs = {program.pk: program for program in record.programs}
    rows = []
    for revision in record.revisions:
        program = programs[revision.program_id]
        snapshot = revision.snapshot or {}
        current = program.current_revision_id == revision.pk
        rows.append(
            {
                "title": snapshot.get("title", program.title),
                "number": revision.number,
                "published_at": revision.published_at,
                "state": (
                    "archived"
                    if current and program.is_archived
                    else "current"
                    if current
                    else "replaced by a later version"
                ),
                "goals": snapshot.get("goals", ""),
                "items": [
                    {
                        "name": (item.get("exercise") or {}).get("name", ""),
                        "dose": item.get("dose_text", ""),
                        "frequency": item.get("frequency_text", ""),
                        "note": item.get("note", ""),
                    }
                    for item in revision.items
                ],
            }
        )
    return rows


def _logs(record: PatientRecord) -> list[dict]:
    labels = dict(SessionLog.LegSymptoms.choices)
    prescribed = {revision.pk: len(revision.items) for revision in record.revisions}
    return [
        {
            "date": log.date,
            "back": log.back_pain,
            "leg": log.leg_pain,
            "leg_symptoms": labels.get(log.leg_symptoms, log.leg_symptoms),
            "done": len(log.exercises_done or []),
            "of": prescribed.get(log.revision_id, 0),
            "comment": log.comment,
        }
        for log in record.logs
    ]


def summary_context(record: PatientRecord, *, files: list[dict], generated_at) -> dict:
    patient = record.patient
    therapist = record.person(patient.therapist_id)
    return {
        "clinic": record.clinic,
        "patient": patient,
        "therapist": therapist.display_name if therapist else "",
        "generated_at": generated_at,
        "visits": _visits(record),
        "flags": _flags(record),
        "measures": _measures(record),
        "programs": _programs(record),
        "logs": _logs(record),
        "files": files,
    }
