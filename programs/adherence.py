"""Adherence, pain trends and portal alerts, read from the patients' session logs.

Definitions (the therapist's page and the dashboard use the same ones):

- **Program start**: the later of the program's start date and the day it was first published
  (the patient cannot do a program before they can see it).
- **Done day**: a day with a session log that ticks at least one exercise. Several sessions
  logged on one day count as one done day.
- **Prescribed days**: the days of the plan (programs/plan.py) on which at least one exercise is
  due: an exercise n days a week falls on n days spread over each week from the program's start
  date, so a program with daily stretches and a 3-day walk is due every day, and one with a
  3-day and a 2-day exercise (Monday, Wednesday, Friday and Monday, Thursday) on 4 days a week.
  **Prescribed days per week** is that number of days.
- **Adherence over the last N days**: done days ÷ prescribed days, where the window is today and
  the N−1 days before it, starting no earlier than the program start; today counts only once it
  is logged (a morning look should not read as a missed day). Capped at 100 %.
- **Pain rising**: the latest log's back or leg pain is at least 2 points higher than the first
  log of the same program (the patient's baseline in this program). Needs two logs on
  different days.
- **Spreading**: a log in the last 7 days says the leg symptoms moved further down the leg
  (peripheralisation, one of the stop rules printed with every exercise).
- **Silent**: nothing logged on any of the last 7 days on which the program was available
  (the last log, or the day before the program start, is 7 or more days ago).

The dashboard watches a therapist's own patients (everyone's on request, and always for an
admin): patients who are not archived, with a published program that is not archived. It reads
each program's check-in summary (the first and last log, the latest spread, when the program
started; see `checkin_summary`), which services.refresh_checkin_summary() keeps current, so it
never reads every program's logs.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import Case, DateField, F, OuterRef, Q, Subquery, When
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from clinic.models import OutboxMessage, Patient, User, caseload_therapist

from . import plan
from .models import Program, ProgramRevision, SessionLog

PAIN_RISE_ALERT = 2
SPREAD_WINDOW_DAYS = 7
SILENT_AFTER_DAYS = 7
TREND_DAYS = 28
COMMENTS_SHOWN = 5
ALERTS_SHOWN = 50
# Each list's count stops here ("more than 1,000"): counting every spreading program of a
# large clinic cost more than the rest of the dashboard, and past this no one reads the number.
ALERTS_COUNTED = 1000


# --- pure rules -------------------------------------------------------------------------------


def prescribed_days_per_week(items: Iterable[dict]) -> int:
    """The days a week on which the plan has at least one exercise due (see module docstring).

    The same for every start day: each exercise's days turn with the start day together."""
    offsets = set()
    for item in items:
        offsets |= set(plan.spread_offsets(item.get("days_per_week") or 7))
    return len(offsets) or 7


def program_start(start_date: date, first_published) -> date:
    if first_published is None:
        return start_date
    return max(start_date, timezone.localdate(first_published))


@dataclass(frozen=True)
class Adherence:
    days: int  # the window: 7 or 28
    done: int  # done days in the window
    expected: float  # prescribed days in the window

    @property
    def share(self) -> float | None:
        if self.expected <= 0:
            return None
        return min(1.0, self.done / self.expected)

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def expected_days(self) -> int:
        return round(self.expected)


def adherence(
    *,
    done_dates: Iterable[date],
    per_week: int,
    start: date,
    today: date,
    days: int,
    today_logged: bool = False,
    due_dates: Iterable[date] | None = None,
) -> Adherence:
    """Share of prescribed days done in the `days` days ending today (see module docstring).

    `today_logged`: today has a log (perhaps a rest day), so today counts as a prescribed day.
    `due_dates`: the plan's days (plan.due_dates) in the window; without them the prescribed
    days are `per_week` × the days available ÷ 7.
    """
    done_dates = set(done_dates)
    window_start = max(today - timedelta(days=days - 1), start)
    if window_start > today:
        return Adherence(days=days, done=0, expected=0)
    counts_today = today in done_dates or today_logged
    done = sum(1 for d in done_dates if window_start <= d <= today)
    if due_dates is not None:
        due = {d for d in due_dates if window_start <= d < today}
        expected = len(due) + (1 if counts_today else 0)
        return Adherence(days=days, done=done, expected=expected)
    available = (today - window_start).days + 1
    if not counts_today:
        available -= 1
    return Adherence(days=days, done=done, expected=per_week * available / 7)


@dataclass(frozen=True)
class PainPoint:
    date: date
    back: int
    leg: int


class AlertKind:
    PAIN_RISING = "pain_rising"
    SPREADING = "spreading"
    SILENT = "silent"


@dataclass(frozen=True)
class Alert:
    kind: str
    text: str
    severity: int = 0  # for ordering within a kind: bigger first


def alerts_for(
    *,
    start: date,
    first: PainPoint | None,
    last: PainPoint | None,
    last_spread: date | None,
    today: date,
) -> list[Alert]:
    """The dashboard rules for one program (see module docstring)."""
    alerts = []
    if first and last and last.date > first.date:
        back_rise, leg_rise = last.back - first.back, last.leg - first.leg
        rise = max(back_rise, leg_rise)
        if rise >= PAIN_RISE_ALERT:
            parts = []
            if back_rise >= PAIN_RISE_ALERT:
                parts.append(f"back {first.back} → {last.back}")
            if leg_rise >= PAIN_RISE_ALERT:
                parts.append(f"leg {first.leg} → {last.leg}")
            alerts.append(
                Alert(
                    AlertKind.PAIN_RISING,
                    f"Pain up {rise}: {', '.join(parts)} since {first.date:%-d %b}",
                    rise,
                )
            )
    if last_spread and 0 <= (today - last_spread).days < SPREAD_WINDOW_DAYS:
        alerts.append(
            Alert(
                AlertKind.SPREADING,
                f"Symptoms further down the leg on {last_spread:%a %-d %b}",
                -(today - last_spread).days,
            )
        )
    anchor = last.date if last else start - timedelta(days=1)
    silent_days = (today - anchor).days
    if silent_days >= SILENT_AFTER_DAYS:
        text = (
            f"Nothing logged for {silent_days} days (last {last.date:%-d %b})"
            if last
            else f"Nothing logged since the program started on {start:%-d %b}"
        )
        alerts.append(Alert(AlertKind.SILENT, text, silent_days))
    return alerts


def checkin_summary(
    *,
    start_date: date,
    first_published,
    first: PainPoint | None,
    last: PainPoint | None,
    last_spread: date | None,
) -> dict:
    """The program's check-in summary columns (see Program), from what `alerts_for` reads.

    `last_spread` is the latest "further down the leg" log, whatever its date: the dashboard
    applies the window. `pain_rise` and `silent_since` let it filter and order each alert list
    in the database: pain rising ⇔ pain_rise >= PAIN_RISE_ALERT (severity: the rise); silent ⇔
    silent_since <= today − SILENT_AFTER_DAYS (severity: days since).
    """
    pain_rise = None
    if first and last and last.date > first.date:
        pain_rise = max(last.back - first.back, last.leg - first.leg)
    if last:
        silent_since = last.date
    else:
        silent_since = program_start(start_date, first_published) - timedelta(days=1)
    return {
        "first_published_at": first_published,
        "first_log_on": first.date if first else None,
        "first_back_pain": first.back if first else None,
        "first_leg_pain": first.leg if first else None,
        "last_log_on": last.date if last else None,
        "last_back_pain": last.back if last else None,
        "last_leg_pain": last.leg if last else None,
        "last_spread_on": last_spread,
        "pain_rise": pain_rise,
        "silent_since": silent_since,
    }


# --- the therapist's view of one patient ------------------------------------------------------


def _sparkline(points: list[PainPoint], *, start: date, today: date) -> dict:
    """SVG polyline points for back and leg pain over the window (x: date, y: 0–10)."""
    width, height, pad = 280, 64, 4
    span = max((today - start).days, 1)

    def xy(p: PainPoint, value: int) -> str:
        x = pad + (width - 2 * pad) * (p.date - start).days / span
        y = pad + (height - 2 * pad) * (10 - value) / 10
        return f"{x:.1f},{y:.1f}"

    return {
        "width": width,
        "height": height,
        "back": " ".join(xy(p, p.back) for p in points),
        "leg": " ".join(xy(p, p.leg) for p in points),
    }


@dataclass
class ProgramAdherence:
    program: Program
    per_week: int
    start: date
    last_7: Adherence
    last_28: Adherence
    first: PainPoint | None
    last: PainPoint | None
    trend: list[PainPoint] = field(default_factory=list)
    sparkline: dict = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    log_count: int = 0


def _first_published():
    return Subquery(
        ProgramRevision.objects.filter(program=OuterRef("pk"))
        .order_by("number")
        .values("published_at")[:1]
    )


def patient_adherence(patient: Patient, *, today: date | None = None) -> dict:
    """Adherence, pain trend, alerts and latest comments for the patient page (staff).

    Two queries whatever the number of logs: the patient's active programs, then their logs.
    Render with templates/programs/_patient_adherence.html (context name `adherence`).
    """
    today = today or timezone.localdate()
    programs = list(
        Program.objects.filter(patient=patient, current_revision__isnull=False)
        .exclude(status=Program.Status.ARCHIVED)
        .select_related("current_revision")
        .annotate(first_published=_first_published())
        .order_by("-current_revision__published_at")
    )
    logs_by_program = defaultdict(list)
    comments = []
    if programs:
        for log in SessionLog.objects.filter(program__in=programs).order_by("date", "id"):
            logs_by_program[log.program_id].append(log)
            if log.comment.strip():
                comments.append(log)
    rows = []
    for program in programs:
        logs = logs_by_program[program.pk]
        start = program_start(program.start_date, program.first_published)
        per_week = prescribed_days_per_week(program.current_revision.items)
        done = {log.date for log in logs if log.exercises_done}
        points = [PainPoint(log.date, log.back_pain, log.leg_pain) for log in logs]
        first, last = (points[0], points[-1]) if points else (None, None)
        last_spread = max(
            (
                log.date
                for log in logs
                if log.leg_symptoms == SessionLog.LegSymptoms.FURTHER_DOWN
                and (today - log.date).days < SPREAD_WINDOW_DAYS
            ),
            default=None,
        )
        window = {
            "done_dates": done,
            "per_week": per_week,
            "start": start,
            "today": today,
            "today_logged": bool(points) and points[-1].date == today,
            "due_dates": plan.due_dates(
                program.current_revision.items,
                start=program.start_date,
                first=today - timedelta(days=28),
                last=today,
            ),
        }
        trend_start = today - timedelta(days=TREND_DAYS - 1)
        trend = [p for p in points if p.date >= trend_start]
        rows.append(
            ProgramAdherence(
                program=program,
                per_week=per_week,
                start=start,
                last_7=adherence(days=7, **window),
                last_28=adherence(days=28, **window),
                first=first,
                last=last,
                trend=trend,
                sparkline=_sparkline(trend, start=trend_start, today=today),
                alerts=alerts_for(
                    start=start, first=first, last=last, last_spread=last_spread, today=today
                ),
                log_count=len(logs),
            )
        )
    comments.sort(key=lambda log: (log.date, log.pk), reverse=True)
    return {
        "patient": patient,
        "today": today,
        "programs": rows,
        "comments": comments[:COMMENTS_SHOWN],
        "invitation_url": reverse("clinic:patient-invitation", kwargs={"uuid": patient.uuid}),
    }


# --- the dashboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardRow:
    program: Program
    alert: Alert

    @property
    def patient(self) -> Patient:
        return self.program.patient


def dashboard_programs(user: User, *, everyone: bool = False):
    """Whose check-ins a dashboard watches: a therapist's own patients, unless they ask for
    everyone's (covering for a colleague); an admin always watches everyone's."""
    programs = (
        Program.objects.for_user(user)
        .filter(current_revision__isnull=False)
        .exclude(status=Program.Status.ARCHIVED)
    )
    if everyone or user.is_clinic_admin:
        return programs.filter(patient__archived_at__isnull=True)
    # The patient's therapist while active, as its index holds it (see caseload_therapist):
    # the database starts from the therapist's patients when they are few, rather than
    # walking the whole clinic's alerts to find theirs.
    return programs.alias(caseload_of=caseload_therapist("patient__")).filter(caseload_of=user.pk)


def _spread_day(today: date):
    """The latest "further down the leg" day in the window ending today, or null.

    The summary keeps the latest such day of all: that is the answer unless it is after
    `today` (a dashboard asked about an earlier day), when the logs themselves are read.
    """
    since = today - timedelta(days=SPREAD_WINDOW_DAYS - 1)
    return Case(
        When(last_spread_on__lte=today, then=F("last_spread_on")),
        default=Subquery(
            SessionLog.objects.filter(
                program=OuterRef("pk"),
                leg_symptoms=SessionLog.LegSymptoms.FURTHER_DOWN,
                date__gte=since,
                date__lte=today,
            )
            .order_by("-date")
            .values("date")[:1]
        ),
        output_field=DateField(),
    )


def _checkin_alert(program: Program, kind: str, *, today: date, spread_day: date | None):
    """The program's alert of one kind, worded by `alerts_for` from the check-in summary."""

    def point(day, back, leg):
        return PainPoint(day, back, leg) if day is not None else None

    alerts = alerts_for(
        start=program_start(program.start_date, program.first_published_at),
        first=point(program.first_log_on, program.first_back_pain, program.first_leg_pain),
        last=point(program.last_log_on, program.last_back_pain, program.last_leg_pain),
        last_spread=spread_day,
        today=today,
    )
    return next((alert for alert in alerts if alert.kind == kind), None)


def _nudged_in_this_spell():
    """When the patient was last sent a re-engagement nudge after the program's last log
    (services/nudges.py; the outbox row is the record), or null."""
    return Subquery(
        OutboxMessage.objects.filter(
            patient=OuterRef("patient"),
            kind=OutboxMessage.Kind.NUDGE,
            created_at__date__gt=OuterRef("silent_since"),
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def _step_back_waiting():
    """The program's step back waiting for the therapist's decision (its uuid), or null: the
    row links to its review page (services/step_backs.py)."""
    from .step_back import StepBack

    return Subquery(
        StepBack.objects.filter(program=OuterRef("pk"), status=StepBack.Status.PENDING)
        .order_by("created_at", "pk")
        .values("uuid")[:1]
    )


def _severity_then_name(row: DashboardRow):
    return (-row.alert.severity, row.patient.last_name, row.patient.first_name)


def alert_rules(today: date) -> tuple[dict, dict]:
    """Each dashboard list's condition on the check-in summary, and its order.

    A list's condition and order lead with the same summary column, which has an index, so
    the database reads just the rows it shows. The spreading rule needs `spread_day`
    annotated (see `_spread_day`).
    """
    spread_since = today - timedelta(days=SPREAD_WINDOW_DAYS - 1)
    silent_by = today - timedelta(days=SILENT_AFTER_DAYS)
    rules = {
        AlertKind.PAIN_RISING: Q(pain_rise__gte=PAIN_RISE_ALERT),
        # last_spread_on >= since narrows to the index range before the window is checked.
        AlertKind.SPREADING: Q(last_spread_on__gte=spread_since, spread_day__isnull=False),
        AlertKind.SILENT: Q(silent_since__lte=silent_by),
    }
    order = {
        AlertKind.PAIN_RISING: F("pain_rise").desc(),
        AlertKind.SPREADING: F("spread_day").desc(),
        AlertKind.SILENT: F("silent_since").asc(),
    }
    return rules, order


def dashboard_alerts(user: User, *, everyone: bool = False, today: date | None = None) -> dict:
    """Programs whose patients need a look: pain rising, spreading, silent. Four queries.

    Each rule is a condition on the programs' check-in summary (see `checkin_summary`): one
    query counts the three lists, then one per list reads its most severe ALERTS_SHOWN
    programs with their patients, in the order of an index on the summary, so the cost
    follows the rows shown rather than the programs watched. The texts come from
    `alerts_for`, the same rules as the patient page.
    """
    today = today or timezone.localdate()
    rules, order = alert_rules(today)
    watched = dashboard_programs(user, everyone=everyone)
    counts = _capped_counts(
        watched.annotate(spread_day=_spread_day(today)),
        {
            **rules,
            "spread_after_today": Q(last_spread_on__gt=today),
        },
        cap=ALERTS_COUNTED,
    )
    if not counts["spread_after_today"]:
        # The usual case: spread_day is last_spread_on, so its index gives the order too.
        order[AlertKind.SPREADING] = F("last_spread_on").desc()
    lists = {}
    for kind, rule in rules.items():
        programs = watched
        if kind == AlertKind.SPREADING:
            programs = programs.annotate(spread_day=_spread_day(today))
        if kind == AlertKind.SILENT:
            programs = programs.annotate(nudged_at=_nudged_in_this_spell())
        else:  # a worrying log may have left a step back waiting for the therapist
            programs = programs.annotate(step_back_waiting=_step_back_waiting())
        # Who makes the cut among equally severe programs: the older program, the last key
        # of the list's index, so the database stops after the rows shown (sorting ties by
        # the patient's name read every tied program and its patient: at 500,000 patients,
        # thousands silent since the same day). The rows shown are then sorted by name.
        shown = (
            programs.filter(rule)
            .select_related("patient", "patient__therapist")
            .order_by(order[kind], "pk")
        )[:ALERTS_SHOWN]
        rows = []
        for program in shown:
            spread_day = getattr(program, "spread_day", None)
            alert = _checkin_alert(program, kind, today=today, spread_day=spread_day)
            if alert is not None:
                rows.append(DashboardRow(program, alert))
        # Sorted here, not by the database: PostgreSQL's collation may order names apart
        # from Python's, and the list reads the same on every database.
        rows.sort(key=_severity_then_name)
        lists[kind] = rows
    return {
        "today": today,
        "scope": "all" if everyone or user.is_clinic_admin else "mine",
        "can_narrow": not user.is_clinic_admin,
        "pain_rising": lists[AlertKind.PAIN_RISING],
        "spreading": lists[AlertKind.SPREADING],
        "silent": lists[AlertKind.SILENT],
        "counts": {kind: counts[kind] for kind in rules},
        # A count above this reads "more than" it (the count stopped there).
        "counted": ALERTS_COUNTED,
    }


def _capped_counts(queryset, conditions: dict, *, cap: int) -> dict:
    """How many rows of the queryset meet each condition, counting no further than cap + 1,
    in one query: each count is a subquery that stops at its cap + 1st row, so it costs what
    it counts up to, not the whole clinic's programs (an aggregate over them all read every
    watched program and its patient)."""
    parts, params = [], []
    for condition in conditions.values():
        capped = queryset.filter(condition).order_by().values("pk")[: cap + 1]
        sql, capped_params = capped.query.sql_with_params()
        # Django compiled each part, values stay parameters.
        count = f"(SELECT COUNT(*) FROM ({sql}) capped)"  # noqa: S608  # nosec B608
        parts.append(count)
        params.extend(capped_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)  # nosec B608
        row = cursor.fetchone()
    return dict(zip(conditions, row, strict=True))


# --- the patient's own progress ---------------------------------------------------------------

WEEKS_SHOWN = 26
SYMPTOM_ORDER = {  # the most worrying answer of a day wins
    SessionLog.LegSymptoms.FURTHER_DOWN: 3,
    SessionLog.LegSymptoms.SAME: 2,
    SessionLog.LegSymptoms.MOVED_UP: 1,
    SessionLog.LegSymptoms.NONE: 0,
}


@dataclass
class ProgressDay:
    date: date
    back: int
    leg: int
    leg_symptoms: str
    exercises: int
    done: bool

    @property
    def leg_symptoms_label(self) -> str:
        return SessionLog.LegSymptoms(self.leg_symptoms).label


@dataclass(frozen=True)
class ProgressWeek:
    monday: date
    done: int
    target: int


def patient_progress(user: User, *, today: date) -> dict:
    """The patient's pain by day and done days by week, for the chart and its table.

    Two queries: the patient's logs and their active programs (for the weekly target). When two
    programs are logged on one day, the day shows the higher pain and the more worrying leg
    answer.
    """
    days: dict[date, ProgressDay] = {}
    for log in SessionLog.objects.for_user(user).order_by("date", "id"):
        done = bool(log.exercises_done)
        day = days.get(log.date)
        if day is None:
            days[log.date] = ProgressDay(
                log.date,
                log.back_pain,
                log.leg_pain,
                log.leg_symptoms,
                len(log.exercises_done),
                done,
            )
            continue
        day.back = max(day.back, log.back_pain)
        day.leg = max(day.leg, log.leg_pain)
        if SYMPTOM_ORDER[log.leg_symptoms] > SYMPTOM_ORDER[day.leg_symptoms]:
            day.leg_symptoms = log.leg_symptoms
        day.exercises += len(log.exercises_done)
        day.done = day.done or done
    series = list(days.values())
    programs = (
        Program.objects.for_user(user)
        .exclude(status=Program.Status.ARCHIVED)
        .select_related("current_revision")
    )
    target = max(
        (prescribed_days_per_week(program.current_revision.items) for program in programs),
        default=7,
    )

    weeks = []
    if series:
        this_monday = today - timedelta(days=today.weekday())
        first_monday = series[0].date - timedelta(days=series[0].date.weekday())
        first_monday = max(first_monday, this_monday - timedelta(weeks=WEEKS_SHOWN - 1))
        done_by_week = defaultdict(int)
        for day in series:
            if day.done:
                done_by_week[day.date - timedelta(days=day.date.weekday())] += 1
        monday = first_monday
        while monday <= this_monday:
            weeks.append(ProgressWeek(monday, done_by_week[monday], target))
            monday += timedelta(weeks=1)
        first_day = first_monday
        series = [day for day in series if day.date >= first_day]

    chart = {
        "days": [day.date.isoformat() for day in series],
        # Short dates in the reader's language ("1 Dec", "1 dic"), as the table beside it.
        "day_labels": [dateformat.format(day.date, gettext("j M")) for day in series],
        "back": [day.back for day in series],
        "leg": [day.leg for day in series],
        "week_labels": [dateformat.format(week.monday, gettext("j M")) for week in weeks],
        "week_done": [week.done for week in weeks],
        "target": target,
    }
    return {
        "days": list(reversed(series)),
        "weeks": list(reversed(weeks)),
        "chart": chart,
        "first": series[0] if series else None,
        "latest": series[-1] if series else None,
        "target": target,
        "this_week": weeks[-1] if weeks else None,
    }


def is_worrying_change(*, pain_rise: int | None, last_spread_on: date | None, today: date) -> bool:
    """Today's log is one the dashboard flags: the symptoms moved further down the leg today,
    or the pain is up by PAIN_RISE_ALERT or more since the first log. The patient is told to
    ease off (`ease_off_advice`) and their therapist is alerted at once."""
    spreading = last_spread_on == today
    rising = pain_rise is not None and pain_rise >= PAIN_RISE_ALERT
    return spreading or rising


def ease_off_advice(program: Program, *, today: date, phone: str) -> str:
    """What the patient should do when today's log is one the dashboard flags (the rules above):
    pain up by PAIN_RISE_ALERT or more since the first log, or symptoms further down the leg.
    The clinic's approach: do what you can without pain, and build up again gradually."""
    program.refresh_from_db(
        fields=[
            "pain_rise",
            "last_spread_on",
            "first_back_pain",
            "last_back_pain",
            "first_leg_pain",
            "last_leg_pain",
        ]
    )
    spreading = program.last_spread_on == today
    if not is_worrying_change(
        pain_rise=program.pain_rise, last_spread_on=program.last_spread_on, today=today
    ):
        return ""
    # Whole sentences in the reader's language (the patient's, on the portal).
    if spreading:
        what = gettext("Your symptoms moved further down your leg today.")
    else:
        what = gettext(
            "Your pain is higher than when you started (back %(back_first)s → "
            "%(back_last)s, leg %(leg_first)s → %(leg_last)s)."
        ) % {
            "back_first": program.first_back_pain,
            "back_last": program.last_back_pain,
            "leg_first": program.first_leg_pain,
            "leg_last": program.last_leg_pain,
        }
    if phone:
        advice = gettext(
            "Ease off: do only the exercises you can do without pain, and smaller. If it does "
            "not settle in a day or two, call us on %(phone)s. Any of the emergency symptoms: "
            "call 911."
        ) % {"phone": phone}
    else:
        advice = gettext(
            "Ease off: do only the exercises you can do without pain, and smaller. If it does "
            "not settle in a day or two, call the clinic. Any of the emergency symptoms: "
            "call 911."
        )
    return f"{what} {advice}"
