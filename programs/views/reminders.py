"""Exercise reminders: the patient's Reminders page in the portal, its calendar file, and the
one-click stop link in every reminder email (no sign-in needed: the signed token is the key)."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit
from clinic.models import ClinicProfile, Patient
from clinic.permissions import patient_required
from programs import reminders
from programs.models import ReminderPlan
from programs.portal_forms import PauseRemindersForm, ReminderPlanForm
from programs.services.reminders import (
    pause_reminders,
    resume_reminders,
    save_reminder_plan,
    stop_reminders,
)

DEFAULT_PAUSE_DAYS = 7


def _patient(request) -> Patient:
    return get_object_or_404(Patient.objects.for_user(request.user))


def _plan(request) -> ReminderPlan | None:
    return (
        ReminderPlan.objects.for_user(request.user)
        .select_related("patient", "patient__user")
        .first()
    )


def _plan_or_404(request) -> ReminderPlan:
    plan = _plan(request)
    if plan is None:
        raise Http404("No reminders are set up.")
    return plan


def _today(plan: ReminderPlan | None):
    if plan is None:
        return timezone.localdate()
    return reminders.local_date(plan, timezone.now())


def _page(request, *, plan, patient, form=None, pause_form=None, status=200):
    shown = plan or reminders.default_plan(patient)
    today = _today(plan)
    return render(
        request,
        "portal/reminders.html",
        {
            "plan": plan,
            "shown": shown,
            "days_text": reminders.days_text(shown),
            "zone_label": shown.time_zone.replace("_", " "),
            "form": form or ReminderPlanForm(initial=ReminderPlanForm.initial_from(shown)),
            "pause_form": pause_form
            or PauseRemindersForm(
                initial={"until": today + timedelta(days=DEFAULT_PAUSE_DAYS)}, today=today
            ),
            "email": request.user.email,
        },
        status=status,
    )


@patient_required
@require_GET
def portal_reminders(request):
    plan = _plan(request)
    patient = plan.patient if plan else _patient(request)
    audit.log_event(request, audit.Action.VIEW, patient=patient, obj=plan, detail="reminders")
    return _page(request, plan=plan, patient=patient)


@patient_required
@require_POST
def portal_reminders_save(request):
    plan = _plan(request)
    patient = plan.patient if plan else _patient(request)
    form = ReminderPlanForm(request.POST, initial={"time_zone": plan.time_zone} if plan else {})
    if not form.is_valid():
        return _page(request, plan=plan, patient=patient, form=form)
    plan = save_reminder_plan(
        patient=patient,
        weekdays=form.cleaned_data["weekdays"],
        time_of_day=form.cleaned_data["time_of_day"],
        time_zone=form.cleaned_data["time_zone"],
        by=request.user,
    )
    messages.success(
        request,
        _("Reminders are on: %(days)s at %(time)s.")
        % {"days": reminders.days_text(plan), "time": f"{plan.time_of_day:%-I:%M %p}"},
    )
    return redirect("programs:portal-reminders")


@patient_required
@require_POST
def portal_reminders_pause(request):
    plan = _plan_or_404(request)
    form = PauseRemindersForm(request.POST, today=_today(plan))
    if not form.is_valid():
        return _page(request, plan=plan, patient=plan.patient, pause_form=form)
    pause_reminders(plan=plan, until=form.cleaned_data["until"], by=request.user)
    messages.success(
        request,
        _("Reminders are paused. They start again after %(day)s.")
        % {"day": f"{plan.paused_until:%A %-d %B}"},
    )
    return redirect("programs:portal-reminders")


@patient_required
@require_POST
def portal_reminders_resume(request):
    plan = _plan_or_404(request)
    resume_reminders(plan=plan, by=request.user)
    messages.success(request, _("Reminders are on again."))
    return redirect("programs:portal-reminders")


@patient_required
@require_POST
def portal_reminders_stop(request):
    plan = _plan_or_404(request)
    stop_reminders(plan=plan, by=request.user)
    messages.success(request, _("Reminders are stopped. You can turn them on again here."))
    return redirect("programs:portal-reminders")


@patient_required
@require_GET
def portal_reminders_calendar(request):
    """The plan as a calendar file, for patients who would rather use their phone's calendar."""
    plan = _plan_or_404(request)
    if plan.status == ReminderPlan.Status.STOPPED:
        raise Http404("Reminders are stopped.")
    body = reminders.calendar_file(plan, clinic_name=ClinicProfile.load().name)
    audit.log_event(
        request, audit.Action.DOWNLOAD, patient=plan.patient, obj=plan, detail="reminders calendar"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="exercise-reminders.ics"'
    return response


# The token in the URL is the only key: there is no session to forge a request from, so no CSRF
# token either. A mail program's one-click unsubscribe (RFC 8058) POSTs here with no cookies.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_stop(request, token):
    """GET asks to confirm (a link scanner must not stop anything); POST stops them."""
    plan = reminders.plan_for_token(token)
    if plan is None:
        raise Http404("This link is not valid.")
    stopped = False
    if request.method == "POST":
        stop_reminders(plan=plan, by=None, from_email=True)
        stopped = True
    return render(
        request,
        "programs/reminder_stop.html",
        {"plan": plan, "stopped": stopped or plan.status == ReminderPlan.Status.STOPPED},
    )
