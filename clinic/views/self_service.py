"""Self-service links: the address a patient follows, the care team's sending and revoking,
and the portal's Start / Continue buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic import audit
from clinic.models import Patient
from clinic.outbox.rendering import own_link
from clinic.permissions import patient_required, staff_required
from clinic.qr import qr_svg
from clinic.selfservice.access import ANY_PURPOSE, link_view, no_store
from clinic.selfservice.links import issue_link, link_path, record_open, revoke_link
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.sending import (
    PORTAL_LINK_DAYS,
    own_open_form,
    send_intake_link,
    withdraw_intake,
)

Channel = PatientLink.Channel
# The page each kind of link opens (the wizard's and the questionnaire's own views).
FORM_PAGES = {
    PatientLink.Purpose.INTAKE: "clinic:self-intake",
    PatientLink.Purpose.QUESTIONNAIRE: "clinic:questionnaire-answer",
}


@require_GET
@link_view(ANY_PURPOSE)
def link_open(request, token):
    """The address in the email or QR code: count the opening, then go to the link's form."""
    link = record_open(link=request.patient_link)
    return redirect(FORM_PAGES[link.purpose], token=token)


def _patient_page(patient: Patient) -> str:
    return reverse("pages:patient-detail", kwargs={"uuid": patient.uuid}) + "#self-service"


@require_POST
@staff_required
def patient_intake_send(request, uuid):
    """Send a pre-visit intake: by email (then back to the patient's page), or as a QR code
    shown once on this page (the token is in the picture only, never stored)."""
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    channel = request.POST.get("channel", "")
    if channel not in (Channel.EMAIL, Channel.QR):
        messages.error(request, _("Choose how to send the form: by email or as a QR code."))
        return redirect(_patient_page(patient))
    try:
        _self_intake, link, token = send_intake_link(
            patient=patient, by=request.user, channel=channel
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_patient_page(patient))
    if channel == Channel.EMAIL:
        messages.success(
            request,
            _("The pre-visit intake is on its way to %(email)s.") % {"email": patient.email},
        )
        return redirect(_patient_page(patient))
    address = own_link(link_path(token))
    audit.log_event(
        request, audit.Action.VIEW, patient=patient, obj=link, detail="pre-visit intake QR code"
    )
    return no_store(
        render(
            request,
            "clinic/selfservice/qr.html",
            {
                "patient": patient,
                "link": link,
                "address": address,
                "qr": qr_svg(
                    address,
                    background=True,
                    sized_by_css=True,
                    css_class="link-qr",
                    label=_("QR code that opens the form"),
                ),
            },
        )
    )


@require_POST
@staff_required
def link_revoke(request, uuid):
    link = get_object_or_404(
        PatientLink.objects.for_user(request.user).select_related("patient"), uuid=uuid
    )
    revoke_link(link=link, by=request.user)
    messages.success(request, _("The link is revoked: it no longer opens the form."))
    return redirect(_patient_page(link.patient))


@require_POST
@staff_required
def self_intake_withdraw(request, uuid):
    """Withdraw a pre-visit intake the patient has not sent: its links stop working and it
    leaves the patient's portal."""
    self_intake = get_object_or_404(
        SelfIntake.objects.for_user(request.user).select_related("patient"), uuid=uuid
    )
    try:
        withdraw_intake(self_intake=self_intake, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The pre-visit intake is withdrawn: its links no longer open it."),
        )
    return redirect(_patient_page(self_intake.patient))


@require_POST
@patient_required
def portal_form_open(request, kind, uuid):
    """Start or Continue in the portal: a fresh one-day link to the patient's own form, then
    the same pages an emailed link opens."""
    form = own_open_form(user=request.user, kind=kind, uuid=uuid)
    if form is None:
        raise Http404
    _link, token = issue_link(
        patient=form.patient,
        purpose=kind,
        target_uuid=form.uuid,
        by=request.user,
        channel=Channel.PORTAL,
        days=PORTAL_LINK_DAYS,
    )
    return no_store(redirect(link_path(token)))
