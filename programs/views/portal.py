"""The patient portal: my program, pictures, follow-along timer, session log, progress.

Patients reach only their own programs, and only the current published revision of each
(`Program.objects.for_user`, `ProgramRevision.objects.for_user`); anything else is a 404.
Staff get 403 on the patient pages; they see the same data on the patient's page instead.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from clinic import audit, redflags
from clinic.alerts import StaffAlert
from clinic.models import ClinicProfile, RedFlag
from clinic.permissions import patient_required
from programs import figures, services
from programs.adherence import ease_off_advice, patient_progress, prescribed_days_per_week
from programs.models import Exercise, Program, ProgramRevision, SessionLog
from programs.portal_forms import SafetyCheckForm, SessionLogForm

FIGURE_KINDS = ("animated", "start", "end")
FIGURE_SIZE = (480, 360)
REST_BETWEEN_SETS_S = 30
SWITCH_SIDES_S = 5


def _patient_programs(user):
    return (
        Program.objects.for_user(user)
        .exclude(status=Program.Status.ARCHIVED)
        .select_related("current_revision", "therapist", "patient")
    )


def _get_program(request, uuid) -> Program:
    return get_object_or_404(_patient_programs(request.user), uuid=uuid)


# Which items of a revision have a drawable picture. A published revision never changes, so the
# answer is kept per revision (keyed by its random UUID, never reused, and its content hash)
# instead of validating every pose on every page view.
_FIGURE_FLAGS: dict[tuple, tuple[bool, ...]] = {}
_FIGURE_FLAGS_MAX = 2048


def _figure_flags(revision: ProgramRevision) -> tuple[bool, ...]:
    key = (revision.uuid, revision.content_hash)
    flags = _FIGURE_FLAGS.get(key)
    if flags is None:
        flags = tuple(_has_figure(item) for item in revision.items)
        if len(_FIGURE_FLAGS) >= _FIGURE_FLAGS_MAX:
            _FIGURE_FLAGS.clear()
        _FIGURE_FLAGS[key] = flags
    return flags


def _item(revision: ProgramRevision, position: int) -> dict:
    for item in revision.items:
        if item["position"] == position:
            return item
    raise Http404("No such exercise in this program.")


def _has_figure(item: dict) -> bool:
    figure = item["exercise"].get("figure")
    if not figure:
        return False
    try:
        figures.validate_figure(figure)
    except (figures.FigureError, TypeError, AttributeError):
        return False
    return True


def _clearance_flags(user, *, patient_id: int | None = None):
    """The patient's open emergency or urgent flags: exercises wait for the clinic's decision.

    `patient_id`, when the caller already holds the patient's own program, skips the join.
    """
    owner = {"patient_id": patient_id} if patient_id is not None else {"patient__user": user}
    return list(
        RedFlag.objects.filter(
            **owner,
            status=RedFlag.Status.OPEN,
            tier__in=RedFlag.CLEARANCE_TIERS,
        ).order_by("tier", "created_at")[:1]
    )


def _program_context(request, program: Program) -> dict:
    revision = program.current_revision
    audit.log_event(request, audit.Action.VIEW, patient=program.patient, obj=revision)
    tags = program.patient.precaution_tags()
    items = [
        {
            **item,
            "has_figure": has_figure,
            "cautions": services.patient_cautions(item["exercise"], tags),
        }
        for item, has_figure in zip(revision.items, _figure_flags(revision), strict=True)
    ]
    today_log = SessionLog.objects.filter(program=program, date=timezone.localdate()).first()
    is_ais = any(item["exercise"]["category"] == Exercise.Category.AIS_STRETCH for item in items)
    snapshot = revision.snapshot
    return {
        "program": program,
        "revision": revision,
        # What changed since the version before, in plain words (the email only says that
        # something did: no health information travels by email).
        "whats_new": services.changes_for_patient(revision.changes) if revision.number > 1 else [],
        "snapshot": snapshot,
        "items": items,
        "has_ais": is_ais,
        # The cached exercise cards carry the patient's cautions: a new intake changes them.
        "cautions_key": ",".join(sorted(tags)),
        "today_log": today_log,
        "per_week": prescribed_days_per_week(revision.items),
        "stop_rules": services.UNIVERSAL_STOP_RULES,
        "review_date": snapshot.get("review_date"),
        "clearance_flags": _clearance_flags(request.user, patient_id=program.patient_id),
        "emergency_questions": [
            redflags.SHORT_FORM_QUESTIONS[code]
            for code in redflags.SHORT_FORM_CODES
            if redflags.QUESTIONS_BY_CODE[code].tier == redflags.EMERGENCY
        ],
    }


@patient_required
@require_GET
def portal_home(request):
    """One program (the usual case) opens straight away; several are listed to choose from."""
    programs = list(_patient_programs(request.user))
    if len(programs) == 1:
        return render(request, "portal/program.html", _program_context(request, programs[0]))
    logged_today = set(
        SessionLog.objects.filter(program__in=programs, date=timezone.localdate()).values_list(
            "program_id", flat=True
        )
    )
    audit.log_event(
        request, audit.Action.VIEW, patient=request.user.patient_record, detail="Programs"
    )
    return render(
        request,
        "portal/home.html",
        {
            "programs": programs,
            "logged_today": logged_today,
            "clearance_flags": _clearance_flags(request.user),
        },
    )


@patient_required
@require_GET
def portal_program(request, uuid):
    program = _get_program(request, uuid)
    return render(request, "portal/program.html", _program_context(request, program))


@login_required
@require_GET
def portal_figure(request, uuid, position, which):
    """An exercise picture of a revision the user may see (patients: their current one only)."""
    if which not in FIGURE_KINDS:
        raise Http404
    revision = get_object_or_404(ProgramRevision.objects.for_user(request.user), uuid=uuid)
    item = _item(revision, position)
    figure = item["exercise"].get("figure")
    if not figure:
        raise Http404
    name = item["exercise"]["name"]
    if which == "animated":
        title = f"{name}: moving from the start to the end position"
    else:
        title = f"{name}: {which} position"
    try:
        svg = figures.figure_svg(figure, which, size=FIGURE_SIZE, title=title)
    except figures.FigureError as error:
        # A pose that cannot be drawn is a missing picture, never a server error.
        raise Http404 from error
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def _timer_plan(item: dict, program: Program, position: int, positions: list[int]) -> dict:
    """What the follow-along timer needs; static/js/follow.js turns it into phases."""
    exercise = item["exercise"]
    later = [p for p in positions if p > position]
    return {
        "name": exercise["name"],
        "mode": (
            "duration"
            if item.get("duration_min")
            else "ais"
            if exercise["category"] == Exercise.Category.AIS_STRETCH
            else "hold"
            if item.get("hold_s")
            else "reps"
        ),
        "sets": item.get("sets") or 1,
        "reps": item.get("reps") or (10 if exercise["category"] == "ais_stretch" else 1),
        "hold_s": item.get("hold_s") or 0,
        "duration_min": item.get("duration_min") or 0,
        "side": item.get("side") or "na",
        "rest_s": REST_BETWEEN_SETS_S,
        "switch_s": SWITCH_SIDES_S,
        "agonist": exercise.get("agonist", ""),
        "next_url": (
            reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": later[0]})
            if later
            else ""
        ),
        "log_url": reverse("programs:portal-log", kwargs={"uuid": program.uuid}),
    }


@patient_required
@require_GET
def portal_follow(request, uuid, position):
    program = _get_program(request, uuid)
    revision = program.current_revision
    item = _item(revision, position)
    positions = [i["position"] for i in revision.items]
    audit.log_event(
        request,
        audit.Action.VIEW,
        patient=program.patient,
        obj=revision,
        detail=f"Follow along, exercise {position}",
    )
    return render(
        request,
        "portal/follow.html",
        {
            "program": program,
            "revision": revision,
            "item": {
                **item,
                "has_figure": _has_figure(item),
                "cautions": services.patient_cautions(
                    item["exercise"], program.patient.precaution_tags()
                ),
            },
            "count": len(positions),
            "plan": _timer_plan(item, program, position, positions),
        },
    )


@patient_required
@require_http_methods(["GET", "POST"])
def portal_log(request, uuid):
    """Today's session log and safety check. Sending it again the same day updates it."""
    program = _get_program(request, uuid)
    revision = program.current_revision
    today = timezone.localdate()
    existing = SessionLog.objects.filter(program=program, date=today).first()
    data = request.POST if request.method == "POST" else None
    log_form = SessionLogForm(revision, data, initial=SessionLogForm.initial_from(existing))
    safety_form = SafetyCheckForm(data)
    if data is not None:
        log_ok = log_form.is_valid()
        if safety_form.is_valid():
            answers = safety_form.answers()
            if log_ok or any(answers.values()):
                result = services.record_check_in(
                    program=program,
                    by=request.user,
                    safety_answers=answers,
                    log=log_form.cleaned_data if log_ok else None,
                    day=today,
                )
                if result.screening.positives:
                    reported = [
                        redflags.SHORT_FORM_QUESTIONS[hit.code]
                        for hit in result.screening.positives
                    ]
                    return render(
                        request,
                        "portal/check_in_alert.html",
                        {
                            "program": program,
                            "result": result,
                            "reported": reported,
                            "staff_notice": staff_notice(result.staff_alert),
                        },
                    )
                messages.success(
                    request,
                    "Saved — thank you. Your therapist sees this before your next visit."
                    if result.created
                    else "Today's log is updated.",
                )
                advice = ease_off_advice(program, today=today, phone=ClinicProfile.load().phone)
                if advice:
                    messages.warning(request, advice)
                    messages.info(request, staff_notice(result.staff_alert))
                return redirect("programs:portal-progress")
    if data is None:
        audit.log_event(
            request, audit.Action.VIEW, patient=program.patient, obj=revision, detail="Log"
        )
    return render(
        request,
        "portal/log.html",
        {
            "program": program,
            "revision": revision,
            "log_form": log_form,
            "safety_form": safety_form,
            "existing": existing,
            "today": today,
        },
    )


def staff_notice(alert: StaffAlert) -> str:
    """What the patient is told about the clinic after a worrying check-in: exactly what was
    done (an email really written to someone), never more."""
    if alert.therapist_emailed:
        done = "We have emailed your therapist."
    elif alert.clinic_emailed:
        done = "We have emailed your clinic."
    else:
        done = "Your clinic will see this when they next open Restore."
    return f"{done} If you have emergency symptoms, call 911 now."


@patient_required
@require_GET
def portal_progress(request):
    progress = patient_progress(request.user, today=timezone.localdate())
    audit.log_event(
        request, audit.Action.VIEW, patient=request.user.patient_record, detail="Progress"
    )
    return render(request, "portal/progress.html", {"progress": progress})
