"""Request-wide security: request ids, no caching of patient data, session timeouts, 2FA gate;
and the language a signed-in person reads.

All five are installed in settings.MIDDLEWARE; none of them runs a database query on an
ordinary request (query counts pinned by view tests stay the same).
"""

import re
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from . import audit
from .htmx import is_htmx_request
from .languages import DEFAULT, patient_language, supported

# --- request id -------------------------------------------------------------------------------

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


class RequestIDMiddleware:
    """Give every request an id (the proxy's X-Request-ID if it is sane, else a new one), put it
    on the response, and make it and the client's address available to the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        token = audit.bind_request(request)
        try:
            response = self.get_response(request)
        finally:
            audit.unbind_request(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


# --- no caching of anything a logged-in person sees ------------------------------------------


class NoStoreMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in session.

    Every page carrying patient data needs a login, so this covers them all without each view
    remembering a decorator; anonymous pages (login, password reset) stay cacheable by nobody
    but the browser anyway. Static files never reach this (WhiteNoise answers them first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        had_session_user = SESSION_KEY in request.session
        response = self.get_response(request)
        if getattr(response, "holds_no_patient_data", False):
            # Opt-out for assets with no patient data (exercise pictures keyed by a content
            # hash): they keep their own private cache headers so the browser can reuse them.
            patch_cache_control(response, private=True)
        elif had_session_user or SESSION_KEY in request.session:
            patch_cache_control(response, private=True, no_store=True)
        return response


# --- session timeouts -------------------------------------------------------------------------

LOGIN_AT = "restore_login_at"
LAST_SEEN = "restore_last_seen"
# Writing the session on every request would cost a query per page; a minute's resolution on a
# 15-minute timeout is plenty, and the page is told the exact remaining time.
LAST_SEEN_RESOLUTION = 60


def idle_limit_for(user) -> int:
    if user.is_clinic_staff:
        return settings.RESTORE_STAFF_IDLE_SECONDS
    return settings.RESTORE_PATIENT_IDLE_SECONDS


@receiver(user_logged_in, dispatch_uid="restore_session_stamp")
def _stamp_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now


def session_expiry_reason(request, *, now: int | None = None) -> str:
    """Why the signed-in session of this request ends now: "absolute", "idle", or ""."""
    now = int(time.time()) if now is None else now
    session = request.session
    login_at = session.get(LOGIN_AT, now)
    last_seen = session.get(LAST_SEEN, now)
    if now - login_at >= settings.RESTORE_SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now - last_seen >= idle_limit_for(request.user):
        return "idle"
    return ""


def _is_htmx_or_json(request) -> bool:
    return is_htmx_request(request) or "application/json" in request.headers.get("Accept", "")


class SessionTimeoutMiddleware:
    """Log out after 15 idle minutes (staff) or 30 (patients), and after 12 hours in any case.

    An expired session is ended on the server (logout flushes the row), the person is sent to
    the login page with a message and `next` pointing back, and session.js restores any form
    draft it kept. `request.session_remaining` (seconds) feeds the timeout warning.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        session = request.session
        login_at = session.get(LOGIN_AT)
        last_seen = session.get(LAST_SEEN)
        if login_at is None or last_seen is None:  # a session from before this middleware
            login_at = last_seen = now
            session[LOGIN_AT] = session[LAST_SEEN] = now
        idle_limit = idle_limit_for(user)
        reason = session_expiry_reason(request, now=now)
        if reason:
            return self._expire(request, reason, idle_limit)
        if now - last_seen >= LAST_SEEN_RESOLUTION or request.path == reverse("session-keepalive"):
            session[LAST_SEEN] = last_seen = now
        request.session_remaining = max(
            0,
            min(
                idle_limit - (now - last_seen),
                settings.RESTORE_SESSION_ABSOLUTE_SECONDS - (now - login_at),
            ),
        )
        response = self.get_response(request)
        response["X-Session-Remaining"] = str(request.session_remaining)
        return response

    def _expire(self, request, reason: str, idle_limit: int):
        request.restore_session_expired = reason
        logout(request)
        if reason == "absolute":
            text = "For your privacy you were logged out after 12 hours. Please log in again."
        else:
            minutes = max(1, idle_limit // 60)
            text = (
                f"For your privacy you were logged out after {minutes} "
                f"minute{'s' if minutes != 1 else ''} without activity. "
                "Please log in again to carry on where you left off."
            )
        messages.info(request, text)
        next_path = request.get_full_path() if request.method == "GET" else request.path
        login_url = redirect_to_login(next_path)["Location"]
        if _is_htmx_or_json(request):
            response = JsonResponse({"expired": True, "login_url": login_url}, status=401)
            response["HX-Redirect"] = login_url
            return response
        return redirect(login_url)


# --- two-factor gate --------------------------------------------------------------------------

TWO_FACTOR_STATE = "restore_2fa"  # "verify" (has a device, not yet verified) or "enrol"
TWO_FACTOR_OPEN_VIEWS = {
    "logout",
    "session-keepalive",
    "healthz",
    "clinic:two-factor",
    "clinic:two-factor-verify",
    "clinic:clinic-logo",
    "manifest",  # pages.offline: the same for everyone, no patient data
    "service-worker",
    "favicon",
}


class TwoFactorMiddleware:
    """Before anything else: staff with a confirmed device verify a code, and staff without one
    enrol when the clinic requires two-factor. The state is decided at login
    (clinic.two_factor) and kept in the session. The clinic's rule comes with the user each
    request loads (clinic.backends.ClinicBackend), so requiring two-factor reaches every open
    staff session at its next request, and ordinary requests still cost no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        state = _two_factor_state(request) if request.user.is_authenticated else None
        if not state:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_OPEN_VIEWS:
            return None
        target = reverse("clinic:two-factor-verify" if state == "verify" else "clinic:two-factor")
        if request.method == "GET" and request.get_full_path() != reverse("home"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if _is_htmx_or_json(request):
            response = HttpResponse(status=403)
            response["HX-Redirect"] = target
            return response
        return redirect(target)


def _two_factor_state(request) -> str | None:
    """The session's state, brought up to the clinic's current rule."""
    session, user = request.session, request.user
    state = session.get(TWO_FACTOR_STATE)
    required = getattr(user, "clinic_requires_two_factor", None)
    if required is None or not user.is_clinic_staff:
        return state
    if state == "enrol" and not required:
        session.pop(TWO_FACTOR_STATE)  # no longer required: nobody is held at enrolment
        return None
    if not state and required and not _otp_verified(user):
        from .two_factor import state_for  # (clinic.two_factor imports this module)

        state = state_for(user, required=True)
        session[TWO_FACTOR_STATE] = state
    return state


def _otp_verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
    return bool(is_verified and is_verified())


# --- axes -------------------------------------------------------------------------------------


def axes_username(request, credentials) -> str:
    """The username axes counts failures for: the email as the login form normalises it."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value).strip().lower()


def lockout_response(request, original_response=None, credentials=None):
    """The page shown while a username+IP pair is locked: 429 Too Many Requests."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": axes_username(request, credentials),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


# --- the language a signed-in person reads ---------------------------------------------------

SESSION_LANGUAGE = "restore_language"


@receiver(user_logged_in, dispatch_uid="restore_session_language")
def _remember_language(sender, request, user, **kwargs):
    """Work out a patient's language once, at sign-in, so pages don't ask the database for it."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE] = language_of(user)


def language_of(user) -> str:
    """The language a signed-in person reads: their own choice; else, for a patient, the
    language on their record; else (staff) English."""
    chosen = supported(user.language)
    if chosen:
        return chosen
    if user.role == user.Role.PATIENT:
        try:
            return patient_language(user.patient_record)
        except ObjectDoesNotExist:
            return DEFAULT
    return DEFAULT


class UserLanguageMiddleware:
    """Signed in, a person reads their own language, not the browser's.

    Django's LocaleMiddleware (before this one) has already picked the language for anonymous
    pages from the `django_language` cookie or the browser's Accept-Language; this one
    overrides it once the person is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = supported(user.language) or request.session.get(SESSION_LANGUAGE)
            if not supported(language):
                language = language_of(user)
                request.session[SESSION_LANGUAGE] = language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
