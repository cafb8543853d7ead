"""Two-factor sign-in for staff with an authenticator app (TOTP, django-otp).

- Enrol (`clinic:two-factor`): a new secret is kept in the session (not the database) until the
  person proves their app has it by typing a code; only then is a confirmed TOTPDevice stored.
- Verify (`clinic:two-factor-verify`): after the password, someone with a confirmed device types
  a code before anything else opens (clinic.middleware.TwoFactorMiddleware enforces it).
- Required: when the clinic admin ticks "require two-factor for all staff", staff without a
  device are sent to enrol at their next request (open sessions too), before anything else.

This module holds the rule, the state decided at login and the device writes; the pages are
in `clinic.views.two_factor`.
"""

import binascii

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .middleware import TWO_FACTOR_STATE
from .models import ClinicProfile, User

# --- state decided at login ---------------------------------------------------------------------


def required_for(user: User) -> bool:
    return user.is_clinic_staff and ClinicProfile.load().require_staff_2fa


def state_for(user: User, *, required: bool) -> str | None:
    """What a session must do before anything else: "verify" a code from the person's device,
    "enrol" one (the clinic requires it and they have none), or nothing."""
    if user_has_device(user, confirmed=True):
        return "verify"
    return "enrol" if required else None


@receiver(user_logged_in, dispatch_uid="restore_two_factor_state")
def _decide_state_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    state = state_for(user, required=required_for(user))
    if state:
        request.session[TWO_FACTOR_STATE] = state
    else:
        request.session.pop(TWO_FACTOR_STATE, None)


# --- devices ----------------------------------------------------------------------------------


def code_matches_key(key_hex: str, code: str) -> bool:
    """Whether a code fits a key not yet stored: the proof, at enrolment, that the app has it."""
    totp = TOTP(binascii.unhexlify(key_hex), step=30, t0=0, digits=6, drift=0)
    return totp.verify(int(code), tolerance=1)


@transaction.atomic
def confirm_device(*, user: User, key: str) -> TOTPDevice:
    """Store the device the person just proved, replacing any unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, key=key, name="Authenticator app", confirmed=True)
    audit.record(action=audit.Action.TWO_FACTOR_ENROL, user=user, obj=device)
    return device


@transaction.atomic
def remove_devices(*, user: User, by: User) -> int:
    """Turn two-factor off for `user`: their own choice (with a code), or a clinic admin's
    reset after a lost phone. Returns how many devices were removed."""
    devices = TOTPDevice.objects.filter(user=user)
    confirmed = devices.filter(confirmed=True).first()
    removed = devices.count()
    if not removed:
        return 0
    if by == user:
        audit.record(action=audit.Action.TWO_FACTOR_REMOVE, user=by, obj=confirmed)
    else:
        audit.record(
            action=audit.Action.TWO_FACTOR_REMOVE,
            user=by,
            obj=user,
            detail=f"reset by clinic admin for {user.email}",
        )
    devices.delete()
    return removed
