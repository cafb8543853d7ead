"""Deliveries: the messages the outbox sent to or about patients and staff, and resending the
ones that failed. Staff only; the clinic-wide list is the clinic admin's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import audit
from ..models import AuditEvent, OutboxMessage, Patient
from ..outbox.services import resend_message
from ..permissions import admin_required, staff_required
from .common import local_next

DELIVERIES_PER_PAGE = 50
Status = OutboxMessage.Status


def _page(request, queryset):
    return Paginator(queryset, DELIVERIES_PER_PAGE).get_page(request.GET.get("page"))


@staff_required
@require_GET
def patient_messages(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    rows = (
        OutboxMessage.objects.for_user(request.user)
        .filter(patient=patient)
        .select_related("recipient", "patient")
    )
    page = _page(request, rows)
    audit.log_event(
        request, AuditEvent.Action.VIEW, patient=patient, obj=patient, detail="messages"
    )
    return render(
        request, "clinic/deliveries/patient_messages.html", {"patient": patient, "page": page}
    )


@admin_required
@require_GET
def delivery_list(request):
    """Every message of the clinic, newest first; `?status=failed` (or another) narrows it."""
    rows = OutboxMessage.objects.for_user(request.user)
    counts = rows.aggregate(
        failed=Count("id", filter=Q(status=Status.FAILED)),
        waiting=Count("id", filter=Q(status__in=[Status.PENDING, Status.SENDING])),
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    page = _page(request, rows.select_related("recipient", "patient"))
    audit.log_event(
        request,
        AuditEvent.Action.VIEW,
        detail=f"deliveries, page {page.number}" + (f", {status} only" if status else ""),
    )
    return render(
        request,
        "clinic/deliveries/list.html",
        {"page": page, "counts": counts, "status": status, "statuses": Status.choices},
    )


@staff_required
@require_POST
def message_resend(request, uuid):
    message = get_object_or_404(OutboxMessage.objects.for_user(request.user), uuid=uuid)
    try:
        resend_message(message=message, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(subject)s” will be sent again in a moment.") % {"subject": message.subject},
        )
    back = local_next(request, request.POST.get("next", ""))
    if back:
        return redirect(back)
    if message.patient_id:
        return redirect("clinic:patient-messages", uuid=message.patient.uuid)
    return redirect("clinic:delivery-list")
