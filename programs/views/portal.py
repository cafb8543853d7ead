"""The patient portal: my program, pictures, follow-along timer, session log, progress.

Patients reach only their own programs, and only the current published revision of each
(`Program.objects.for_user`, `ProgramRevision.objects.for_user`); anything else is a 404.
Staff get 403 on the patient pages; they see the same data on the patient's page instead.
"""

import uuid as uuid_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit, redflags
from clinic.alerts import StaffAlert
from clinic.models import ClinicProfile, Patient, RedFlag
from clinic.permissions import patient_required
from programs import figures, plan, portal_page, services, timer_plan
from programs.adherence import ease_off_advice, patient_progress, prescribed_days_per_week
from programs.daily import services as daily_services
from programs.models import DoneTick, Exercise, Program, ProgramRevision, SessionLog
from programs.portal_forms import SafetyCheckForm, SessionLogForm
from programs.translations import exercise_name
from programs.videos import ExerciseVideo
from programs.views import step_backs as step_back_views

FIGURE_KINDS = ("animated", "start", "end")
FIGURE_SIZE = (480, 360)


def _patient_programs(user):
    return (
        Program.objects.for_user(user)
        .exclude(status=Program.Status.ARCHIVED)
        .select_related("current_revision", "therapist", "patient")
    )


def _get_program(request, uuid) -> Program:
    return get_object_or_404(_patient_programs(request.user), uuid=uuid)


# The decoded snapshot and change list of a published revision, kept per process. A published
# revision never changes (a change is a new revision), so the key (its random UUID, never
# reused, and its content hash) names one content for good; the program page then reads the
# revision's short columns only instead of decoding tens of kilobytes of JSON on every view.
# Callers never mutate these dicts (anything that edits a snapshot deep-copies it first).
_SNAPSHOTS: dict[tuple, tuple[dict, list]] = {}
_SNAPSHOTS_MAX = 256


_PATIENT_UNUSED = tuple(
    f"patient__{field.name}" for field in Patient._meta.concrete_fields if not field.primary_key
)


def _get_program_lean(request, uuid) -> Program:
    """`_get_program` without the revision's JSON columns, which come from `_SNAPSHOTS`
    (one extra query the first time a process shows a revision)."""
    program = get_object_or_404(
        Program.objects.for_user(request.user)
        .exclude(status=Program.Status.ARCHIVED)
        # The page names the therapist from the snapshot and needs only the patient's id (and
        # the generation of their kept page: programs/portal_page.py).
        .select_related("current_revision", "patient", "patient__portal_page")
        .defer("current_revision__snapshot", "current_revision__changes", *_PATIENT_UNUSED),
        uuid=uuid,
    )
    revision = program.current_revision
    key = (revision.uuid, revision.content_hash)
    cached = _SNAPSHOTS.get(key)
    if cached is None:
        cached = (
            ProgramRevision.objects.filter(pk=revision.pk).values_list("snapshot", "changes").get()
        )
        if len(_SNAPSHOTS) >= _SNAPSHOTS_MAX:
            _SNAPSHOTS.clear()
        _SNAPSHOTS[key] = cached
    revision.snapshot, revision.changes = cached
    return program


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
    videos = ExerciseVideo.objects.current_for(i["exercise"]["slug"] for i in revision.items)
    items = [
        {
            **item,
            "has_figure": has_figure,
            "cautions": services.patient_cautions(item["exercise"], tags),
            "video": videos.get(item["exercise"]["slug"]),
        }
        for item, has_figure in zip(revision.items, _figure_flags(revision), strict=True)
    ]
    clearance_flags = _clearance_flags(request.user, patient_id=program.patient_id)
    items, safety = step_back_views.portal_safety(program, items, clearance_flags=clearance_flags)
    today = timezone.localdate()
    today_logs = list(SessionLog.objects.filter(program=program, date=today).order_by("id"))
    is_ais = any(item["exercise"]["category"] == Exercise.Category.AIS_STRETCH for item in items)
    snapshot = revision.snapshot
    return {
        "program": program,
        "revision": revision,
        # What changed since the version before, in plain words (the email only says that
        # something did: no health information travels by email).
        # Written now in the patient's language from the changes' facts, exercises by the
        # names their cards show.
        "whats_new": services.patient_sentences(
            revision.changes,
            {
                i["exercise"]["slug"]: exercise_name(i["exercise"], get_language())
                for i in revision.items
            },
        )
        if revision.number > 1
        else [],
        "snapshot": snapshot,
        "items": items,
        "has_ais": is_ais,
        # The cached exercise cards carry the patient's cautions: a new intake changes them.
        "cautions_key": ",".join(sorted(tags)),
        "videos_key": ",".join(sorted(str(v.uuid) for v in videos.values())),
        "today_log": today_logs[-1] if today_logs else None,
        "today_logs": today_logs,
        "plan": _today_plan(program, items, today=today),
        "per_week": prescribed_days_per_week(revision.items),
        "stop_rules": services.UNIVERSAL_STOP_RULES,
        "review_date": snapshot.get("review_date"),
        "clearance_flags": clearance_flags,
        **safety,  # the ease-off notice, the step backs' and the pause's state
        "emergency_questions": [
            redflags.SHORT_FORM_QUESTIONS[code]
            for code in redflags.SHORT_FORM_CODES
            if redflags.QUESTIONS_BY_CODE[code].tier == redflags.EMERGENCY
        ],
    }


def _today_plan(program: Program, items: list[dict], *, today) -> dict:
    """Today's exercises (with a tick per slot), the ones not due today, and the week's days.

    Three queries whatever the number of exercises (see daily.services.plan_state).
    """
    state = daily_services.plan_state(program, day=today)
    due, rest = plan.plan_for(
        items, today, start=program.start_date, chosen=state.chosen, moves=state.moves
    )
    rows = []
    for entry in due:
        slots = [
            {"index": n, "name": name, "done": (entry.position, n) in state.ticks}
            for n, name in enumerate(entry.slots)
        ]
        rows.append(
            {
                "item": entry.item,
                "slots": slots,
                "done": all(slot["done"] for slot in slots),
                "moved_here": entry.moved_here,
            }
        )
    not_today = [
        {
            "item": entry.item,
            "weekdays": [
                plan.WEEKDAY_NAMES[day]
                for day in sorted(plan.weekdays_for(entry.item, program.start_date, state.chosen))
            ],
        }
        for entry in rest
    ]
    return {
        "due": rows,
        "starts_on": program.start_date if program.start_date > today else None,
        # Where "Start" begins: the first exercise of today not yet done (on a rest day, the
        # first of the program).
        "start_item": next((row["item"] for row in rows if not row["done"]), None)
        or (rows[0]["item"] if rows else None)
        or (items[0] if items else None),
        "not_today": not_today,
        "done_count": sum(1 for row in rows if row["done"]),
        # The exercises done on some days of the week, with the days they fall on now.
        "choosable": [
            {
                "item": item,
                "days": [
                    (number, name, number in on) for number, name in enumerate(plan.WEEKDAY_NAMES)
                ],
            }
            for item in items
            if (item.get("days_per_week") or 7) < 7
            for on in [plan.weekdays_for(item, program.start_date, state.chosen)]
        ],
    }


@patient_required
@require_GET
def portal_home(request):
    """One program (the usual case) opens straight away; several are listed to choose from."""
    programs = list(_patient_programs(request.user).select_related("patient__portal_page"))
    if len(programs) == 1:
        return _program_page(request, programs[0])
    today = timezone.localdate()
    logged_today = set(
        SessionLog.objects.filter(program__in=programs, date=today).values_list(
            "program_id", flat=True
        )
    )
    states = daily_services.plan_states(programs, day=today)
    for program in programs:
        state = states[program.pk]
        due, _rest = plan.plan_for(
            program.current_revision.items,
            today,
            start=program.start_date,
            chosen=state.chosen,
            moves=state.moves,
        )
        program.today_due = len(due)
        program.today_done = sum(
            1
            for entry in due
            if all((entry.position, n) in state.ticks for n in range(len(entry.slots)))
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


def _program_page(request, program: Program):
    """The program page: its body from the cache when today's is kept (programs/portal_page.py),
    else built and rendered. The read is audited either way."""
    key = portal_page.cache_key(program, today=timezone.localdate(), language=get_language())
    body = portal_page.get(key)
    if body is None:
        context = _program_context(request, program)
    else:
        revision = program.current_revision
        audit.log_event(request, audit.Action.VIEW, patient=program.patient, obj=revision)
        context = {
            "program": program,
            "revision": revision,
            "snapshot": revision.snapshot,
            "portal_page_body": body,
        }
    context["portal_page_key"] = key
    return render(request, "portal/program.html", context)


@patient_required
@require_GET
def portal_program(request, uuid):
    return _program_page(request, _get_program_lean(request, uuid))


@login_required
@require_GET
def portal_figure(request, uuid, position, which):
    """An exercise picture of a revision the user may see (patients: their current one only)."""
    if which not in FIGURE_KINDS:
        raise Http404
    revision = get_object_or_404(ProgramRevision.objects.for_user(request.user), uuid=uuid)
    item = step_back_views.patient_figure_item(request.user, revision, _item(revision, position))
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
    """What the follow-along timer needs: the phases (programs/timer_plan.py) and where to go
    after; static/js/follow.js only plays them."""
    later = [p for p in positions if p > position]
    phases = timer_plan.plan_for(item)
    return {
        "name": exercise_name(item["exercise"], get_language()),
        "mode": timer_plan.mode_of(item),
        "sets": item.get("sets") or 1,
        "reps": timer_plan.reps_of(item, timer_plan.mode_of(item)),
        "hold_s": item.get("hold_s") or 0,
        "duration_min": item.get("duration_min") or 0,
        "side": item.get("side") or "na",
        "phases": [phase.as_dict() for phase in phases],
        "total_s": timer_plan.total_seconds(phases),
        "next_url": (
            reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": later[0]})
            if later
            else ""
        ),
        "log_url": reverse("programs:portal-log", kwargs={"uuid": program.uuid}),
        "done_url": reverse("programs:portal-done", kwargs={"uuid": program.uuid}),
        "done_fields": _done_tick(program, item),
        "words": _timer_words(),
    }


def _timer_words() -> dict:
    """The timer's own words, translated here so follow.js carries none of its own."""
    return {
        "start": _("Start"),
        "pause": _("Pause"),
        "resume": _("Resume"),
        "of": _("%(n)s of %(count)s"),
        "rep": _("rep"),
        "finished": _("Finished"),
        "finishedCue": _("Nicely done. Relax for a moment."),
        "finishedSay": _("Exercise finished. Well done."),
        "wellDone": _("Well done!"),
        # The end of a run in which part of the exercise's work was skipped: not ticked done.
        "ended": _("Ended"),
        "endedCue": _("Part of this exercise was skipped."),
        "endedSay": _("Exercise ended. Part of it was skipped, so it is not ticked as done."),
        "skippedTitle": _("Part of it was skipped"),
        "noWake": _("Your screen may dim while you exercise: tap it now and then."),
        "introMin": _("Tap Start. The timer tells you each step (about %(n)s min)."),
        "introS": _("Tap Start. The timer tells you each step (about %(n)s s)."),
    }


def _next_slot(program: Program, item: dict) -> int | None:
    """The first of today's sessions of this exercise not yet ticked (None when all are).
    One query."""
    slots = len(plan.slot_names(item.get("times_per_day") or 1))
    ticked = set(
        DoneTick.objects.filter(
            program=program, date=timezone.localdate(), position=item["position"]
        ).values_list("slot", flat=True)
    )
    return next((n for n in range(slots) if n not in ticked), None)


def _done_tick(program: Program, item: dict) -> dict:
    """What the timer posts to `portal-done` when it finishes: this exercise, in the first of
    today's sessions not yet ticked (the evening one of a twice-a-day exercise done this
    morning)."""
    slot = _next_slot(program, item)
    return {"position": item["position"], "slot": 0 if slot is None else slot}


@patient_required
@require_GET
def portal_follow(request, uuid, position):
    program = _get_program(request, uuid)
    revision = program.current_revision
    item = _item(revision, position)
    clearance_flags = _clearance_flags(request.user, patient_id=program.patient_id)
    flags = clearance_flags
    (item,), safety = step_back_views.portal_safety(program, [item], clearance_flags=flags)
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
                "video": ExerciseVideo.objects.current_for([item["exercise"]["slug"]]).get(
                    item["exercise"]["slug"]
                ),
            },
            "clearance_flags": clearance_flags,  # the pause notice replaces the timer
            **safety,
            "count": len(positions),
            "plan": _timer_plan(item, program, position, positions),
        },
    )


@patient_required
@require_http_methods(["GET", "POST"])
def portal_log(request, uuid):
    """A session's log and safety check. Each one sent is its own entry (a second session the
    same day too); it may be for yesterday or the day before (marked late). A resent log with a
    known `client_uuid` answers as saved without a second entry."""
    program = _get_program(request, uuid)
    revision = program.current_revision
    today = timezone.localdate()
    today_logs = SessionLog.objects.filter(program=program, date=today).count()
    ticked = sorted(
        set(DoneTick.objects.filter(program=program, date=today).values_list("position", flat=True))
    )
    data = request.POST if request.method == "POST" else None
    # A fresh id per page: sending the same page twice (a double tap, a resent offline log)
    # saves one log.
    log_form = SessionLogForm(
        revision,
        data,
        today=today,
        initial={"exercises_done": ticked, "client_uuid": uuid_module.uuid4()},
    )
    safety_form = SafetyCheckForm(data)
    if data is not None:
        log_ok = log_form.is_valid()
        if safety_form.is_valid():
            answers = safety_form.answers()
            if log_ok or any(answers.values()):
                day = log_form.cleaned_data["date"] if log_ok else today
                result = services.record_check_in(
                    program=program,
                    by=request.user,
                    safety_answers=answers,
                    log=log_form.cleaned_data if log_ok else None,
                    day=day,
                    client_uuid=log_form.cleaned_data.get("client_uuid") if log_ok else None,
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
                if result.log is not None and result.log.late:
                    saved = _("Saved for %(day)s (logged late) — thank you.") % {
                        "day": _day_words(result.log.date)
                    }
                else:
                    saved = _("Saved — thank you. Your therapist sees this before your next visit.")
                messages.success(request, saved)
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
            "today_logs": today_logs,
            "today": today,
        },
    )


def _day_words(day) -> str:
    """'Saturday 5 December' in the reader's language, as the pages write a day."""
    return dateformat.format(day, _("l j F"))


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _plan_answer(request, program: Program, *, ok: bool, text: str, status: int = 200, **extra):
    """JSON for the follow-along script, or back to the program page with a message."""
    if _wants_json(request):
        return JsonResponse({"ok": ok, "message": text, **extra}, status=status)
    (messages.success if ok else messages.error)(request, text)
    url = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    return redirect(f"{url}#today-heading")


def _position(request) -> int | None:
    try:
        return int(request.POST.get("position", ""))
    except ValueError:
        return None


@patient_required
@require_POST
def portal_done(request, uuid):
    """Tick one exercise done today. The follow-along timer calls it when it finishes one.

    URL name `programs:portal-done`; POST `position` (the exercise's number in the program)
    and `slot` (0 = the first or only session of the day, 1 = the evening of a twice-a-day
    exercise, …), with the CSRF token. With `Accept: application/json` it answers
    {"ok": true, "position": 2, "slot": 0, "created": true} (400 with "message" when the
    exercise or slot is not in today's program); otherwise it redirects to the program page.
    The JSON also names `next_slot`, the session a second run of the timer on the same page
    should tick (null when every session of today is ticked).
    Ticking again changes nothing; `undo=1` takes a tick back.
    """
    program = _get_program(request, uuid)
    position = _position(request)
    try:
        slot = int(request.POST.get("slot") or 0)
        if position is None:
            raise ValidationError(_("Choose an exercise."))
        if request.POST.get("undo"):
            daily_services.untick_done(
                program=program, position=position, slot=slot, by=request.user
            )
            return _plan_answer(
                request,
                program,
                ok=True,
                text=_("Exercise %(n)s is no longer ticked.") % {"n": position},
                position=position,
                slot=slot,
                created=False,
            )
        _tick, created = daily_services.tick_done(
            program=program, position=position, slot=slot, by=request.user
        )
    except (ValueError, ValidationError) as error:
        text = error.messages[0] if isinstance(error, ValidationError) else _("Choose a session.")
        return _plan_answer(request, program, ok=False, text=text, status=400)
    extra = {}
    if _wants_json(request):
        extra["next_slot"] = _next_slot(program, _item(program.current_revision, position))
    return _plan_answer(
        request,
        program,
        ok=True,
        text=_("Exercise %(n)s ticked as done.") % {"n": position},
        position=position,
        slot=slot,
        created=created,
        **extra,
    )


@patient_required
@require_POST
def portal_move(request, uuid):
    """ "Do it today instead": bring an exercise that is not due today onto today's plan."""
    program = _get_program(request, uuid)
    position = _position(request)
    try:
        if position is None:
            raise ValidationError(_("Choose an exercise."))
        move = daily_services.move_to_today(program=program, position=position, by=request.user)
    except ValidationError as error:
        return _plan_answer(request, program, ok=False, text=error.messages[0], status=400)
    return _plan_answer(
        request,
        program,
        ok=True,
        text=_("Moved to today from %(day)s.") % {"day": _day_words(move.from_date)},
    )


@patient_required
@require_POST
def portal_days(request, uuid):
    """The patient chooses the weekdays of one exercise (as many as prescribed)."""
    program = _get_program(request, uuid)
    position = _position(request)
    try:
        weekdays = [int(day) for day in request.POST.getlist("weekdays")]
        if position is None:
            raise ValidationError(_("Choose an exercise."))
        daily_services.choose_days(
            program=program, position=position, weekdays=weekdays, by=request.user
        )
    except ValueError:
        return _plan_answer(
            request, program, ok=False, text=_("Choose days from Monday to Sunday."), status=400
        )
    except ValidationError as error:
        return _plan_answer(request, program, ok=False, text=error.messages[0], status=400)
    return _plan_answer(request, program, ok=True, text=_("Your days are saved."))


def staff_notice(alert: StaffAlert) -> str:
    """What the patient is told about the clinic after a worrying check-in: exactly what was
    done (an email really written to someone), never more."""
    if alert.therapist_emailed:
        return _("We have emailed your therapist. If you have emergency symptoms, call 911 now.")
    if alert.clinic_emailed:
        return _("We have emailed your clinic. If you have emergency symptoms, call 911 now.")
    return _(
        "Your clinic will see this when they next open Restore. If you have emergency "
        "symptoms, call 911 now."
    )


@patient_required
@require_GET
def portal_progress(request):
    progress = patient_progress(request.user, today=timezone.localdate())
    audit.log_event(
        request, audit.Action.VIEW, patient=request.user.patient_record, detail="Progress"
    )
    return render(request, "portal/progress.html", {"progress": progress})
