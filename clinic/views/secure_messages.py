"""Secure messages: the patient's thread in the portal, and the same thread for the care team on
the patient's page. Opening a thread is audited and marks it read for the reader's side."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from .. import audit
from ..forms import SecureMessageForm
from ..messaging import mark_read, patient_can_be_emailed, send_secure_message
from ..models import AuditEvent, MessageThread, Patient
from ..permissions import patient_required, staff_required

PATIENT_LABEL = gettext_lazy("Write to your care team")
STAFF_LABEL = gettext_lazy("Reply")


def _thread_page(request, patient: Patient, *, template: str, form, extra=None):
    """The thread with its messages; recorded as read (audit log and the reader's marker)."""
    thread = MessageThread.objects.for_user(request.user).filter(
        patient=patient
    ).first() or MessageThread(patient=patient)
    rows = list(thread.messages.select_related("author")) if thread.pk else []
    # What the reader had not seen yet, marked on the page before the marker moves.
    own_side = request.user.is_patient
    read_at = thread.patient_read_at if own_side else thread.staff_read_at
    new = {
        row.pk
        for row in rows
        if row.from_patient != own_side and (read_at is None or row.created_at > read_at)
    }
    audit.log_event(
        request,
        AuditEvent.Action.VIEW,
        patient=patient,
        obj=thread if thread.pk else patient,
        detail="secure messages",
    )
    mark_read(thread=thread, by=request.user)
    return render(
        request,
        template,
        {
            "patient": patient,
            "thread": thread,
            "rows": rows,
            "new": new,
            "form": form,
            "unread_messages": 0,  # the badge: this page has just read them
            **(extra or {}),
        },
    )


# --- the patient, in the portal -----------------------------------------------------------------


def _own_patient(request) -> Patient:
    return get_object_or_404(Patient.objects.for_user(request.user).select_related("therapist"))


@patient_required
@require_GET
def portal_messages(request):
    return _thread_page(
        request,
        _own_patient(request),
        template="clinic/messages/portal_thread.html",
        form=SecureMessageForm(label=PATIENT_LABEL),
    )


@patient_required
@require_POST
def portal_message_send(request):
    patient = _own_patient(request)
    form = SecureMessageForm(request.POST, label=PATIENT_LABEL)
    if form.is_valid():
        try:
            send_secure_message(patient=patient, body=form.cleaned_data["body"], by=request.user)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Sent. Your care team will answer here."))
            return redirect("clinic:portal-messages")
    return _thread_page(request, patient, template="clinic/messages/portal_thread.html", form=form)


# --- the care team, from the patient's page -----------------------------------------------------


def _staff_patient(request, uuid) -> Patient:
    return get_object_or_404(
        Patient.objects.for_user(request.user).select_related("therapist", "user"), uuid=uuid
    )


def _staff_extra(patient: Patient) -> dict:
    return {
        "can_email": patient_can_be_emailed(patient),
        "has_account": patient.user_id is not None,
    }


@staff_required
@require_GET
def patient_thread(request, uuid):
    patient = _staff_patient(request, uuid)
    return _thread_page(
        request,
        patient,
        template="clinic/messages/patient_thread.html",
        form=SecureMessageForm(label=STAFF_LABEL),
        extra=_staff_extra(patient),
    )


@staff_required
@require_POST
def patient_thread_send(request, uuid):
    patient = _staff_patient(request, uuid)
    form = SecureMessageForm(request.POST, label=STAFF_LABEL)
    if form.is_valid():
        try:
            send_secure_message(patient=patient, body=form.cleaned_data["body"], by=request.user)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Sent to %(name)s.") % {"name": patient.display_name})
            return redirect("clinic:patient-thread", uuid=patient.uuid)
    return _thread_page(
        request,
        patient,
        template="clinic/messages/patient_thread.html",
        form=form,
        extra=_staff_extra(patient),
    )
