"""Taking a patient's consent to a home program after their intake was signed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import audit
from ..forms import HomeProgramConsentForm
from ..home_program_consent import record_home_program_consent
from ..models import AuditEvent
from ..permissions import therapist_required
from .common import intake_for, local_next

Action = AuditEvent.Action


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_home_program_consent(request, uuid):
    intake = intake_for(request, uuid)
    if not intake.is_signed:
        messages.info(request, _("Tick the home-program consent when the intake is signed."))
        return redirect("clinic:intake-sign", uuid=intake.uuid)
    back = local_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if intake.consent_home_program:
        messages.info(request, _("Consent to a home program is already recorded."))
        return redirect(back or intake.get_absolute_url())
    form = HomeProgramConsentForm(request.POST or None, patient=intake.patient)
    if request.method == "POST" and form.is_valid():
        try:
            record_home_program_consent(
                intake=intake, signature_name=form.cleaned_data["signature_name"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Consent to a home program recorded on the intake."))
            return redirect(back or intake.get_absolute_url())
    if request.method == "GET":
        audit.log_event(
            request, Action.VIEW, patient=intake.patient, obj=intake, detail="home-program consent"
        )
    return render(
        request,
        "clinic/intake/home_program_consent.html",
        {"intake": intake, "patient": intake.patient, "form": form, "next": back},
    )
