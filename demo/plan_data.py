"""Demo state of the patients' daily plans: done ticks today and a late log.

Jordan (rivera) has ticked most of today's exercises (a twice-a-day one done in the morning,
its evening still open) and logged yesterday's session late, today. Priya (natarajan) chose her
own days for an exercise that is not daily. Idempotent: running again changes nothing.
"""

from datetime import date, timedelta

from django.utils import timezone

from clinic.models import Patient
from programs import plan, services
from programs.models import DoneTick, PlanDays, Program, SessionLog


def _program(patient: Patient | None) -> Program | None:
    if patient is None:
        return None
    return (
        Program.objects.filter(patient=patient, current_revision__isnull=False)
        .exclude(status=Program.Status.ARCHIVED)
        .select_related("current_revision")
        .order_by("created_at")
        .first()
    )


def _tick_today(program: Program, today: date) -> None:
    chosen = {row.position: row.weekday_list for row in PlanDays.objects.filter(program=program)}
    due, _rest = plan.plan_for(
        program.current_revision.items, today, start=program.start_date, chosen=chosen
    )
    for entry in due[:-1] or due:  # the last one is still to do
        DoneTick.objects.get_or_create(
            program=program,
            date=today,
            position=entry.position,
            slot=0,
            defaults={"revision": program.current_revision},
        )


def _late_log_yesterday(program: Program, today: date) -> None:
    yesterday = today - timedelta(days=1)
    log = SessionLog.objects.filter(program=program, date=yesterday).order_by("id").first()
    if log is None:
        SessionLog.objects.create(
            patient=program.patient,
            program=program,
            revision=program.current_revision,
            date=yesterday,
            exercises_done=[item["position"] for item in program.current_revision.items],
            back_pain=2,
            leg_pain=2,
            leg_symptoms=SessionLog.LegSymptoms.MOVED_UP,
            comment="Forgot to log last night, did everything before dinner.",
            late=True,
        )
        services.refresh_checkin_summary(program=program)
    elif not log.late:
        SessionLog.objects.filter(pk=log.pk).update(late=True)


def _own_days(program: Program) -> None:
    for item in program.current_revision.items:
        wanted = item.get("days_per_week") or 7
        if wanted < 7:
            # Weekdays after work: Monday, Wednesday, Friday (or the first `wanted` of them).
            days = [0, 2, 4, 1, 3, 5][:wanted]
            PlanDays.objects.get_or_create(
                program=program,
                position=item["position"],
                defaults={"weekdays": sum(1 << day for day in days)},
            )
            return


def seed(*, patients: dict[str, Patient], today: date | None = None) -> None:
    today = today or timezone.localdate()
    jordan = _program(patients.get("rivera"))
    if jordan is not None:
        _tick_today(jordan, today)
        _late_log_yesterday(jordan, today)
    priya = _program(patients.get("natarajan"))
    if priya is not None:
        _own_days(priya)
        _tick_today(priya, today)
