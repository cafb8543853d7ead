"""Two-factor sign-in pages: enrol with an authenticator app, turn it off, type a code after
the password, and the clinic admin's reset for a lost phone. The rule and the login state are
in `clinic.two_factor`."""

import secrets
from base64 import b32encode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit
from ..forms import CodeForm
from ..middleware import TWO_FACTOR_STATE
from ..models import AuditEvent, User
from ..permissions import admin_required, staff_required
from ..qr import qr_svg
from ..two_factor import code_matches_key, confirm_device, remove_devices, required_for
from .common import local_next

PENDING_KEY = "restore_2fa_pending_key"
Action = AuditEvent.Action


def _safe_next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return local_next(request, target) or default


def _pending_key(request) -> str:
    key = request.session.get(PENDING_KEY)
    if not key:
        key = secrets.token_hex(20)  # 160-bit secret, as RFC 4226 recommends
        request.session[PENDING_KEY] = key
    return key


def _remove_form(data=None) -> CodeForm:
    form = CodeForm(data)
    form.fields["code"].widget.attrs.pop("autofocus", None)  # a destructive form: no autofocus
    return form


def _grouped(secret_b32: str) -> str:
    return " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4))


@staff_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Status and enrolment: show the QR code, confirm with a code, or turn two-factor off."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    required = request.session.get(TWO_FACTOR_STATE) == "enrol" or required_for(user)
    if device is not None:
        return render(
            request,
            "clinic/two_factor.html",
            {"device": device, "required": required, "remove_form": _remove_form()},
        )
    key = _pending_key(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if code_matches_key(key, form.cleaned_data["code"]):
            device = confirm_device(user=user, key=key)
            otp_login(request, device)
            request.session.pop(PENDING_KEY, None)
            request.session.pop(TWO_FACTOR_STATE, None)
            messages.success(
                request,
                _("Two-factor sign-in is on. You will be asked for a code each time you log in."),
            )
            return redirect(_safe_next(request))
        audit.log_event(request, Action.TWO_FACTOR_FAILED, detail="enrolment code refused")
        form.add_error(
            "code",
            _(
                "That code did not match. Check the time on your phone is set automatically "
                "and type the newest code."
            ),
        )
    unsaved = TOTPDevice(user=user, key=key, name="Authenticator app")
    return render(
        request,
        "clinic/two_factor.html",
        {
            "form": form,
            "required": required,
            # No inline style (the CSP refuses it): the stylesheet sizes .qr-code.
            "qr_svg": qr_svg(
                unsaved.config_url,
                background=True,
                sized_by_css=True,
                css_class="qr-code",
                label=_("QR code for your authenticator app"),
            ),
            "secret": _grouped(b32encode(unsaved.bin_key).decode()),
            "next": _safe_next(request, default=""),
        },
    )


@staff_required
@require_POST
def two_factor_remove(request):
    """Turn two-factor off, with a current code, unless the clinic requires it."""
    if required_for(request.user):
        messages.error(request, _("Your clinic requires two-factor sign-in for all staff."))
        return redirect("clinic:two-factor")
    device = get_object_or_404(TOTPDevice, user=request.user, confirmed=True)
    form = _remove_form(request.POST)
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        remove_devices(user=request.user, by=request.user)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("clinic:two-factor")
    audit.log_event(request, Action.TWO_FACTOR_FAILED, detail="code refused when turning off")
    if form.is_valid():
        form.add_error("code", _("That code did not match. Type the newest code from your app."))
    return render(
        request,
        "clinic/two_factor.html",
        {"device": device, "required": False, "remove_form": form},
        status=200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of logging in, for anyone with a confirmed device."""
    if request.session.get(TWO_FACTOR_STATE) != "verify":
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.pop(TWO_FACTOR_STATE, None)
            audit.log_event(request, Action.TWO_FACTOR_VERIFY, obj=device)
            return redirect(_safe_next(request))
        audit.log_event(request, Action.TWO_FACTOR_FAILED, detail="login code refused")
        form.add_error(
            "code",
            _(
                "That code did not match. Type the newest code; after several wrong codes you "
                "will have to wait a little before trying again."
            ),
        )
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _safe_next(request, default="")},
    )


@admin_required
@require_POST
def staff_two_factor_reset(request, pk):
    """A clinic admin removes a staff member's device (lost phone); they enrol again."""
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    if remove_devices(user=member, by=request.user):
        messages.success(
            request,
            _("%(name)s's two-factor device was removed. They will set it up again.")
            % {"name": member},
        )
    else:
        messages.info(request, _("%(name)s has no two-factor device.") % {"name": member})
    return redirect("clinic:staff-edit", pk=member.pk)
