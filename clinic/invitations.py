"""Portal invitations: the only way a patient account comes to exist.

A therapist invites a patient from the patient's page. That creates the patient's User (role
patient, no usable password) if there is none, and emails a one-time link, valid 7 days, to
choose a password. The therapist can also show the link (with a QR code) in the clinic.

The link's token is a `PasswordResetTokenGenerator` token whose hash also covers the patient's
invitation count and time, so:
- choosing the password uses it up (the password hash and last login change);
- a new invitation makes every earlier link stop working (the count changes);
- it expires 7 days after the invitation was sent: the token's timestamp is the invitation time,
  and the timeout is the generator's own (settings.PASSWORD_RESET_TIMEOUT is for staff resets).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_backends, login
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.formats import date_format
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from . import audit
from .models import ClinicProfile, Patient, User
from .permissions import staff_required

INVITATION_VALID_FOR = timedelta(days=7)


# --- token ------------------------------------------------------------------------------------


class InvitationStatus:
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"  # used, replaced by a newer invitation, or never real


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "restore.clinic.invitations.InvitationTokenGenerator"
    timeout = INVITATION_VALID_FOR

    def _now(self) -> datetime:
        """Naive UTC: the same clock as the invitation time. Tests patch this to freeze time."""
        return timezone.now().astimezone(UTC).replace(tzinfo=None)

    @staticmethod
    def _utc_naive(moment: datetime) -> datetime:
        return moment.astimezone(UTC).replace(tzinfo=None)

    def _make_hash_value(self, user, timestamp) -> str:
        patient = user.patient_record
        invited = patient.invited_at.isoformat() if patient.invited_at else ""
        return (
            super()._make_hash_value(user, timestamp)
            + f"|{patient.pk}|{patient.invitation_count}|{invited}"
        )

    def make_token(self, user) -> str:
        """The token of the patient's latest invitation: the same link every time it is shown."""
        invited_at = user.patient_record.invited_at
        if invited_at is None:
            raise ValueError("This patient has not been invited.")
        timestamp = self._num_seconds(self._utc_naive(invited_at))
        return self._make_token_with_timestamp(user, timestamp, self.secret)

    def status(self, user, token: str) -> str:
        """VALID, EXPIRED (real but older than 7 days) or INVALID (used, replaced or forged)."""
        if not (user and token) or not hasattr(user, "patient_record"):
            return InvitationStatus.INVALID
        try:
            ts_b36, _ = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return InvitationStatus.INVALID
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return InvitationStatus.INVALID
        if self._num_seconds(self._now()) - timestamp > self.timeout.total_seconds():
            return InvitationStatus.EXPIRED
        return InvitationStatus.VALID

    def check_token(self, user, token) -> bool:
        return self.status(user, token) == InvitationStatus.VALID


invitation_token_generator = InvitationTokenGenerator()


def invitation_path(patient: Patient) -> str:
    uid = urlsafe_base64_encode(force_bytes(patient.user.pk))
    token = invitation_token_generator.make_token(patient.user)
    return reverse("clinic:invitation-accept", kwargs={"uidb64": uid, "token": token})


def invitation_link(patient: Patient) -> str:
    return f"{settings.SITE_URL}{invitation_path(patient)}"


def invitation_expires_at(patient: Patient) -> datetime | None:
    return patient.invited_at + INVITATION_VALID_FOR if patient.invited_at else None


# --- services ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalAccess:
    """Where a patient stands with the portal, for the staff invitation page."""

    state: str  # "none" | "pending" | "expired" | "active" | "inactive"
    expires_at: datetime | None = None

    @property
    def can_invite(self) -> bool:
        return self.state in ("none", "pending", "expired")


def portal_access(patient: Patient, *, now: datetime | None = None) -> PortalAccess:
    user = patient.user
    if user is None:
        return PortalAccess("none")
    if not user.is_active:
        return PortalAccess("inactive")
    if user.has_usable_password():
        return PortalAccess("active")
    expires = invitation_expires_at(patient)
    if expires is None:
        return PortalAccess("none")
    if expires <= (now or timezone.now()):
        return PortalAccess("expired", expires)
    return PortalAccess("pending", expires)


@transaction.atomic
def invite_patient(*, patient: Patient, invited_by: User) -> Patient:
    """Create the portal account if needed and email a new one-time link; old links stop working.

    The email carries the patient's first name and the clinic's name only: no other health
    information travels by email.
    """
    patient = (
        Patient.objects.select_for_update(of=("self",)).select_related("user").get(pk=patient.pk)
    )
    if patient.is_archived:
        raise ValidationError("This patient is archived. Restore the record before inviting.")
    email = patient.email.strip().lower()
    if not email:
        raise ValidationError(
            "The patient's record has no email address. Add one, then send the invitation."
        )
    user = patient.user
    clash = User.objects.filter(email__iexact=email)
    if user is None:
        if clash.exists():
            raise ValidationError(
                f"Another account already uses {email}. Check the patient's email address."
            )
        user = User.objects.create_user(
            email=email,
            first_name=patient.preferred_name or patient.first_name,
            last_name=patient.last_name,
            role=User.Role.PATIENT,
        )
        patient.user = user
    else:
        if not user.is_active:
            raise ValidationError("This patient's portal account is switched off.")
        if user.has_usable_password():
            raise ValidationError(
                f"{patient.display_name} already has a portal account. If they forgot their "
                "password, they can reset it from the sign-in page."
            )
        if user.email != email:
            if clash.exclude(pk=user.pk).exists():
                raise ValidationError(
                    f"Another account already uses {email}. Check the patient's email address."
                )
            user.email = email
            user.save(update_fields=["email"])
    patient.invited_at = timezone.now()
    patient.invited_by = invited_by
    patient.invitation_count += 1
    patient.save(update_fields=["user", "invited_at", "invited_by", "invitation_count"])
    audit.record(
        action=audit.Action.ACCOUNT_CHANGE,
        user=invited_by,
        patient=patient,
        obj=user,
        detail=f"Portal invitation {patient.invitation_count} sent to {email}",
    )

    clinic = ClinicProfile.load()
    context = {
        "first_name": patient.preferred_name or patient.first_name,
        "clinic": clinic,
        "link": invitation_link(patient),
        "expires_at": invitation_expires_at(patient),
    }
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Your invitation from {clinic.name}",
            message=render_to_string("clinic/invitation_email.txt", context),
            from_email=None,
            recipient_list=[email],
        )
    )
    return patient


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> User:
    """Save the chosen password. The link is then used up: the token hash covers the password."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(
        action=audit.Action.ACCOUNT_CHANGE,
        user=user,
        patient=user.patient_record,
        obj=user,
        detail="Portal password chosen from an invitation",
    )
    return user


def qr_code_svg(link: str) -> str:
    """Inline SVG QR code of the link, for the patient to scan with their phone in the clinic.

    The SVG is the qrcode library's own output: one path of squares, no text, so it is safe to
    put in the page as it is.
    """
    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    # Reviewed: the qrcode library emits path data only; no user text enters the SVG.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308  # nosec B308 B703


# --- views ------------------------------------------------------------------------------------


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
            "qr_svg": qr_code_svg(link) if link else "",
        },
    )


@staff_required
@require_POST
def patient_invite(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    try:
        patient = invite_patient(patient=patient, invited_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # The time first: "a.m." ends in a full stop, which must not double the sentence's.
        expires = date_format(timezone.localtime(invitation_expires_at(patient)), "P \\o\\n j F Y")
        messages.success(
            request,
            f"Invitation sent to {patient.user.email}. The link works once and expires at "
            f"{expires}. Any earlier link no longer works.",
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

    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        request.session.pop(SESSION_TOKEN_KEY, None)
        login(request, user, backend=_login_backend())
        messages.success(request, "Your password is set. Welcome to your home program.")
        return redirect("programs:portal-home")
    first_name = user.patient_record.preferred_name or user.patient_record.first_name
    return render(
        request,
        "clinic/invitation_accept.html",
        {"form": form, "first_name": first_name, "email": user.email},
    )
