"""Right of access: the patient asks for and downloads their record; staff record requests and
export the same download; the clinic admin releases, extends and watches the deadlines."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit
from clinic.models import AuditEvent, Patient
from clinic.permissions import admin_required, patient_required, staff_required

from .. import services
from ..forms import ExtensionForm, StaffRecordRequestForm
from ..models import AccessRequest

Action = AuditEvent.Action


def _download(request, *, patient: Patient, action: str, obj, detail: str) -> HttpResponse:
    """The zip, recorded in the audit log before it is handed over."""
    archive = services.build_record_archive(patient=patient)
    audit.log_event(
        request,
        action,
        patient=patient,
        obj=obj,
        detail=f"{detail}: {archive.resources} FHIR resources, {len(archive.files)} files",
    )
    response = HttpResponse(archive.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{services.archive_filename(patient)}"'
    return response


# --- the patient, in the portal -----------------------------------------------------------------


def _own_record(user) -> Patient:
    return get_object_or_404(Patient.objects.for_user(user))


@patient_required
@require_GET
def portal_record(request):
    patient = _own_record(request.user)
    requests = list(AccessRequest.objects.for_user(request.user).order_by("-requested_at", "-id"))
    audit.log_event(request, Action.VIEW, patient=patient, detail="record requests (portal)")
    return render(
        request,
        "interop/portal_record.html",
        {
            "patient": patient,
            "requests": requests,
            "has_open": any(item.is_open for item in requests),
        },
    )


@patient_required
@require_POST
def portal_record_request(request):
    patient = _own_record(request.user)
    try:
        services.request_record_access(patient=patient, by=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your request is with the clinic. We will tell you here when your copy is ready."),
        )
    return redirect("interop:portal-record")


@patient_required
@require_GET
def portal_record_download(request, uuid):
    access_request = get_object_or_404(AccessRequest.objects.for_user(request.user), uuid=uuid)
    if not access_request.can_download:
        raise Http404("This copy is not ready, or no longer available.")
    return _download(
        request,
        patient=access_request.patient,
        action=Action.DOWNLOAD,
        obj=access_request,
        detail="health record download (right of access)",
    )


# --- staff, from the patient's page -------------------------------------------------------------


def _patient(request, uuid) -> Patient:
    return get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)


def _record_access_page(request, patient, *, form=None, status=200):
    requests = list(
        AccessRequest.objects.for_user(request.user)
        .filter(patient=patient)
        .select_related("requested_by", "fulfilled_by", "extended_by")
        .order_by("-requested_at", "-id")
    )
    return render(
        request,
        "interop/patient_record_access.html",
        {
            "patient": patient,
            "requests": requests,
            "form": form or StaffRecordRequestForm(),
            "has_open": any(item.is_open for item in requests),
        },
        status=status,
    )


@staff_required
@require_GET
def patient_record_access(request, uuid):
    patient = _patient(request, uuid)
    audit.log_event(request, Action.VIEW, patient=patient, detail="record requests")
    return _record_access_page(request, patient)


@staff_required
@require_POST
def patient_record_request(request, uuid):
    patient = _patient(request, uuid)
    form = StaffRecordRequestForm(request.POST)
    if not form.is_valid():
        return _record_access_page(request, patient, form=form, status=422)
    try:
        services.request_record_access(
            patient=patient,
            by=request.user,
            channel=AccessRequest.Channel.STAFF,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _record_access_page(request, patient, form=form, status=422)
    messages.success(request, _("Request recorded. The clinic has 30 days to provide the copy."))
    return redirect("interop:patient-record-access", uuid=patient.uuid)


@staff_required
@require_POST
def patient_record_export(request, uuid):
    patient = _patient(request, uuid)
    return _download(
        request,
        patient=patient,
        action=Action.EXPORT,
        obj=patient,
        detail="health record download (FHIR, summary PDF, documents)",
    )


# --- the clinic admin's list ----------------------------------------------------------------------

RECENTLY_FULFILLED = 20


@admin_required
@require_GET
def access_request_list(request):
    visible = AccessRequest.objects.for_user(request.user).select_related("patient")
    today = timezone.localdate()
    open_requests = list(visible.open_requests().order_by("due_on", "requested_at"))
    audit.log_event(request, Action.VIEW, detail="record access requests")
    return render(
        request,
        "interop/access_request_list.html",
        {
            "overdue": [item for item in open_requests if item.due_on < today],
            "open_requests": [item for item in open_requests if item.due_on >= today],
            "fulfilled": visible.filter(status=AccessRequest.Status.FULFILLED)
            .select_related("fulfilled_by")
            .order_by("-fulfilled_at")[:RECENTLY_FULFILLED],
            "today": today,
        },
    )


def _access_request(request, uuid) -> AccessRequest:
    return get_object_or_404(
        AccessRequest.objects.for_user(request.user).select_related("patient"), uuid=uuid
    )


@admin_required
@require_POST
def access_request_fulfil(request, uuid):
    access_request = _access_request(request, uuid)
    try:
        services.fulfil_access_request(access_request=access_request, by=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s can now download the record from the portal.")
            % {"name": access_request.patient.display_name},
        )
    return redirect("interop:access-request-list")


@admin_required
@require_http_methods(["GET", "POST"])
def access_request_extend(request, uuid):
    access_request = _access_request(request, uuid)
    form = ExtensionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.extend_access_request(
                    access_request=access_request,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Due date extended by 30 days."))
                return redirect("interop:access-request-list")
        status = 422
    else:
        audit.log_event(
            request,
            Action.VIEW,
            patient=access_request.patient,
            obj=access_request,
            detail="extend a record request",
        )
    return render(
        request,
        "interop/access_request_extend.html",
        {"access_request": access_request, "form": form},
        status=status,
    )
