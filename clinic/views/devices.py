"""Remembered devices: the patient's own list ("Your devices"), and the care team's view of a
patient's, each with "Sign out this device"."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import audit
from ..models import Patient
from ..permissions import patient_required, staff_required
from ..remembered_devices import (
    RememberedDevice,
    device_for_request,
    revoke_device,
    sign_out_everywhere,
)


def _signed_in(queryset, request):
    current = device_for_request(request)
    devices = [d for d in queryset.signed_in().select_related("user") if d.is_signed_in]
    for device in devices:
        device.is_this_device = current is not None and current.pk == device.pk
    return devices


# --- the patient ------------------------------------------------------------------------------


@patient_required
@require_GET
def portal_devices(request):
    patient = get_object_or_404(Patient.objects.for_user(request.user))
    devices = _signed_in(RememberedDevice.objects.for_user(request.user), request)
    audit.log_event(request, audit.Action.VIEW, patient=patient, detail="Devices")
    return render(request, "clinic/devices/portal_devices.html", {"devices": devices})


@patient_required
@require_POST
def portal_device_revoke(request, pk):
    device = get_object_or_404(RememberedDevice.objects.for_user(request.user), pk=pk)
    current = device_for_request(request)
    revoke_device(device=device, by=request.user)
    if current is not None and current.pk == device.pk:
        request.restore_forget_device = True
    messages.success(request, _("That device is signed out."))
    return redirect("clinic:portal-devices")


@patient_required
@require_POST
def portal_sign_out_everywhere(request):
    sign_out_everywhere(user=request.user, by=request.user)
    logout(request)
    messages.success(
        request, _("You are signed out everywhere. Log in again on the devices you use.")
    )
    return redirect("login")


# --- the care team ----------------------------------------------------------------------------


def _staff_patient(request, uuid) -> Patient:
    return get_object_or_404(
        Patient.objects.for_user(request.user).select_related("user"), uuid=uuid
    )


@staff_required
@require_GET
def patient_devices(request, uuid):
    patient = _staff_patient(request, uuid)
    devices = []
    if patient.user_id:
        devices = _signed_in(
            RememberedDevice.objects.for_user(request.user).filter(user_id=patient.user_id),
            request,
        )
    audit.log_event(request, audit.Action.VIEW, patient=patient, detail="Remembered devices")
    return render(
        request, "clinic/devices/patient_devices.html", {"patient": patient, "devices": devices}
    )


@staff_required
@require_POST
def patient_device_revoke(request, uuid, pk):
    patient = _staff_patient(request, uuid)
    device = get_object_or_404(
        RememberedDevice.objects.for_user(request.user).filter(user_id=patient.user_id), pk=pk
    )
    revoke_device(device=device, by=request.user)
    messages.success(request, _("That device is signed out. The patient logs in again there."))
    return redirect("clinic:patient-devices", uuid=patient.uuid)
