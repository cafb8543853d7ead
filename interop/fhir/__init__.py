"""The patient's record as HL7 FHIR R4 resources (one builder module per kind of resource).

    from interop import fhir
    fhir.patient_bundle(patient)            # the whole record, a "collection" Bundle

The builders return plain dicts (JSON-ready) and read nothing from the database themselves:
`record.load_record` fetches everything first. The tests parse every resource with the R4B
models of `fhir.resources`; the app itself does not need that package at run time.
"""

from .bundle import bundle, full_url, prune, record_resources
from .record import PatientRecord, load_record


def patient_bundle(patient, *, kind: str = "collection", self_link: str = "", **options) -> dict:
    """The patient's whole record as one Bundle (see `record_resources` for the options)."""
    resources = record_resources(load_record(patient), **options)
    return bundle(resources, kind=kind, self_link=self_link)


__all__ = [
    "PatientRecord",
    "bundle",
    "full_url",
    "load_record",
    "patient_bundle",
    "prune",
    "record_resources",
]
