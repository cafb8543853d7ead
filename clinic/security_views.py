"""Pages of the privacy and security work: the audit log, record export, session keep-alive."""

import csv
import uuid as uuid_lib
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from . import audit
from .export import build_export
from .models import AuditEvent, Patient, User
from .permissions import admin_required, staff_required

AUDIT_PAGE_SIZE = 50


# --- audit log --------------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    patient = forms.CharField(
        label="Patient",
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": "Name or record id", "type": "search"}),
    )
    user = forms.ModelChoiceField(
        label="Staff member", queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    action = forms.ChoiceField(label="Action", required=False)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.staff_members().order_by(
            "last_name", "first_name"
        )
        self.fields["action"].choices = [("", "Any action"), *AuditEvent.Action.choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def filter(self, events):
        if not self.is_valid():
            return events.none()
        data = self.cleaned_data
        patient = data.get("patient", "").strip()
        if patient and _looks_like_uuid(patient):
            events = events.filter(patient__uuid=patient)
        elif patient:
            match = Q(patient__first_name__icontains=patient) | Q(
                patient__last_name__icontains=patient
            )
            parts = patient.split()
            if len(parts) >= 2:
                match |= Q(patient__first_name__icontains=parts[0]) & Q(
                    patient__last_name__icontains=parts[-1]
                )
            events = events.filter(match)
        if data.get("user"):
            events = events.filter(user=data["user"])
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("date_from"):
            events = events.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(at__lt=_start_of(data["date_to"], days=1))
        return events


def _looks_like_uuid(text: str) -> bool:
    try:
        uuid_lib.UUID(text)
    except ValueError:
        return False
    return True


def _start_of(day: date, *, days: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=days), time.min))


def _filtered_events(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.for_user(request.user).select_related("user", "patient")
    if request.GET:
        events = form.filter(events)
    return form, events.order_by("-seq")


@admin_required
@require_GET
def audit_list(request):
    form, events = _filtered_events(request)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    seq, head_hash = audit.chain_head()
    return render(
        request,
        "clinic/audit_list.html",
        {
            "form": form,
            "page": page,
            "events": page.object_list,
            "query": query.urlencode(),
            "chain_seq": seq,
            "chain_hash": head_hash,
        },
    )


class _Echo:
    def write(self, value):
        return value


def _csv_safe(value) -> str:
    """Stop spreadsheet formula injection: text from users (agents, names) may start with =."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


CSV_HEADER = [
    "seq",
    "time",
    "actor",
    "role",
    "action",
    "patient",
    "patient_id",
    "object_type",
    "object_id",
    "ip",
    "request_id",
    "user_agent",
    "detail",
    "prev_hash",
    "row_hash",
]


def _csv_rows(events):
    yield CSV_HEADER
    for event in events.iterator(chunk_size=1000):
        yield [
            _csv_safe(value)
            for value in (
                event.seq,
                timezone.localtime(event.at).isoformat(),
                event.actor,
                event.role,
                event.action,
                event.patient.full_name if event.patient else "",
                event.patient.uuid if event.patient else "",
                event.object_type,
                event.object_id,
                event.ip,
                event.request_id,
                event.user_agent,
                event.detail,
                event.prev_hash,
                event.row_hash,
            )
        ]


@admin_required
@require_GET
def audit_export(request):
    """The filtered log as CSV. The export itself is recorded first."""
    form, events = _filtered_events(request)
    filters = {key: value for key, value in request.GET.items() if value and key != "page"}
    audit.log_event(
        request,
        AuditEvent.Action.EXPORT,
        detail=f"audit log CSV; filters: {filters or 'none'}"[:500],
    )
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _csv_rows(events)), content_type="text/csv"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response


# --- right of access ----------------------------------------------------------------------------


@staff_required
@require_POST
def patient_export(request, uuid):
    """The patient's whole record as a zip (JSON plus stored PDFs), recorded in the audit log."""
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    content, summary = build_export(patient=patient)
    audit.log_event(
        request,
        AuditEvent.Action.EXPORT,
        patient=patient,
        obj=patient,
        detail=f"whole record: {summary['records']} records, {summary['files']} files",
    )
    response = HttpResponse(content, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="record-{str(patient.uuid)[:8]}-{stamp}.zip"'
    )
    return response


# --- session keep-alive -------------------------------------------------------------------------


@require_POST
def session_keepalive(request):
    """'Stay logged in': SessionTimeoutMiddleware has just renewed the session; say how long."""
    if not request.user.is_authenticated:
        return JsonResponse({"expired": True}, status=401)
    return JsonResponse({"remaining": getattr(request, "session_remaining", 0)})
