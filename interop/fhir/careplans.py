"""Each published revision of a home program as a CarePlan, one activity per exercise.

Status, following the request-status meanings FHIR gives CarePlan:

- the revision the patient sees now, of a program in use: **active**;
- a revision replaced by a later one: **revoked** (ended before completion; the newer
  CarePlan names it in ``replaces``);
- the last revision of an archived program: **revoked** as well. Archiving takes the program
  away from the patient ("no further activity should occur"), but the app does not know whether
  the patient finished it, and *completed* would claim that every activity was done.

Activities are *in-progress* in an active plan and *stopped* in a revoked one. The dose is
``detail.description`` (the same words the handout prints) and the frequency is
``detail.scheduledTiming``.
"""

from __future__ import annotations

from programs.models import Program, ProgramRevision

from . import terms
from .people import patient_ref, practitioner_ref


def careplan_id(revision: ProgramRevision) -> str:
    return terms.derived_id("careplan/revision", revision.uuid)


def _timing(item: dict) -> dict:
    per_day = item.get("times_per_day") or 1
    days = item.get("days_per_week") or 7
    repeat = (
        {"frequency": per_day, "period": 1, "periodUnit": "d"}
        if days == 7
        else {"frequency": per_day * days, "period": 1, "periodUnit": "wk"}
    )
    return {"repeat": repeat, "code": {"text": item.get("frequency_text", "")}}


def _description(item: dict) -> str:
    parts = [item.get("dose_text", ""), item.get("frequency_text", "")]
    if item.get("tempo"):
        parts.append(item["tempo"])
    text = "; ".join(part for part in parts if part)
    if item.get("note"):
        text += f". {item['note']}"
    return text


def _activity(item: dict, *, status: str, patient) -> dict:
    exercise = item.get("exercise") or {}
    name = exercise.get("name", "")
    return {
        "detail": {
            "code": terms.concept(
                terms.local(terms.EXERCISES, exercise.get("slug", ""), name), text=name
            )
            if exercise.get("slug")
            else {"text": name},
            "status": status,
            "scheduledTiming": _timing(item),
            "performer": [patient_ref(patient)],
            "description": _description(item),
        },
        "progress": [{"text": f"Clinician's override: {item['override_reason']}"}]
        if item.get("override_reason")
        else [],
    }


def careplan_resource(
    revision: ProgramRevision,
    *,
    program: Program,
    newer: ProgramRevision | None,
    older: ProgramRevision | None,
    published_by,
    handout_ids: list[str],
) -> dict:
    snapshot = revision.snapshot or {}
    is_current = program.current_revision_id == revision.pk and newer is None
    active = is_current and not program.is_archived
    status = "active" if active else "revoked"
    end = newer.published_at.isoformat() if newer else None
    return {
        "resourceType": "CarePlan",
        "id": careplan_id(revision),
        "identifier": [
            {
                "system": terms.identifier_system("program-revision"),
                "value": f"{program.uuid}/{revision.number}",
            }
        ],
        "replaces": [{"reference": f"CarePlan/{careplan_id(older)}"}] if older else [],
        "status": status,
        "intent": "plan",
        "category": [{"text": "Home exercise program"}],
        "title": f"{snapshot.get('title', program.title)} (version {revision.number})",
        "description": snapshot.get("goals", ""),
        "subject": patient_ref(program.patient),
        "period": {
            "start": snapshot.get("start_date") or program.start_date.isoformat(),
            "end": end,
        },
        "created": revision.published_at.isoformat(),
        "author": practitioner_ref(published_by),
        "supportingInfo": [{"reference": f"DocumentReference/{id_}"} for id_ in handout_ids],
        "activity": [
            _activity(item, status="in-progress" if active else "stopped", patient=program.patient)
            for item in revision.items
        ],
        "note": [{"text": snapshot["notes"]}] if snapshot.get("notes") else [],
    }
