"""Imaging and test report files: check a PDF, attach it to a test, file it in error, show it.

A therapist attaches a report PDF to one test listed in an intake's imaging section (the row's
stable `ref`). The upload is checked on the server before anything is stored:

- it is read only up to `RESTORE_REPORT_MAX_BYTES` (`ReportSizeLimit` stops reading past it);
- it starts with the PDF signature `%PDF-`, whatever its name or content type claims;
- pypdf opens it and it has pages; an encrypted PDF is taken only if it opens without a
  password (an owner password that restricts printing is common on hospital reports), since
  one that needs a password could not be checked now or read later;
- the stored name is random, in private media; the name it came with is kept as metadata,
  cleaned of folders and control characters, with its size, SHA-256, uploader and time.

Files are served only by `clinic.views.imaging_reports.imaging_report_download`, which fetches
through `for_user` (clinic staff; a patient gets 404 like for a missing report), as an
attachment that is never cached. Nothing is ever deleted: a report attached by mistake is
marked "filed in error" with who, when and why, and stays in the record (and in the
right-of-access export).

Signed intakes take reports too. Reports usually arrive after the visit, and attaching one does
not change any signed answer, so it is recorded as an addition (who and when, shown as "added
after signing"), not as an amendment, which is for correcting what was recorded.

The writes (`attach_imaging_report`, `mark_report_filed_in_error`) are services kept here, beside
the checks they rely on; the forms are in `clinic.forms`, the pages in
`clinic.views.imaging_reports`. pypdf is imported by the check that uses it, so loading the
URLs does not load it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from . import audit
from .intake.sections import ImagingSection
from .models import ImagingReport, Intake, User

if TYPE_CHECKING:
    from pypdf import PdfReader

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"
CACHE_CONTROL = "private, no-store"


def max_bytes() -> int:
    return settings.RESTORE_REPORT_MAX_BYTES


def too_large_message() -> str:
    return (
        f"The file is larger than {filesizeformat(max_bytes())}. Ask for a smaller copy "
        "(for example the report pages only, without the images)."
    )


# --- checking an upload -----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedReport:
    """An uploaded report that passed every check, ready to store."""

    content: bytes
    original_name: str
    size: int
    sha256: str
    pages: int


def clean_original_name(name: str) -> str:
    """The file's own name, without any folder part or control and formatting characters.

    Kept as metadata only (shown escaped, never used as a path): "../../etc/passwd.pdf" is
    kept as "passwd.pdf", and right-to-left overrides that disguise an extension are removed.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(
        " " if unicodedata.category(ch).startswith("Z") else ch
        for ch in base
        if not unicodedata.category(ch).startswith("C")
    )
    base = " ".join(base.split()).strip(" .")
    return base[:200] or "report.pdf"


def download_name(report: ImagingReport) -> str:
    """A safe ASCII name for the attachment header, from the name the file came with."""
    stem = slugify(PurePosixPath(report.original_name).stem)[:80].strip("-")
    return f"{stem or 'imaging-report'}.pdf"


def _opens_without_password(reader: PdfReader) -> bool:
    """Whether an encrypted PDF opens with an empty password, as every viewer tries first.

    Reports from hospital portals are often encrypted with only an owner password (printing or
    editing restricted): they open for anyone, so they are checked and kept as they are.
    """
    from pypdf import PasswordType

    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # an encryption pypdf cannot read: treat it as needing a password
        return False


def check_report_pdf(upload) -> CheckedReport:
    """Check an uploaded file is a PDF that opens without a password, within the size limit."""
    from pypdf import PdfReader  # here, not at the top: only an upload needs it

    if upload.size is None or upload.size <= 0:
        raise ValidationError("The file is empty (0 bytes). Choose the report PDF again.")
    if upload.size > max_bytes():
        raise ValidationError(too_large_message())
    upload.seek(0)
    content = upload.read(max_bytes() + 1)
    if len(content) > max_bytes():
        raise ValidationError(too_large_message())
    if not content.startswith(PDF_SIGNATURE):
        raise ValidationError(
            "This file is not a PDF. Save or scan the report as a PDF and attach that."
        )
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        locked = reader.is_encrypted and not _opens_without_password(reader)
        pages = 0 if locked else len(reader.pages)
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise ValidationError(
            "This PDF cannot be read: it may be damaged or incomplete. "
            "Try saving or scanning it again."
        ) from error
    if locked:
        raise ValidationError(
            "This PDF is password-protected, so it could not be opened from the record later. "
            "Save a copy without a password (for example with Print → Save as PDF)."
        )
    if pages == 0:
        raise ValidationError("This PDF has no pages. Check it is the right file.")
    return CheckedReport(
        content=content,
        original_name=clean_original_name(upload.name),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        pages=pages,
    )


class ReportSizeLimit(FileUploadHandler):
    """Stops reading an uploaded file once it passes the report size limit.

    Django would otherwise write the whole upload to a temporary file before the form sees it.
    The file is skipped (the other fields are kept) and the request remembers which field was
    too large, so the form can say so next to it.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_bytes():
            oversize = getattr(self.request, "restore_oversize_uploads", set())
            self.request.restore_oversize_uploads = oversize | {self.field_name}
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file


# --- services ---------------------------------------------------------------------------------


@transaction.atomic
def attach_imaging_report(
    *, intake: Intake, entry: str, report: CheckedReport, by: User, note: str = ""
) -> ImagingReport:
    """Store a checked report PDF with one test of the intake; the row and file, or nothing."""
    intake = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
    if not by.is_therapist:
        raise ValidationError("Only a clinician can attach a report.", code="role")
    if intake.patient.is_archived:
        raise ValidationError(
            "The patient is archived. Restore them before adding a report.", code="archived"
        )
    row = next((row for row in ImagingSection.entries(intake) if row["ref"] == entry), None)
    if row is None:
        raise ValidationError(
            "This test is no longer listed in the intake. Choose it again.", code="entry"
        )
    duplicate = (
        intake.imaging_reports.current()
        .filter(entry=entry, sha256=report.sha256)
        .select_related("uploaded_by")
        .first()
    )
    if duplicate is not None:
        raise ValidationError(
            f"This exact file is already attached to this test (added by "
            f"{duplicate.uploaded_by} on {date_format(duplicate.uploaded_at, 'j M Y')}).",
            code="duplicate",
        )
    stored = ImagingReport(
        patient=intake.patient,
        intake=intake,
        entry=entry,
        entry_label=ImagingSection.entry_label(row),
        original_name=report.original_name,
        size=report.size,
        sha256=report.sha256,
        pages=report.pages,
        note=" ".join(note.split()),
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    stored.file.save("report.pdf", ContentFile(report.content), save=False)
    try:
        stored.save()
    except Exception:
        # The row was never written, so the file is in no record: remove it, not orphan it.
        stored.file.storage.delete(stored.file.name)
        raise
    audit.record(
        action=audit.Action.CREATE,
        user=by,
        patient=stored.patient,
        obj=stored,
        detail=f"imaging report attached: {stored.size} bytes, {stored.pages} "
        f"page{'s' if stored.pages != 1 else ''}, sha256 {stored.sha256}",
    )
    return stored


@transaction.atomic
def mark_report_filed_in_error(*, report: ImagingReport, reason: str, by: User) -> ImagingReport:
    """Take a report out of the default view, keeping the file and who, when and why."""
    report = ImagingReport.objects.select_for_update().select_related("patient").get(pk=report.pk)
    if not by.is_therapist:
        raise ValidationError("Only a clinician can mark a report as filed in error.")
    if report.is_filed_in_error:
        raise ValidationError("This report is already marked as filed in error.")
    if report.patient.is_archived:
        raise ValidationError("The patient is archived. Restore them before changing the record.")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("Say why the report was filed in error.")
    report.filed_in_error_at = timezone.now()
    report.filed_in_error_by = by
    report.filed_in_error_reason = reason
    report.save(
        update_fields=[
            "filed_in_error_at",
            "filed_in_error_by",
            "filed_in_error_reason",
            "updated_at",
        ]
    )
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=report.patient,
        obj=report,
        detail="imaging report marked as filed in error",
    )
    return report


# --- showing reports with their tests ---------------------------------------------------------


@dataclass
class ImagingEntry:
    """One test of the imaging section with its report files, for the intake and patient pages."""

    ref: str
    label: str
    summary: str = ""
    reports: list[ImagingReport] = field(default_factory=list)
    filed_in_error: list[ImagingReport] = field(default_factory=list)


def imaging_entries(intake: Intake | None, reports) -> list[ImagingEntry]:
    """The intake's tests in form order, each with its reports; then any report whose test was
    taken off the list (only possible once its reports were filed in error)."""
    if intake is None:
        return []
    entries = {
        row["ref"]: ImagingEntry(
            ref=row["ref"],
            label=ImagingSection.entry_label(row),
            summary=row.get("summary") or "",
        )
        for row in ImagingSection.entries(intake)
    }
    unlisted = ImagingEntry(ref="", label="Tests no longer listed")
    for report in reports:
        entry = entries.get(report.entry, unlisted)
        (entry.filed_in_error if report.is_filed_in_error else entry.reports).append(report)
    groups = list(entries.values())
    if unlisted.reports or unlisted.filed_in_error:
        groups.append(unlisted)
    return groups


def reports_of(intake: Intake | None) -> list[ImagingReport]:
    if intake is None:
        return []
    return list(intake.imaging_reports.select_related("uploaded_by", "filed_in_error_by", "intake"))
