"""Every code system, code and canonical URL the FHIR export uses, in one place.

Published codes carry their number and meaning; where LOINC or SNOMED CT has no code for a
concept, a local code system under the clinic's own address stands in (see
docs/interoperability.md, which lists them all).
"""

from __future__ import annotations

import uuid

from django.conf import settings

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
BCP47 = "urn:ietf:bcp:47"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
OBSERVATION_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"
PROVENANCE_PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
CONTACT_RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/v2-0131"
PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"

# LOINC (loinc.org/<code>).
LOINC_PAIN_NRS = "72514-3"  # Pain severity - 0-10 verbal numeric rating [Score] - Reported
LOINC_ODI_PANEL = "97908-8"  # Oswestry Disability Index [panel]
LOINC_ODI_SCORE = "97909-6"  # Oswestry disability index score ODI (reported as a percent)
LOINC_START_BACK_PANEL = "91349-1"  # Keele STarT Back Screening Tool [panel]
LOINC_START_BACK_DISTRESS = "91350-9"  # STarT Back psychosocial (distress) subscore
LOINC_START_BACK_TOTAL = "91351-7"  # STarT Back total score
LOINC_START_BACK_RISK = "91352-5"  # STarT Back risk level; answer list LL3578-3
LOINC_START_BACK_RISK_ANSWERS = {
    "high": ("LA9193-9", "High"),
    "medium": ("LA8982-6", "Medium"),
    "low": ("LA9194-7", "Low"),
}

# SNOMED CT, for the presenting problem and where leg pain is felt.
SNOMED_LOWER_LIMB = ("61685007", "Lower limb structure")
SNOMED_PROBLEM_BY_AREA = {
    "low_back": ("279039007", "Low back pain"),
    "leg": ("10601006", "Pain in lower limb"),
    "hip": ("49218002", "Hip pain"),
}

# v3 ObservationInterpretation: B = better, W = worse (a significant change).
INTERPRETATION_BETTER = ("B", "Better")
INTERPRETATION_WORSE = ("W", "Worse")

# Namespace of every resource id the export derives (uuid5 over "<kind>/<key>"), so the same
# row always gets the same id, in every export and from the API.
ID_NAMESPACE = uuid.UUID("5f0d2c1e-8a4b-5c9e-9d7f-3e6a1b2c4d5e")


def base() -> str:
    """The clinic's FHIR base: canonical URLs, identifiers and full URLs live under it."""
    return f"{settings.SITE_URL}/fhir"


def code_system(name: str) -> str:
    return f"{base()}/CodeSystem/{name}"


def questionnaire_url(slug: str) -> str:
    return f"{base()}/Questionnaire/{slug}"


def structure_definition(name: str) -> str:
    return f"{base()}/StructureDefinition/{name}"


def identifier_system(name: str) -> str:
    return f"{base()}/sid/{name}"


def patient_identifier_system() -> str:
    return identifier_system("patient-id")


# Local code systems (where no published code fits).
MEASURES = "restore-measures"  # scores and ratings without a LOINC code
CHANGE = "restore-change"  # "no meaningful change" (better and worse use v3 B and W)
RED_FLAGS = "restore-red-flags"  # the screening questions' codes
RED_FLAG_TIERS = "restore-red-flag-tiers"  # emergency, urgent, soon
FLAG_DECISIONS = "restore-flag-decisions"  # the documented reasons for a decision
EXERCISES = "restore-exercises"  # the exercise library, by slug
INTAKE_ANSWERS = "restore-intake-answers"  # choice answers of the intake, "<linkId>.<value>"
LEG_SYMPTOMS = "restore-leg-symptoms"  # how leg symptoms moved since the last session
ATTACHMENT_SHA256 = "attachment-sha256"  # extension: SHA-256 of an attachment, hex


def coding(system: str, code: str, display: str = "") -> dict:
    return {"system": system, "code": code, "display": display}


def local(name: str, code: str, display: str = "") -> dict:
    return coding(code_system(name), code, display)


def concept(*codings: dict, text: str = "") -> dict:
    return {"coding": list(codings), "text": text}


def derived_id(kind: str, key) -> str:
    """A stable resource id: the same row and kind always give the same id."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}/{key}"))
