"""The audit log for the clinic admin: filter it page by page, or export it as CSV."""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import audit
from ..forms import AuditFilterForm
from ..models import AuditEvent
from ..permissions import admin_required

AUDIT_PAGE_SIZE = 50


def _filtered_events(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.for_user(request.user).select_related("user", "patient")
    if request.GET:
        events = form.filter(events)
    return form, events.order_by("-at", "-id")


def _filters(request) -> dict:
    return {key: value for key, value in request.GET.items() if value and key != "page"}


@admin_required
@require_GET
def audit_list(request):
    form, events = _filtered_events(request)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # The page shows the log as it stood when opened; this read's own row follows it.
    page.object_list = list(page.object_list)
    seq, head_hash = audit.chain_head()
    audit.log_event(
        request,
        AuditEvent.Action.VIEW,
        detail=f"audit log, page {page.number}; filters: {_filters(request) or 'none'}"[:500],
    )
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
    if request.GET and not form.is_valid():
        # A filter the list refuses (a date in the year 9999): show why there, next to it.
        return redirect(f"{reverse('clinic:audit-list')}?{request.GET.urlencode()}")
    audit.log_event(
        request,
        AuditEvent.Action.EXPORT,
        detail=f"audit log CSV; filters: {_filters(request) or 'none'}"[:500],
    )
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _csv_rows(events)), content_type="text/csv"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response
