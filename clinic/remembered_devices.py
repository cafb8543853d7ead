"""'Keep me signed in on this device': a patient's remembered devices.

A patient (never staff) may tick the box at login. The browser then holds a long random token
in a `Secure`, `HttpOnly`, `SameSite=Lax` cookie; the server keeps only its SHA-256, with a
short summary of the browser, the address it was last used from, and when. When the patient's
ordinary session ends (idle or the 12-hour cap) or the browser comes back without one, a valid
token opens a new session: the token is replaced by a new one on every use (a stolen copy
stops working once the patient's browser has used it), and every use is audited.

A remembered device stops working when:
- 30 days have passed since the box was ticked (using it does not extend this);
- the patient signs it out ("Your devices"), or logs out from it;
- staff sign it out from the patient's page;
- the patient's password changes, or their sessions are all ended (`User.session_version`,
  "sign out everywhere", deactivation): each device is bound to the session hash of the moment
  it was made, which both of those change.
Nothing is deleted: a device signed out keeps its row with who ended it and why.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import Patient, User

COOKIE_NAME = "restore_device"
LIFETIME = timedelta(days=30)
_SALT = "clinic.remembered_devices"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _binding(user: User) -> str:
    """Ties a device to the user's password and session version of the moment."""
    return salted_hmac(_SALT, user.get_session_auth_hash(), algorithm="sha256").hexdigest()


def summarise_user_agent(value: str) -> str:
    """'Chrome on Android' style: enough for the patient to recognise the device."""
    ua = value or ""
    browser = next(
        (
            name
            for key, name in (
                ("Edg/", "Edge"),
                ("OPR/", "Opera"),
                ("Firefox/", "Firefox"),
                ("CriOS", "Chrome"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            )
            if key in ua
        ),
        "",
    )
    system = next(
        (
            name
            for key, name in (
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Android", "Android"),
                ("Windows", "Windows"),
                ("Mac OS X", "Mac"),
                ("CrOS", "ChromeOS"),
                ("Linux", "Linux"),
            )
            if key in ua
        ),
        "",
    )
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown browser"


class RememberedDeviceQuerySet(models.QuerySet):
    def for_user(self, user):
        """A patient's own devices; staff, those of the patients they may see."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self.filter(user__patient_record__in=Patient.objects.for_user(user))
        if user.role == User.Role.PATIENT:
            return self.filter(user=user)
        return self.none()

    def signed_in(self, *, now=None):
        """Not signed out and not expired (the password binding is checked per row)."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class RememberedDevice(models.Model):
    class EndReason(models.TextChoices):
        PATIENT = "patient", _("Signed out by the patient")
        LOGOUT = "logout", _("Logged out on the device")
        STAFF = "staff", _("Signed out by the clinic")
        PASSWORD = "password", _("Password changed or all sessions ended")
        EVERYWHERE = "everywhere", _("Signed out everywhere")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remembered_devices"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    binding = models.CharField(max_length=64, editable=False)
    user_agent = models.CharField(_("device"), max_length=80, blank=True)
    ip = models.GenericIPAddressField(_("last address"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)

    objects = RememberedDeviceQuerySet.as_manager()

    class Meta:
        ordering = ["-last_used_at", "-pk"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="remembered_device_user_idx")]
        constraints = [
            models.CheckConstraint(
                name="remembered_device_revoked_has_reason",
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
            ),
        ]

    def __str__(self):
        return f"{self.user_agent} ({self.user})"

    @property
    def is_signed_in(self) -> bool:
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and constant_time_compare(self.binding, _binding(self.user))
        )


# --- services ---------------------------------------------------------------------------------


def _client(request) -> tuple[str, str | None]:
    return (
        summarise_user_agent(request.META.get("HTTP_USER_AGENT", ""))[:80],
        audit.client_ip(request),
    )


@transaction.atomic
def remember_device(*, user: User, request) -> tuple[RememberedDevice, str]:
    """Remember the browser of this request for a patient; return the device and the raw token
    (for the cookie only: the server keeps its hash)."""
    if user.role != User.Role.PATIENT or not user.is_active:
        raise PermissionError("Only patients may stay signed in on a device.")
    token = secrets.token_urlsafe(32)
    summary, ip = _client(request)
    now = timezone.now()
    device = RememberedDevice.objects.create(
        user=user,
        token_hash=_hash(token),
        binding=_binding(user),
        user_agent=summary,
        ip=ip,
        created_at=now,
        last_used_at=now,
        expires_at=now + LIFETIME,
    )
    audit.record(
        action=audit.Action.CREATE,
        user=user,
        patient=Patient.objects.filter(user=user).first(),
        obj=device,
        detail=f"Kept signed in on this device ({summary}) for 30 days",
        context=audit.context_from_request(request),
    )
    return device, token


def _end(device: RememberedDevice, *, by: User | None, reason: str, context=None) -> None:
    device.revoked_at = timezone.now()
    device.revoked_by = by if by is not None and by.is_authenticated else None
    device.revoke_reason = reason
    device.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(
        action=audit.Action.ARCHIVE,
        user=by if by is not None and by.is_authenticated else None,
        actor="" if by is not None and by.is_authenticated else device.user.email,
        patient=Patient.objects.filter(user_id=device.user_id).first(),
        obj=device,
        detail=f"Remembered device signed out: {device.get_revoke_reason_display()}",
        context=context,
    )


@transaction.atomic
def revoke_device(*, device: RememberedDevice, by: User, reason: str = "") -> RememberedDevice:
    """Sign a remembered device out (by the patient, or by staff from the patient's page)."""
    device = RememberedDevice.objects.select_for_update().select_related("user").get(pk=device.pk)
    if device.revoked_at is None:
        if not reason:
            reason = (
                RememberedDevice.EndReason.PATIENT
                if by.pk == device.user_id
                else RememberedDevice.EndReason.STAFF
            )
        _end(device, by=by, reason=reason)
    return device


@transaction.atomic
def sign_out_everywhere(*, user: User, by: User) -> int:
    """End every session and remembered device of `user`; return how many devices ended."""
    devices = list(
        RememberedDevice.objects.select_for_update()
        .select_related("user")
        .filter(user=user, revoked_at__isnull=True)
    )
    for device in devices:
        _end(device, by=by, reason=RememberedDevice.EndReason.EVERYWHERE)
    User.objects.filter(pk=user.pk).update(session_version=models.F("session_version") + 1)
    audit.record(
        action=audit.Action.ACCOUNT_CHANGE,
        user=by,
        patient=Patient.objects.filter(user=user).first(),
        detail=f"Signed out everywhere ({len(devices)} remembered device(s) ended)",
    )
    return len(devices)


def restore_session(request, token: str, *, expired: str = "") -> str | None:
    """Open a session from a remembered device's token; return the new token, or None.

    `expired` is why the request's current session is ending ("idle", "absolute"), or "" if
    there is none: that session is ended (and audited as expired) only when the token is good,
    otherwise the session timeout deals with it as usual. Refuses (and signs the device out where
    that is the cause) a token that is unknown, expired, signed out, bound to an old password
    or session version, or belonging to someone who is no longer an active patient.
    """
    if not token or len(token) > 200:
        return None
    token_hash = _hash(token)
    # A cookie that names nothing live costs one query and no transaction.
    if not RememberedDevice.objects.filter(token_hash=token_hash, revoked_at__isnull=True).exists():
        return None
    with transaction.atomic():
        device = (
            RememberedDevice.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=token_hash)
            .first()
        )
        if device is None or device.revoked_at is not None:
            return None
        user = device.user
        if device.expires_at <= timezone.now():
            return None
        if not user.is_active or user.role != User.Role.PATIENT:
            _end(device, by=None, reason=RememberedDevice.EndReason.STAFF)
            return None
        if not constant_time_compare(device.binding, _binding(user)):
            _end(device, by=None, reason=RememberedDevice.EndReason.PASSWORD)
            return None
        new_token = secrets.token_urlsafe(32)
        device.token_hash = _hash(new_token)
        device.user_agent, device.ip = _client(request)
        device.last_used_at = timezone.now()
        device.save(update_fields=["token_hash", "user_agent", "ip", "last_used_at"])
    if expired:
        request.restore_session_expired = expired
        logout(request)
        del request.restore_session_expired
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    request.session["restore_device"] = device.pk
    audit.record(
        action=audit.Action.UPDATE,
        user=user,
        patient=Patient.objects.filter(user=user).first(),
        obj=device,
        detail="Signed in again by a remembered device (token replaced)",
        context=audit.context_from_request(request),
    )
    return new_token


def device_for_request(request) -> RememberedDevice | None:
    """The remembered device this browser is (its token may have been replaced just now)."""
    token = getattr(request, "restore_device_token", None) or request.COOKIES.get(COOKIE_NAME, "")
    if not token or len(token) > 200:
        return None
    return RememberedDevice.objects.filter(token_hash=_hash(token)).first()


@receiver(user_logged_out, dispatch_uid="restore_remembered_device_logout")
def _forget_on_logout(sender, request, user, **kwargs):
    """Logging out on purpose also signs this device out; a timeout does not."""
    if request is None or getattr(request, "restore_session_expired", ""):
        return
    request.restore_forget_device = True
    device = device_for_request(request)
    if device is not None and device.revoked_at is None and user is not None:
        with transaction.atomic():
            _end(
                device,
                by=user,
                reason=RememberedDevice.EndReason.LOGOUT,
                context=audit.context_from_request(request),
            )


@receiver(user_logged_in, dispatch_uid="restore_remembered_device_login")
def _remember_on_login(sender, request, user, **kwargs):
    """The login form's "keep me signed in on this device", for patients only. Someone else
    logging in on a remembered browser ends that device: the patient's token must never open
    a session after, say, a colleague's or a relative's times out."""
    if request is None:
        return
    remember = request.method == "POST" and bool(request.POST.get("remember_device"))
    current = device_for_request(request)
    if current is not None and (current.user_id != user.pk or remember):
        # Another person's device, or this patient's own being replaced by a new one.
        request.restore_forget_device = True
        if current.revoked_at is None:
            with transaction.atomic():
                _end(current, by=None, reason=RememberedDevice.EndReason.LOGOUT)
    if not remember:
        return
    if request.path != reverse("login") or user.role != User.Role.PATIENT:
        return
    _device, token = remember_device(user=user, request=request)
    request.restore_remember_token = token


def set_cookie(response, token: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=int(LIFETIME.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def delete_cookie(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")


class RememberedDeviceMiddleware:
    """Between authentication and the session timeout: a request without a live session (none,
    or one about to be ended for idleness or age) that carries a remembered device's cookie gets
    a new session, and the cookie a new token. Costs no query without the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .middleware import session_expiry_reason  # (middleware imports the audit module)

        token = request.COOKIES.get(COOKIE_NAME, "")
        new_token = None
        # Credentials typed into the login form are what the person means to sign in with.
        logging_in = request.method == "POST" and request.path == reverse("login")
        if token and not logging_in:
            reason = session_expiry_reason(request) if request.user.is_authenticated else ""
            if not request.user.is_authenticated or reason:
                new_token = restore_session(request, token, expired=reason)
                request.restore_device_token = new_token
                if new_token is None:
                    request.restore_forget_device = True
        response = self.get_response(request)
        remembered = getattr(request, "restore_remember_token", None)
        if remembered:  # just ticked at login (replaces any older cookie)
            set_cookie(response, remembered)
        elif getattr(request, "restore_forget_device", False):
            if token:
                delete_cookie(response)
        elif new_token:
            set_cookie(response, new_token)
        return response
