"""Portal invitations: the only way a patient account comes to exist.

A therapist invites a patient from the patient's page. That creates the patient's User (role
patient, no usable password) if there is none, and emails a one-time link, valid 7 days, to
choose a password (through the outbox; the email is written when the worker sends it, so the
link is never stored). The therapist can also show the link (with a QR code) in the clinic.

The link's token is a `PasswordResetTokenGenerator` token whose hash also covers the patient's
invitation count and time, so:
- choosing the password uses it up (the password hash and last login change);
- a new invitation makes every earlier link stop working (the count changes);
- it expires 7 days after the invitation was sent: the token's timestamp is the invitation time,
  and the timeout is the generator's own (settings.PASSWORD_RESET_TIMEOUT is for staff resets).

The pages (the staff invitation page, sending, the patient choosing a password) are in
`clinic.views.invitations`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from . import audit
from .models import ClinicProfile, OutboxMessage, Patient, User
from .outbox.at_send import Withdrawn
from .outbox.services import enqueue_message

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
def invite_patient(*, patient: Patient, by: User) -> Patient:
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
    patient.invited_by = by
    patient.invitation_count += 1
    patient.save(update_fields=["user", "invited_at", "invited_by", "invitation_count"])
    audit.record(
        action=audit.Action.ACCOUNT_CHANGE,
        user=by,
        patient=patient,
        obj=user,
        detail=f"Portal invitation {patient.invitation_count} sent to {email}",
    )

    # Through the outbox, written when it is sent: the one-time link is never stored.
    enqueue_message(
        kind=OutboxMessage.Kind.INVITATION,
        key=f"invitation:{patient.uuid}:{patient.invitation_count}",
        recipient=user,
        patient=patient,
        obj=patient,
        by=by,
    )
    return patient


def invitation_email_context(message: OutboxMessage) -> dict:
    """What the invitation email needs when the worker sends it (clinic/outbox/at_send.py):
    the patient's current one-time link and when it expires. Withdrawn when a newer invitation
    replaced this one, the patient already chose a password, or the link has expired."""
    patient = Patient.objects.select_related("user").get(pk=message.patient_id)
    access = portal_access(patient)
    if patient.invited_at is None or patient.invited_at > message.created_at:
        raise Withdrawn("a newer invitation replaced this one")
    if access.state != "pending":
        reasons = {
            "active": "the patient has already chosen a password",
            "inactive": "the patient's portal account is switched off",
            "expired": "the invitation expired before it could be sent",
        }
        raise Withdrawn(reasons.get(access.state, "the patient has no portal account"))
    return {
        "link": invitation_link(patient),
        "expires_at": access.expires_at,
        "clinic_phone": ClinicProfile.load().phone,
    }


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
