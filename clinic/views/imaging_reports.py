"""Imaging and test report files: attach one to a test of an intake, download it, or mark it
filed in error. The checks and writes are in `clinic.imaging_reports`."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from .. import audit, imaging_reports
from ..forms import FiledInErrorForm, ImagingReportForm
from ..intake.sections import ImagingSection
from ..models import AuditEvent, ImagingReport, Intake
from ..permissions import therapist_required
from .common import intake_for

logger = logging.getLogger(__name__)
Action = AuditEvent.Action


def _report_for(request, uuid) -> ImagingReport:
    return get_object_or_404(
        ImagingReport.objects.for_user(request.user).select_related(
            "patient", "intake", "uploaded_by", "filed_in_error_by"
        ),
        uuid=uuid,
    )


def _back_to_tests(intake: Intake):
    return redirect(intake.get_absolute_url() + "#s-imaging")


@csrf_exempt  # checked by csrf_protect below, once the size limit is in place (see docstring)
def imaging_report_add(request, uuid):
    """Attach a report. The size limit must be installed before anything reads the body, and
    CsrfViewMiddleware reads it to find the token, so CSRF is checked inside instead."""
    request.upload_handlers.insert(0, imaging_reports.ReportSizeLimit(request))
    return _imaging_report_add(request, uuid)


@csrf_protect
@therapist_required
@require_http_methods(["GET", "POST"])
def _imaging_report_add(request, uuid):
    intake = intake_for(request, uuid)
    if intake.patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to add a report."))
        return redirect(intake)
    entries = [
        (row["ref"], ImagingSection.entry_label(row)) for row in ImagingSection.entries(intake)
    ]
    if request.method == "POST":
        files = request.FILES  # reads the body; ReportSizeLimit notes an oversize file
        oversize = "file" in getattr(request, "restore_oversize_uploads", set())
        form = ImagingReportForm(request.POST, files, entries=entries, oversize=oversize)
    else:
        form = ImagingReportForm(entries=entries, initial={"entry": request.GET.get("entry")})
    if request.method == "POST" and form.is_valid():
        try:
            report = imaging_reports.attach_imaging_report(
                intake=intake,
                entry=form.cleaned_data["entry"],
                report=form.checked,
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            target = {"entry": "entry", "duplicate": "file"}.get(error.code or "")
            form.add_error(target, error)
        else:
            messages.success(
                request,
                _("Report “%(name)s” attached to %(test)s.")
                % {"name": report.original_name, "test": report.entry_label},
            )
            return _back_to_tests(intake)
    if request.method == "GET":
        audit.log_event(
            request, Action.VIEW, patient=intake.patient, obj=intake, detail="attach a report"
        )
    return render(
        request,
        "clinic/reports/add.html",
        {"intake": intake, "patient": intake.patient, "form": form, "has_tests": bool(entries)},
    )


@login_required
@require_GET
def imaging_report_download(request, uuid):
    report = _report_for(request, uuid)
    try:
        handle = report.file.open("rb")
    except OSError as error:
        logger.error("Imaging report %s: stored file cannot be read (%s)", report.uuid, error)
        raise Http404("The stored file cannot be read.") from error
    audit.log_event(
        request,
        Action.DOWNLOAD,
        patient=report.patient,
        obj=report,
        detail="imaging report PDF" + (" (filed in error)" if report.is_filed_in_error else ""),
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=imaging_reports.download_name(report),
        content_type="application/pdf",
    )
    response["Cache-Control"] = imaging_reports.CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


@therapist_required
@require_http_methods(["GET", "POST"])
def imaging_report_filed_in_error(request, uuid):
    report = _report_for(request, uuid)
    if report.is_filed_in_error:
        messages.info(request, _("This report is already marked as filed in error."))
        return _back_to_tests(report.intake)
    form = FiledInErrorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            imaging_reports.mark_report_filed_in_error(
                report=report, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(name)s” is marked as filed in error. It is kept in the record.")
                % {"name": report.original_name},
            )
            return _back_to_tests(report.intake)
    if request.method == "GET":
        audit.log_event(
            request, Action.VIEW, patient=report.patient, obj=report, detail="filed in error"
        )
    return render(
        request,
        "clinic/reports/filed_in_error.html",
        {"report": report, "intake": report.intake, "patient": report.patient, "form": form},
    )
