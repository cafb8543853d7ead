"""An Encounter per intake visit, and the presenting problem recorded there as a Condition.

The intake records the patient's own account of the problem (where it is, whether it goes
below the knee), not a clinician's diagnosis. So each Condition is the presenting problem,
category encounter-diagnosis, verification status *provisional*, coded in SNOMED CT by the
main area where one code clearly fits (low back, leg, hip), otherwise in words only.
"""

from __future__ import annotations

from clinic.intake.choices import MAIN_AREAS
from clinic.models import Intake

from . import terms
from .people import organization_id, patient_ref, practitioner_ref

AREA_LABELS = dict(MAIN_AREAS)


def encounter_id(intake: Intake) -> str:
    return terms.derived_id("encounter/intake", intake.uuid)


def condition_id(intake: Intake) -> str:
    return terms.derived_id("condition/intake", intake.uuid)


def encounter_resource(intake: Intake, *, therapist) -> dict:
    return {
        "resourceType": "Encounter",
        "id": encounter_id(intake),
        "status": "finished" if intake.is_signed else "in-progress",
        "class": terms.coding(terms.ACT_CODE, "AMB", "ambulatory"),
        "type": [{"text": "Intake assessment (low-back pain and sciatica)"}],
        "subject": patient_ref(intake.patient),
        "participant": [
            {
                "type": [
                    terms.concept(
                        terms.coding(terms.PARTICIPATION_TYPE, "PPRF", "primary performer")
                    )
                ],
                "individual": practitioner_ref(therapist),
            }
        ]
        if therapist
        else [],
        "period": {"start": intake.visit_date.isoformat()},
        "serviceProvider": {"reference": f"Organization/{organization_id()}"},
    }


def condition_resource(intake: Intake, *, therapist, current: bool) -> dict | None:
    """The presenting problem, or None when the reason for the visit was not recorded."""
    complaint = intake.section_answers("complaint")
    area = complaint.get("main_area")
    if not area:
        return None
    where = complaint.get("main_area_other") if area == "other" else AREA_LABELS.get(area, area)
    text = f"Presenting problem: {where}"
    if complaint.get("below_knee"):
        text += ", with pain or tingling below the knee"
    coded = terms.SNOMED_PROBLEM_BY_AREA.get(area)
    code = terms.concept(terms.coding(terms.SNOMED, *coded), text=text) if coded else {"text": text}
    own_words = complaint.get("own_words")
    return {
        "resourceType": "Condition",
        "id": condition_id(intake),
        # Only the latest episode is known to be ongoing; an earlier one's course is not recorded.
        "clinicalStatus": terms.concept(terms.coding(terms.CONDITION_CLINICAL, "active", "Active"))
        if current
        else None,
        "verificationStatus": terms.concept(
            terms.coding(terms.CONDITION_VERIFICATION, "provisional", "Provisional")
        ),
        "category": [
            terms.concept(
                terms.coding(terms.CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")
            )
        ],
        "code": code,
        "subject": patient_ref(intake.patient),
        "encounter": {"reference": f"Encounter/{encounter_id(intake)}"},
        "onsetDateTime": intake.onset_date.isoformat() if intake.onset_date else None,
        "recordedDate": intake.visit_date.isoformat(),
        "recorder": practitioner_ref(therapist),
        "asserter": patient_ref(intake.patient),
        "note": [{"text": f"In the patient's words: {own_words}"}] if own_words else [],
    }
