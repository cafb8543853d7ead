"""The API's own resources: the CapabilityStatement, search results and OperationOutcomes."""

from __future__ import annotations

from django.utils import timezone

from . import terms
from .bundle import full_url, prune

FHIR_VERSION = "4.0.1"
MEDIA_TYPE = "application/fhir+json"


def capability_statement(*, software_version: str = "1") -> dict:
    return prune(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": timezone.now().date().isoformat(),
            "publisher": "Restore",
            "kind": "instance",
            "software": {"name": "Restore", "version": software_version},
            "implementation": {
                "description": "Read-only FHIR API of the clinic's Restore records",
                "url": terms.base(),
            },
            "fhirVersion": FHIR_VERSION,
            "format": ["json"],
            "rest": [
                {
                    "mode": "server",
                    "documentation": (
                        "Read only. Every request except this statement needs "
                        "'Authorization: Bearer <token>' with a token the clinic admin created."
                    ),
                    "security": {
                        "cors": False,
                        "description": "Per-integration bearer tokens, revocable; every call "
                        "is recorded in the clinic's audit log.",
                    },
                    "resource": [
                        {
                            "type": "Patient",
                            "interaction": [{"code": "search-type"}],
                            "searchParam": [
                                {
                                    "name": "identifier",
                                    "type": "token",
                                    "documentation": (
                                        f"The patient's record id; system "
                                        f"{terms.patient_identifier_system()}"
                                    ),
                                }
                            ],
                            "operation": [
                                {
                                    "name": "everything",
                                    "definition": (
                                        "http://hl7.org/fhir/OperationDefinition/Patient-everything"
                                    ),
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    )


def searchset(resources: list[dict], *, self_link: str) -> dict:
    return prune(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "timestamp": timezone.now().isoformat(),
            "total": len(resources),
            "link": [{"relation": "self", "url": self_link}],
            "entry": [
                {"fullUrl": full_url(resource), "resource": resource, "search": {"mode": "match"}}
                for resource in resources
            ],
        }
    )


def operation_outcome(*, code: str, diagnostics: str, severity: str = "error") -> dict:
    """An OperationOutcome with one issue (codes from the FHIR issue-type value set)."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}],
    }
