"""A patient's right of access: their whole record as one download."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import audit
from ..export import build_export
from ..models import AuditEvent, Patient
from ..permissions import staff_required


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
