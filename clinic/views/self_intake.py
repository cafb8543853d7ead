"""The patient's pre-visit intake, answered on their phone by link: one step per screen, saved
at every Next, resumed where they left off, the emergency advice at once, then review and sign.

Every view sits behind `link_view(INTAKE)`: a live intake link for this patient, or the plain
"this link doesn't work" page. The pages are in the form's language.
"""

from functools import wraps

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from .. import audit
from ..selfservice import services
from ..selfservice.access import invalid_link_response, link_view
from ..selfservice.display import answers_in_words, step_initial
from ..selfservice.forms import SignForm, body_chart_widget, step_layout
from ..selfservice.models import PatientLink, SelfIntake
from ..selfservice.steps import (
    RED_FLAGS,
    STEP_BY_SLUG,
    STEPS,
    first_unfinished,
    following,
    number_of,
    previous,
)

INTAKE = PatientLink.Purpose.INTAKE


def link_form(view):
    """A form page reached by link. The pages send `Referrer-Policy: no-referrer`, so the
    browser posts with `Origin: null`, which Django's CSRF check refuses; the CSRF check is
    not needed here: the link's secret token is in the address posted to, and another site
    cannot post to an address it cannot know."""
    return csrf_exempt(view)


def _self_intake_view(view):
    """The link's own form, still open; the page in the form's language."""

    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        link = request.patient_link
        self_intake = (
            SelfIntake.objects.select_related("patient")
            .filter(uuid=link.target_uuid, patient=link.patient)
            .first()
        )
        if self_intake is None or self_intake.status not in services.OPEN_STATUSES:
            return invalid_link_response(request)
        with translation.override(self_intake.language):
            return view(request, token, self_intake, *args, **kwargs)

    return wrapper


def _request_meta(request) -> dict:
    context = audit.context_from_request(request)
    return {"ip": context.ip, "request_id": context.request_id, "user_agent": context.user_agent}


@require_GET
@link_view(INTAKE)
@_self_intake_view
def self_intake_start(request, token, self_intake):
    """Where the link lands: the first step not answered yet, or the review once all are."""
    step = first_unfinished(self_intake.completed_steps)
    if step is None:
        return redirect("clinic:self-intake-sign", token=token)
    return redirect("clinic:self-intake-step", token=token, step=step.slug)


def _form(step, self_intake, data=None):
    return step.form(data, initial=step_initial(self_intake, step), patient=self_intake.patient)


@link_form
@require_http_methods(["GET", "POST"])
@link_view(INTAKE)
@_self_intake_view
def self_intake_step(request, token, self_intake, step):
    step = STEP_BY_SLUG.get(step)
    if step is None:
        return invalid_link_response(request)
    form = _form(step, self_intake, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_step(
                self_intake=self_intake,
                step=step,
                data=form.answers(),
                request_meta=_request_meta(request),
            )
        except ValidationError:
            # Sent from another tab or phone since this page was opened: the link has ended.
            return invalid_link_response(request)
        if saved.advice_tier:
            return redirect("clinic:self-intake-advice", token=token)
        after = following(step)
        if request.POST.get("then") == "back" and previous(step) is not None:
            return redirect("clinic:self-intake-step", token=token, step=previous(step).slug)
        if after is None:
            return redirect("clinic:self-intake-sign", token=token)
        return redirect("clinic:self-intake-step", token=token, step=after.slug)
    stored_chart = ((self_intake.answers or {}).get("body_chart") or {}).get("regions") or []
    chart = body_chart_widget(form, stored_chart) if step.slug == "body-chart" else None
    return render(
        request,
        "clinic/selfservice/intake_step.html",
        {
            "self_intake": self_intake,
            "token": token,
            "step": step,
            "form": form,
            "rows": step_layout(form),
            "number": number_of(step),
            "total": len(STEPS),
            "percent": round(100 * (number_of(step) - 1) / len(STEPS)),
            "previous": previous(step),
            "bodychart": chart,
            "is_red_flags": step.slug == RED_FLAGS,
        },
    )


@require_GET
@link_view(INTAKE)
@_self_intake_view
def self_intake_advice(request, token, self_intake):
    """What to do now, after an emergency or urgent answer (the same words as the check-in)."""
    tier = services.open_advice_tier(self_intake)
    if tier is None:
        return redirect("clinic:self-intake", token=token)
    return render(
        request,
        "clinic/selfservice/intake_advice.html",
        {
            "self_intake": self_intake,
            "token": token,
            "tier": tier,
            "staff_alerted": services.staff_alerted(self_intake),
        },
    )


@link_form
@require_http_methods(["GET", "POST"])
@link_view(INTAKE)
@_self_intake_view
def self_intake_sign(request, token, self_intake):
    """Every answer to look over, then the electronic signature. Signing sends the form."""
    missing = services.missing_steps(self_intake)
    form = SignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not missing and form.is_valid():
        meta = _request_meta(request)
        try:
            sent = services.submit_self_intake(
                self_intake=self_intake,
                signature_name=form.cleaned_data["signature_name"],
                esign_consent=form.cleaned_data["esign_consent"],
                intent=form.cleaned_data["intent"],
                ip=meta["ip"],
                user_agent=meta["user_agent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The link has ended: the thank-you page is this answer, not a page to come back to.
            return render(
                request,
                "clinic/selfservice/intake_done.html",
                {"self_intake": sent, "advice_tier": services.open_advice_tier(sent)},
            )
    return render(
        request,
        "clinic/selfservice/intake_sign.html",
        {
            "self_intake": self_intake,
            "token": token,
            "form": form,
            "missing": missing,
            "sections": answers_in_words(self_intake),
            "signed_text": services.signed_text(self_intake).split("\n"),
            "advice_tier": services.open_advice_tier(self_intake),
            "total": len(STEPS),
        },
    )
