"""Portal invitations: the staff page with the link and its QR code, sending an invitation,
and the patient choosing a password from the link. The token and the services are in
`clinic.invitations`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_backends, login
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, throttles
from ..invitations import (
    InvitationStatus,
    accept_invitation,
    invitation_expires_at,
    invitation_link,
    invitation_token_generator,
    invite_patient,
    portal_access,
)
from ..languages import patient_language
from ..models import Patient, User
from ..permissions import staff_required
from ..qr import qr_svg


@staff_required
@require_GET
@never_cache
def patient_invitation(request, uuid):
    """Staff page: the patient's portal status, the current link with a QR code, and a button."""
    patient = get_object_or_404(
        Patient.objects.for_user(request.user).select_related("user", "invited_by"), uuid=uuid
    )
    access = portal_access(patient)
    link = invitation_link(patient) if access.state == "pending" else ""
    audit.log_event(request, audit.Action.VIEW, patient=patient, detail="Portal invitation page")
    return render(
        request,
        "clinic/invitation_page.html",
        {
            "patient": patient,
            "access": access,
            "link": link,
            # For the patient to scan with their phone in the clinic. Reviewed: the qrcode
            # library emits path data only; no user text enters the SVG.
            "qr_svg": mark_safe(qr_svg(link)) if link else "",  # noqa: S308  # nosec B308 B703
        },
    )


@staff_required
@require_POST
def patient_invite(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    if not throttles.allow_email("invitation", address=patient.email, ip=audit.client_ip(request)):
        messages.error(
            request,
            _(
                "Several invitations already went to this address (or from this computer) in the "
                "last hour. Wait an hour before sending another."
            ),
        )
        return redirect("clinic:patient-invitation", uuid=patient.uuid)
    try:
        patient = invite_patient(patient=patient, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # The time first: "a.m." ends in a full stop, which must not double the sentence's.
        expires = timezone.localtime(invitation_expires_at(patient))
        messages.success(
            request,
            _(
                "Invitation sent to %(email)s. The link works once and expires at %(time)s on "
                "%(day)s. Any earlier link no longer works."
            )
            % {
                "email": patient.user.email,
                "time": date_format(expires, "P"),
                "day": date_format(expires, "j F Y"),
            },
        )
    return redirect("clinic:patient-invitation", uuid=patient.uuid)


# The real token leaves the address bar (and any Referer) at once: it is kept in the session and
# the page reloads under this placeholder, as Django's own password-reset view does.
INTERNAL_TOKEN = "set-password"  # noqa: S105 (a URL placeholder, not a secret)
SESSION_TOKEN_KEY = "_portal_invitation_token"  # noqa: S105 (a session key name)


def _invited_user(uidb64: str) -> User | None:
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return (
            User.objects.select_related("patient_record")
            .filter(role=User.Role.PATIENT, is_active=True, patient_record__isnull=False)
            .get(pk=pk)
        )
    except (TypeError, ValueError, OverflowError, User.DoesNotExist, ValidationError):
        return None


def _login_backend() -> str:
    for backend in get_backends():
        if isinstance(backend, ModelBackend):
            return f"{backend.__module__}.{type(backend).__name__}"
    return settings.AUTHENTICATION_BACKENDS[0]


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def invitation_accept(request, uidb64, token):
    user = _invited_user(uidb64)
    if token == INTERNAL_TOKEN:
        token = request.session.get(SESSION_TOKEN_KEY, "")
    elif invitation_token_generator.status(user, token) == InvitationStatus.VALID:
        request.session[SESSION_TOKEN_KEY] = token
        return redirect(
            "clinic:invitation-accept", uidb64=uidb64, token=INTERNAL_TOKEN, permanent=False
        )
    status = invitation_token_generator.status(user, token)
    if status != InvitationStatus.VALID:
        return render(request, "clinic/invitation_invalid.html", {"status": status})

    # The person is known by the link: their own language, whatever the browser says.
    translation.activate(patient_language(user.patient_record))
    request.LANGUAGE_CODE = translation.get_language()
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        request.session.pop(SESSION_TOKEN_KEY, None)
        login(request, user, backend=_login_backend())
        messages.success(request, _("Your password is set. Welcome to your home program."))
        return redirect("programs:portal-home")
    first_name = user.patient_record.preferred_name or user.patient_record.first_name
    return render(
        request,
        "clinic/invitation_accept.html",
        {"form": form, "first_name": first_name, "email": user.email},
    )
