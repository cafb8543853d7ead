"""One patient's dated events from both apps, and the clinic's measures beside the home logs.

`patient_timeline` lists every dated event, newest first, from rows the page already loaded.
`clinic_and_home` puts what the clinic measured (intakes, outcome measures, re-assessments,
objective exams) and what the patient logged at home on one time axis, for the combined chart
and the "at a glance" comparison: a questionnaire can read "meaningfully better" while the
home logs show leg pain rising and symptoms spreading, and the clinician should see both.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import mean

from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import Patient, Reassessment
from clinic.reassessment.exam_changes import with_changes
from programs.models import SessionLog

# How far back the home logs are compared, and by how much pain must rise to count: 2 points
# on a 0-10 rating is the smallest change that matters to patients (the NPRS rule).
HOME_WINDOW_DAYS = 28
HOME_RISE_POINTS = 2
# Each end of the window is the mean of this many logs, so one bad day does not decide.
HOME_ENDS = 3


@dataclass
class HomeWeek:
    """A week of home logs (Monday to Sunday), as one line of the timeline."""

    start: date
    last_day: date
    days: int = 0
    first_leg: int = 0
    last_leg: int = 0
    first_back: int = 0
    last_back: int = 0
    highest_leg: int = 0
    further_down: int = 0
    comments: list[str] = field(default_factory=list)


def patient_timeline(
    *,
    intakes,
    measures,
    flags,
    amendments,
    programs=(),
    reassessments=(),
    exams=(),
    home_weeks=(),
) -> list[dict]:
    """Every dated event about the patient, newest first (from rows the page already loaded)."""
    events = []

    def add(when, day, kind, obj):
        events.append({"when": when, "day": day, "kind": kind, "object": obj})

    for intake in intakes:
        add(intake.created_at, intake.visit_date, "intake", intake)
    for measure in measures:
        add(measure.created_at, measure.taken_on, "measure", measure)
    for flag in flags:
        add(flag.created_at, timezone.localdate(flag.created_at), "flag", flag)
        if flag.decided_at:
            add(flag.decided_at, timezone.localdate(flag.decided_at), "decision", flag)
    for amendment in amendments:
        add(amendment.created_at, timezone.localdate(amendment.created_at), "amendment", amendment)
    for program in programs:
        add(program.created_at, program.start_date, "program", program)
    for visit in reassessments:
        add(visit.created_at, visit.visit_date, "reassessment", visit)
    for exam in exams:
        add(exam.created_at, exam.performed_on, "exam", exam)
    for week in home_weeks:
        # After the clinic's rows of the same day: the week is read up to its last log.
        add(timezone.make_aware(_end_of(week.last_day)), week.last_day, "home_week", week)
    return sorted(events, key=lambda e: (e["day"], e["when"]), reverse=True)


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59))


def home_weeks(logs) -> list[HomeWeek]:
    """The logs (oldest first) grouped by week, each with its first and last pain ratings."""
    weeks: dict[date, HomeWeek] = {}
    for log in logs:
        start = log.date - timedelta(days=log.date.weekday())
        week = weeks.get(start)
        if week is None:
            week = weeks[start] = HomeWeek(
                start=start,
                last_day=log.date,
                first_leg=log.leg_pain,
                first_back=log.back_pain,
            )
        week.days += 1
        week.last_day = log.date
        week.last_leg, week.last_back = log.leg_pain, log.back_pain
        week.highest_leg = max(week.highest_leg, log.leg_pain)
        week.further_down += log.leg_symptoms == SessionLog.LegSymptoms.FURTHER_DOWN
        if log.comment:
            week.comments.append(log.comment)
    return list(weeks.values())


@dataclass
class ClinicAndHome:
    reassessments: list
    exams: list  # oldest first, each with .changes and .previous
    home_weeks: list[HomeWeek]
    chart: dict | None  # for json_script; None when there is nothing to draw
    glance: dict


def _home_change(logs) -> dict | None:
    """Home pain at the start and end of the last HOME_WINDOW_DAYS of logs, and spreading."""
    if not logs:
        return None
    last_day = logs[-1].date
    window = [log for log in logs if log.date > last_day - timedelta(days=HOME_WINDOW_DAYS)]
    ends = min(HOME_ENDS, max(1, len(window) // 2))
    first, last = window[:ends], window[-ends:]

    def avg(rows, name):
        return round(mean(getattr(row, name) for row in rows))

    change = {
        "from": window[0].date,
        "to": last_day,
        "logged_days": len({log.date for log in window}),
        "leg": (avg(first, "leg_pain"), avg(last, "leg_pain")),
        "back": (avg(first, "back_pain"), avg(last, "back_pain")),
        "further_down": len(
            {log.date for log in window if log.leg_symptoms == SessionLog.LegSymptoms.FURTHER_DOWN}
        ),
    }
    change["leg_worse"] = change["leg"][1] - change["leg"][0] >= HOME_RISE_POINTS
    change["back_worse"] = change["back"][1] - change["back"][0] >= HOME_RISE_POINTS
    change["worse"] = change["leg_worse"] or change["back_worse"] or change["further_down"] > 0
    return change


def _clinic_changes(trends) -> list[dict]:
    rows = []
    for trend in trends:
        latest = trend.latest
        if latest is None or trend.key == "start_back":
            continue
        change = latest.change
        rows.append(
            {
                "title": trend.title,
                "baseline": trend.baseline,
                "latest": latest,
                "direction": change.direction if change and change.meaningful else "",
            }
        )
    return rows


def _chart(*, intakes, measures, visits, exams, logs) -> dict | None:
    clinic_back, clinic_leg, percent = {}, {}, {"rmdq": {}, "odi": {}, "sbi": {}}
    # Questionnaires the patient answered at home share the series with the clinic's own.
    at_home = {m.instrument for m in measures if m.source == "patient"}
    for intake in sorted(intakes, key=lambda i: (i.visit_date, i.pk)):
        if intake.back_pain_now is not None:
            clinic_back[intake.visit_date] = intake.back_pain_now
        if intake.leg_pain_now is not None:
            clinic_leg[intake.visit_date] = intake.leg_pain_now
    for measure in sorted(measures, key=lambda m: (m.taken_on, m.pk)):
        if measure.instrument == "nprs":
            if measure.details.get("back_now") is not None:
                clinic_back[measure.taken_on] = measure.details["back_now"]
            if measure.details.get("leg_now") is not None:
                clinic_leg[measure.taken_on] = measure.details["leg_now"]
        elif measure.instrument in percent and measure.score is not None:
            top = 100 if measure.instrument == "odi" else 24
            percent[measure.instrument][measure.taken_on] = round(float(measure.score) * 100 / top)
    for visit in sorted(visits, key=lambda v: (v.visit_date, v.pk)):
        now = {row["key"]: row.get("after") for row in visit.carried}
        if now.get("back_pain_now") is not None:
            clinic_back[visit.visit_date] = now["back_pain_now"]
        if now.get("leg_pain_now") is not None:
            clinic_leg[visit.visit_date] = now["leg_pain_now"]
    home_back = {log.date: log.back_pain for log in logs}
    home_leg = {log.date: log.leg_pain for log in logs}
    spread = {
        log.date: log.leg_pain
        for log in logs
        if log.leg_symptoms == SessionLog.LegSymptoms.FURTHER_DOWN
    }
    exam_days = {exam.performed_on: 10 for exam in exams}
    series = [
        ("home_leg", _("Home log: leg pain"), "pain", home_leg),
        ("home_back", _("Home log: back pain"), "pain", home_back),
        ("spread", _("Home log: symptoms further down the leg"), "pain", spread),
        ("clinic_leg", _("Clinic: leg pain"), "pain", clinic_leg),
        ("clinic_back", _("Clinic: back pain"), "pain", clinic_back),
        ("rmdq", _("Clinic: Roland-Morris, % of 24"), "percent", percent["rmdq"]),
        ("odi", _("Clinic: Oswestry, %"), "percent", percent["odi"]),
        ("sbi", _("Clinic: Sciatica Bothersomeness, % of 24"), "percent", percent["sbi"]),
        ("exam", _("Objective exam"), "pain", exam_days),
    ]
    home_labels = {
        "clinic_leg": _("Clinic and home questionnaires: leg pain"),
        "clinic_back": _("Clinic and home questionnaires: back pain"),
        "rmdq": _("Clinic and home: Roland-Morris, % of 24"),
        "odi": _("Clinic and home: Oswestry, %"),
        "sbi": _("Clinic and home: Sciatica Bothersomeness, % of 24"),
    }
    from_home = {key for key in home_labels if key in at_home} | (
        {"clinic_leg", "clinic_back"} if "nprs" in at_home else set()
    )
    series = [
        (key, home_labels[key] if key in from_home else label, axis, points)
        for key, label, axis, points in series
        if points
    ]
    days = sorted({day for *_, points in series for day in points})
    if len(days) < 2:
        return None
    start = days[0]
    # A time axis (days since the first point), so six weeks of daily logs and a few clinic
    # visits months apart keep their true distances.
    return {
        "start": start.isoformat(),
        "span": (days[-1] - start).days,
        "series": [
            {
                "key": key,
                "label": label,
                "axis": axis,
                "points": [[(day - start).days, value] for day, value in sorted(points.items())],
            }
            for key, label, axis, points in series
        ],
    }


def clinic_and_home(patient: Patient, *, intakes, measures, trends) -> ClinicAndHome:
    """The clinic's findings and the home logs of one patient, together. Three queries: the
    re-assessments, the objective exams and the home logs; the rest the page already loaded."""
    visits = list(
        Reassessment.objects.filter(patient=patient).select_related("performed_by", "exam")
    )
    for visit in visits:
        visit.patient = patient  # its URL names the patient: no query per row
    exams = with_changes(list(patient.objective_exams.select_related("performed_by")))
    logs = list(
        SessionLog.objects.filter(patient=patient)
        .order_by("date", "id")
        .only("date", "back_pain", "leg_pain", "leg_symptoms", "comment")
    )
    clinic = _clinic_changes(trends)
    home = _home_change(logs)
    better = any(row["direction"] == "improved" for row in clinic)
    return ClinicAndHome(
        reassessments=visits,
        exams=exams,
        home_weeks=home_weeks(logs),
        chart=_chart(intakes=intakes, measures=measures, visits=visits, exams=exams, logs=logs),
        glance={
            "clinic": clinic,
            "home": home,
            "disagree": bool(better and home and home["worse"]),
        },
    )
