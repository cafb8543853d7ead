"""Pages that show clinic and programs data together: the start page, the therapist's dashboard,
the patient page, the error pages and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from clinic import audit, bodychart, imaging_reports, measures
from clinic.exam.display import exam_summary
from clinic.models import (
    AuditEvent,
    Intake,
    IntakeAmendment,
    MessageThread,
    OutcomeMeasure,
    Patient,
    RedFlag,
    SecureMessage,
)
from clinic.permissions import staff_required
from clinic.screening import screening_status
from clinic.selfservice.models import SelfIntake
from programs.adherence import dashboard_alerts, patient_adherence

from .flag_rows import flagged_patients, overdue_follow_ups
from .timeline import clinic_and_home, patient_timeline

DASHBOARD_FLAGS = 20  # patients with open flags
DASHBOARD_FOLLOW_UPS = 10
DASHBOARD_THREADS = 10
DASHBOARD_SELF_INTAKES = 10  # pre-visit intakes waiting for review


@login_required
@require_GET
def home(request):
    """Send each role to its own start page."""
    if request.user.is_clinic_staff:
        return redirect("pages:dashboard")
    return redirect("programs:portal-home")


@staff_required
@require_GET
def dashboard(request):
    # The patients with the most pressing open flags, one row each, with the totals: a group
    # practice can have hundreds open, and the patient list (filtered to open flags) shows
    # them all. Overdue follow-up tasks of open flags are listed on their own.
    open_flags = RedFlag.objects.for_user(request.user).open_flags()
    totals = open_flags.aggregate(flags=Count("id"), patients=Count("patient", distinct=True))
    recent_intakes = (
        Intake.objects.for_user(request.user)
        .select_related("patient", "therapist")
        .order_by("-updated_at")[:8]
    )
    # A therapist's own caseload; the clinic admin has none of their own, so theirs is the clinic's.
    my_patients = Patient.objects.for_user(request.user).active()
    waiting = MessageThread.objects.for_user(request.user).waiting_for_staff()
    # Pre-visit intakes the patients sent, oldest first, with the flags their answers raised.
    to_review = SelfIntake.objects.for_user(request.user).waiting_for_review()
    if not request.user.is_clinic_admin:
        my_patients = my_patients.filter(therapist=request.user)
        waiting = waiting.filter(patient__therapist=request.user)
        to_review = to_review.filter(intake__therapist=request.user)
    # It lists many patients (flags, intakes, check-ins): one row for the page.
    audit.log_event(request, AuditEvent.Action.VIEW, detail="dashboard")
    return render(
        request,
        "pages/dashboard.html",
        {
            "flag_patients": flagged_patients(request.user, limit=DASHBOARD_FLAGS),
            "open_flag_count": totals["flags"],
            "flagged_patient_count": totals["patients"],
            "overdue_follow_ups": overdue_follow_ups(request.user, limit=DASHBOARD_FOLLOW_UPS),
            "recent_intakes": recent_intakes,
            "my_patient_count": my_patients.count(),
            "now": timezone.localtime(),
            "waiting_threads": waiting.select_related("patient").order_by("-last_message_at")[
                :DASHBOARD_THREADS
            ],
            "waiting_for_review": to_review.select_related("patient")
            .annotate(flag_count=Count("intake__red_flags"))
            .order_by("submitted_at", "id")[:DASHBOARD_SELF_INTAKES],
            "portal_alerts": dashboard_alerts(
                request.user, everyone=request.GET.get("checkins") == "all"
            ),
        },
    )


@staff_required
@require_GET
def patient_detail(request, uuid):
    patient = get_object_or_404(
        Patient.objects.for_user(request.user).select_related("therapist", "archived_by"),
        uuid=uuid,
    )
    intakes = list(patient.intakes.select_related("therapist").order_by("-visit_date", "-id"))
    flags = list(
        patient.red_flags.select_related("intake", "decided_by", "raised_by").by_severity(
            "-created_at"
        )
    )
    patient_measures = list(patient.measures.select_related("recorded_by"))
    amendments = list(
        IntakeAmendment.objects.filter(intake__patient=patient).select_related(
            "amended_by", "intake"
        )
    )
    activities = list(patient.psfs_activities.current())
    programs = list(patient.programs.order_by("-start_date", "-id"))
    current = intakes[0] if intakes else None
    trends = measures.trends(intakes=intakes[::-1], measures=patient_measures)
    together = clinic_and_home(patient, intakes=intakes, measures=patient_measures, trends=trends)
    audit.log_event(
        request, AuditEvent.Action.VIEW, patient=patient, obj=patient, detail="patient page"
    )
    return render(
        request,
        "pages/patient_detail.html",
        {
            "patient": patient,
            "open_flags": [f for f in flags if f.is_open],
            "blocking": any(f.blocks_program for f in flags),
            "screening": screening_status(patient, intakes=intakes),
            "current_intake": current,
            "precautions": (current.derived or {}).get("precautions", []) if current else [],
            "intakes": intakes,
            "trends": trends,
            "together": together,
            "latest_exam": _latest_exam(together.exams),
            "timeline": patient_timeline(
                intakes=intakes,
                measures=patient_measures,
                flags=flags,
                amendments=amendments,
                programs=programs,
                reassessments=together.reassessments,
                exams=together.exams,
                home_weeks=together.home_weeks,
            ),
            "programs": programs,
            "psfs_activities": activities,
            "instruments": OutcomeMeasure.Instrument.choices,
            "is_clinician": request.user.is_therapist,
            "chart": bodychart.intake_chart(current),
            "imaging": imaging_reports.imaging_entries(
                current, imaging_reports.reports_of(current)
            ),
            "adherence": patient_adherence(patient),
            "unread_from_patient": SecureMessage.objects.unread_by_staff()
            .filter(thread__patient=patient)
            .count(),
        },
    )


def _latest_exam(exams) -> dict | None:
    """The latest objective exam's findings, with what changed since the one before (the
    exams come oldest first, each with `.previous`, from `clinic_and_home`)."""
    if not exams:
        return None
    return exam_summary(exams[-1], exams[-1].previous)


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
