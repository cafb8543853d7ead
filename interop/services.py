"""Writes of the interop app (access requests, integration tokens) and the record download.

Every write is recorded in the audit log here, so the portal, the admin pages and any command
leave the same trail. The download (`build_record_archive`) is one zip: the FHIR Bundle, a
readable PDF summary and the stored PDFs (handouts, scan and test reports).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import secrets
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from clinic import audit
from clinic.models import AuditEvent, Patient, User

from . import fhir
from .fhir.documents import Digests
from .models import EXTENSION_DAYS, AccessRequest, IntegrationToken
from .summary import summary_context

Action = AuditEvent.Action

# --- access requests ----------------------------------------------------------------------------


def request_record_access(
    *,
    patient: Patient,
    by: User,
    channel: str = AccessRequest.Channel.PORTAL,
    note: str = "",
) -> AccessRequest:
    """Log a request for a copy of the record; due 30 days from today. One open at a time."""
    if AccessRequest.objects.filter(patient=patient, status=AccessRequest.Status.OPEN).exists():
        raise ValidationError("A request for this record is already open.")
    now = timezone.now()
    try:
        with transaction.atomic():
            access_request = AccessRequest.objects.create(
                patient=patient,
                requested_at=now,
                requested_by=by,
                channel=channel,
                note=note.strip(),
                due_on=AccessRequest.first_due_on(now),
            )
    except IntegrityError as error:  # a second request sent at the same moment
        raise ValidationError("A request for this record is already open.") from error
    audit.record(
        action=Action.CREATE,
        user=by,
        patient=patient,
        obj=access_request,
        detail=f"record access request ({access_request.get_channel_display()})",
    )
    return access_request


@transaction.atomic
def fulfil_access_request(*, access_request: AccessRequest, by: User) -> AccessRequest:
    """Release the record: the patient can download it from the portal for 30 days."""
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if not locked.is_open:
        raise ValidationError("This request is already fulfilled.")
    locked.status = AccessRequest.Status.FULFILLED
    locked.fulfilled_at = timezone.now()
    locked.fulfilled_by = by
    locked.save(update_fields=["status", "fulfilled_at", "fulfilled_by", "updated_at"])
    audit.record(
        action=Action.UPDATE,
        user=by,
        patient=locked.patient,
        obj=locked,
        detail="record access request fulfilled: the copy is ready",
    )
    return locked


@transaction.atomic
def extend_access_request(*, access_request: AccessRequest, reason: str, by: User) -> AccessRequest:
    """The one extension the rule allows: 30 more days, with the reason the patient is told."""
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if not locked.is_open:
        raise ValidationError("This request is already fulfilled.")
    if locked.is_extended:
        raise ValidationError("This request has already been extended once.")
    if not reason.strip():
        raise ValidationError("Say why more time is needed: the patient is told the reason.")
    locked.due_on = locked.due_on + timedelta(days=EXTENSION_DAYS)
    locked.extended_at = timezone.now()
    locked.extended_by = by
    locked.extension_reason = reason.strip()
    locked.save(
        update_fields=["due_on", "extended_at", "extended_by", "extension_reason", "updated_at"]
    )
    audit.record(
        action=Action.UPDATE,
        user=by,
        patient=locked.patient,
        obj=locked,
        detail=f"record access request extended to {locked.due_on:%d %b %Y}",
    )
    return locked


# --- integration tokens -------------------------------------------------------------------------

TOKEN_PREFIX = "rst_"  # noqa: S105 (marks our tokens; not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_integration_token(*, name: str, by: User) -> tuple[IntegrationToken, str]:
    """A new token: the row (hash only) and the token itself, to show once and never again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Name the integration that will use the token."})
    if IntegrationToken.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A token with this name already exists."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = IntegrationToken.objects.create(
        name=name, token_hash=hash_token(raw), prefix=raw[:10], created_by=by
    )
    audit.record(
        action=Action.CREATE, user=by, obj=token, detail=f"integration token '{name}' created"
    )
    return token, raw


@transaction.atomic
def revoke_integration_token(*, token: IntegrationToken, by: User) -> IntegrationToken:
    locked = IntegrationToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(
        action=Action.UPDATE,
        user=by,
        obj=locked,
        detail=f"integration token '{locked.name}' revoked",
    )
    return locked


def authenticate_token(raw: str) -> IntegrationToken | None:
    """The active token with this value, its last use stamped; None for anything else."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = IntegrationToken.objects.active().filter(token_hash=hash_token(raw)).first()
    if token is not None:
        token.last_used_at = timezone.now()
        token.save(update_fields=["last_used_at"])
    return token


# --- the download -------------------------------------------------------------------------------

FHIR_NAME = "record.fhir.json"
SUMMARY_NAME = "summary.pdf"
SUMMARY_TEMPLATE = "interop/record_summary.html"
SUMMARY_STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "record-summary.css"
# WeasyPrint's font handling is not safe to share between threads rendering at once.
_render_lock = threading.Lock()


@dataclass
class RecordArchive:
    content: bytes
    resources: int
    files: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _stored_files(record) -> list[tuple[object, str, str]]:
    """(row, path in the zip, what it is) for every stored PDF of the record."""
    found = []
    revisions = {revision.pk: revision for revision in record.revisions}
    for handout in record.handouts:
        revision = revisions[handout.revision_id]
        title = (revision.snapshot or {}).get("title", "") or "Home program"
        large = "-large-print" if handout.large_print else ""
        name = f"{slugify(title) or 'home-program'}-v{revision.number}-{handout.paper}{large}"
        path = f"documents/handouts/{name}-{handout.pk}.pdf"
        found.append((handout, path, f"Handout: {title}, version {revision.number}"))
    for report in record.reports:
        stem = slugify(Path(report.original_name).stem) or "report"
        error = "-filed-in-error" if report.is_filed_in_error else ""
        path = f"documents/reports/{str(report.uuid)[:8]}-{stem}{error}.pdf"
        label = f"Report: {report.entry_label}" + (" (filed in error)" if error else "")
        found.append((report, path, label))
    return found


def render_summary_pdf(context: dict) -> bytes:
    """The readable summary, through the handouts' deny-by-default fetcher (it reads nothing)."""
    from weasyprint import CSS, HTML

    from programs.handouts.fetcher import HandoutURLFetcher

    html = render_to_string(SUMMARY_TEMPLATE, context)
    fetcher = HandoutURLFetcher()
    with _render_lock:
        document = HTML(string=html, url_fetcher=fetcher, media_type="print").render(
            stylesheets=[CSS(filename=str(SUMMARY_STYLESHEET), url_fetcher=fetcher)],
            attachments=[],
        )
        return document.write_pdf()


def build_record_archive(*, patient: Patient) -> RecordArchive:
    """The patient's record as one zip: FHIR JSON, PDF summary, stored PDFs, a README."""
    record = fhir.load_record(patient)
    stored = _stored_files(record)
    contents: dict[str, bytes] = {}
    paths: dict[tuple[str, int], str] = {}
    digests: dict[str, Digests] = {}
    archive = RecordArchive(content=b"", resources=0)
    for row, path, label in stored:
        try:
            with row.file.open("rb") as handle:
                data = handle.read()
        except (FileNotFoundError, OSError, ValueError):
            archive.missing.append(label)
            continue
        contents[path] = data
        paths[(row._meta.label_lower, row.pk)] = path
        digests[row.file.name] = Digests(
            sha1_base64=_b64(hashlib.sha1(data, usedforsecurity=False).digest()),
            sha256_hex=hashlib.sha256(data).hexdigest(),
        )
        archive.files.append(
            {"path": path, "label": label, "sha256": digests[row.file.name].sha256_hex}
        )
    resources = fhir.record_resources(
        record,
        attachment_url=lambda row: paths.get((row._meta.label_lower, row.pk), ""),
        digests=lambda field_file: digests.get(field_file.name),
    )
    bundle = fhir.bundle(resources)
    archive.resources = len(resources)
    now = timezone.now()
    summary = render_summary_pdf(summary_context(record, files=archive.files, generated_at=now))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("README.txt", _readme(patient=patient, archive=archive, at=now))
        zipped.writestr(SUMMARY_NAME, summary)
        zipped.writestr(FHIR_NAME, json.dumps(bundle, indent=2, ensure_ascii=False))
        for path, data in contents.items():
            zipped.writestr(path, data)
    archive.content = buffer.getvalue()
    return archive


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _readme(*, patient: Patient, archive: RecordArchive, at) -> str:
    lines = [
        f"Health record of {patient.full_name}, prepared {timezone.localtime(at):%d %B %Y %H:%M}.",
        "",
        f"{SUMMARY_NAME}       the record in words: visits, safety questions, scores, home",
        "                  programs and session logs.",
        f"{FHIR_NAME}  the whole record as an HL7 FHIR R4 Bundle (JSON), for another",
        "                  clinic's or an app's health-record system.",
        "documents/        the PDFs stored with the record (printed handouts, scan and test",
        "                  reports), each listed with its SHA-256 in the summary.",
        "",
        "This file contains health information. Keep it private.",
    ]
    if archive.missing:
        lines += ["", "These stored files could not be read and are not included:"]
        lines += [f"  {label}" for label in archive.missing]
    return "\n".join(lines) + "\n"


def archive_filename(patient: Patient) -> str:
    """No name in the file name: it may be seen in a downloads list."""
    return f"health-record-{str(patient.uuid)[:8]}-{timezone.localdate().isoformat()}.zip"
