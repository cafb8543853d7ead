"""Stored PDFs (printed handouts, scan and test reports) as DocumentReferences.

``attachment.hash`` is what FHIR R4 defines it to be: the SHA-1 of the file, base64-encoded,
computed from the stored bytes when the export is made. The SHA-256 (the one the clinic
recorded when a report was uploaded; computed for a handout) travels beside it in the local
``attachment-sha256`` extension, so either can be checked against the file. A report filed in
error stays in the record with status *entered-in-error*.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from clinic.models import ImagingReport
from programs.models import HandoutFile

from . import terms
from .encounters import encounter_id
from .people import patient_ref, practitioner_ref

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Digests:
    sha1_base64: str
    sha256_hex: str


def file_digests(field_file) -> Digests | None:
    """The stored file's SHA-1 (base64) and SHA-256 (hex), or None if it cannot be read."""
    sha1, sha256 = hashlib.sha1(usedforsecurity=False), hashlib.sha256()
    try:
        with field_file.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                sha1.update(chunk)
                sha256.update(chunk)
    except (FileNotFoundError, OSError, ValueError):
        return None
    return Digests(base64.b64encode(sha1.digest()).decode(), sha256.hexdigest())


def handout_document_id(handout: HandoutFile) -> str:
    return terms.derived_id("documentreference/handout", handout.pk)


def report_document_id(report: ImagingReport) -> str:
    return terms.derived_id("documentreference/imaging-report", report.uuid)


def _attachment(*, title: str, size: int, created, sha1: str | None, sha256: str, url: str) -> dict:
    return {
        "contentType": "application/pdf",
        "url": url,
        "size": size,
        "hash": sha1,
        "title": title,
        "creation": created.isoformat(),
        "extension": [
            {"url": terms.structure_definition(terms.ATTACHMENT_SHA256), "valueString": sha256}
        ]
        if sha256
        else [],
    }


def handout_document(
    handout: HandoutFile,
    *,
    revision,
    careplan_id: str,
    patient,
    author,
    digests: Callable = file_digests,
    url: str = "",
) -> dict:
    title = (revision.snapshot or {}).get("title", "Home program")
    options = handout.get_paper_display() + (", large print" if handout.large_print else "")
    found = digests(handout.file)
    return {
        "resourceType": "DocumentReference",
        "id": handout_document_id(handout),
        "status": "current",
        "docStatus": "final",
        "type": {"text": "Home exercise program handout"},
        "subject": patient_ref(patient),
        "date": handout.created_at.isoformat(),
        "author": [practitioner_ref(author)],
        "description": f"{title}, version {revision.number} ({options})",
        "content": [
            {
                "attachment": _attachment(
                    title=f"{title} (version {revision.number}).pdf",
                    size=handout.size,
                    created=handout.created_at,
                    sha1=found.sha1_base64 if found else None,
                    sha256=found.sha256_hex if found else "",
                    url=url,
                )
            }
        ],
        "context": {"related": [{"reference": f"CarePlan/{careplan_id}"}]},
    }


def report_document(
    report: ImagingReport,
    *,
    intake,
    uploaded_by,
    digests: Callable = file_digests,
    url: str = "",
) -> dict:
    found = digests(report.file)
    return {
        "resourceType": "DocumentReference",
        "id": report_document_id(report),
        "status": "entered-in-error" if report.is_filed_in_error else "current",
        "docStatus": "final",
        "type": {"text": f"Report: {report.entry_label}"},
        "category": [{"text": "Scan or test report"}],
        "subject": patient_ref(report.patient),
        "date": report.uploaded_at.isoformat(),
        "author": [practitioner_ref(uploaded_by)],
        "description": (
            f"Filed in error: {report.filed_in_error_reason}"
            if report.is_filed_in_error
            else report.note or report.entry_label
        ),
        "content": [
            {
                "attachment": _attachment(
                    title=report.original_name,
                    size=report.size,
                    created=report.uploaded_at,
                    sha1=found.sha1_base64 if found else None,
                    # The SHA-256 recorded at upload: a file changed since would not match it.
                    sha256=report.sha256,
                    url=url,
                )
            }
        ],
        "context": {"encounter": [{"reference": f"Encounter/{encounter_id(intake)}"}]},
    }
