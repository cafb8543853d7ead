"""Writes to the patient's daily plan: a done tick, the patient's own weekdays for an exercise,
and a due day moved to today. Each checks the exercise against the program's current revision,
runs in one transaction and is audited."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clinic import audit
from clinic.models import User

from .. import plan
from ..models import Program
from .models import DoneTick, PlanDays, PlanMove


def _item(program: Program, position: int) -> dict:
    for item in program.current_revision.items:
        if item["position"] == position:
            return item
    raise ValidationError(_("That exercise is not in your current program."))


@dataclass
class PlanState:
    """What the patient recorded for a program's plan, read in three queries."""

    chosen: dict[int, list[int]] = field(default_factory=dict)
    moves: list[plan.Move] = field(default_factory=list)
    ticks: set[tuple[int, int]] = field(default_factory=set)  # (position, slot) done on `day`


def plan_state(program: Program, *, day: date) -> PlanState:
    return plan_states([program], day=day)[program.pk]


def plan_states(programs: list[Program], *, day: date) -> dict[int, PlanState]:
    """Each program's PlanState for `day`, in three queries however many programs."""
    states = {program.pk: PlanState() for program in programs}
    weeks = {program.pk: plan.week_of(day, program.start_date) for program in programs}
    for row in PlanDays.objects.filter(program__in=programs):
        states[row.program_id].chosen[row.position] = row.weekday_list
    earliest = min((first for first, _last in weeks.values()), default=day)
    moves = PlanMove.objects.filter(
        program__in=programs, to_date__range=(earliest, earliest + timedelta(days=13))
    ).values_list("program_id", "position", "from_date", "to_date")
    for program_id, position, from_date, to_date in moves:
        first, last = weeks[program_id]
        if first <= to_date <= last:
            states[program_id].moves.append(plan.Move(position, from_date, to_date))
    ticks = DoneTick.objects.filter(program__in=programs, date=day).values_list(
        "program_id", "position", "slot"
    )
    for program_id, position, slot in ticks:
        states[program_id].ticks.add((position, slot))
    return states


@transaction.atomic
def tick_done(
    *, program: Program, position: int, slot: int = 0, day: date | None = None, by: User
) -> tuple[DoneTick, bool]:
    """Mark one exercise done in one slot of the day; ticking it again changes nothing."""
    day = day or timezone.localdate()
    item = _item(program, position)
    if not 0 <= slot < len(plan.slot_names(item.get("times_per_day") or 1)):
        raise ValidationError(_("That exercise has no such session today."))
    tick, created = DoneTick.objects.get_or_create(
        program=program,
        date=day,
        position=position,
        slot=slot,
        defaults={"revision": program.current_revision},
    )
    if created:
        audit.record(
            action=audit.Action.CREATE,
            user=by,
            patient=program.patient,
            obj=tick,
            detail=f"Exercise {position} done on {day:%-d %b %Y} (session {slot + 1})",
        )
    return tick, created


@transaction.atomic
def untick_done(
    *, program: Program, position: int, slot: int = 0, day: date | None = None, by: User
) -> bool:
    """Take back a tick set by mistake (the day's log, if any, is left as it was)."""
    day = day or timezone.localdate()
    tick = DoneTick.objects.filter(program=program, date=day, position=position, slot=slot).first()
    if tick is None:
        return False
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=program.patient,
        obj=tick,
        detail=f"Exercise {position} tick taken back on {day:%-d %b %Y} (session {slot + 1})",
    )
    tick.delete()
    return True


@transaction.atomic
def choose_days(*, program: Program, position: int, weekdays: list[int], by: User) -> PlanDays:
    """The patient's own weekdays for one exercise: exactly as many as prescribed."""
    item = _item(program, position)
    wanted = item.get("days_per_week") or 7
    days = sorted(set(weekdays))
    if any(not 0 <= day <= 6 for day in days):
        raise ValidationError(_("Choose days from Monday to Sunday."))
    if len(days) != wanted:
        raise ValidationError(
            ngettext(
                "Choose %(n)s day: this exercise is prescribed %(n)s day a week.",
                "Choose %(n)s days: this exercise is prescribed %(n)s days a week.",
                wanted,
            )
            % {"n": wanted}
        )
    row, _created = PlanDays.objects.update_or_create(
        program=program,
        position=position,
        defaults={"weekdays": sum(1 << day for day in days)},
    )
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=program.patient,
        obj=row,
        detail=f"Own days for exercise {position}: "
        + ", ".join(str(plan.WEEKDAY_NAMES[day]) for day in days),
    )
    return row


@transaction.atomic
def move_to_today(
    *, program: Program, position: int, today: date | None = None, by: User
) -> PlanMove:
    """ "Do it today instead": the next due day of the exercise in this plan week moves to today
    (or, when none is left, the latest one already past)."""
    today = today or timezone.localdate()
    item = _item(program, position)
    state = plan_state(program, day=today)
    kwargs = {"start": program.start_date, "chosen": state.chosen, "moves": state.moves}
    if plan.is_due(item, today, **kwargs):
        raise ValidationError(_("That exercise is already on today's plan."))
    first, last = plan.week_of(today, program.start_date)
    days = [first + timedelta(days=n) for n in range(7)]
    due = [day for day in days if day != today and plan.is_due(item, day, **kwargs)]
    later = [day for day in due if day > today]
    ticked = set(
        DoneTick.objects.filter(program=program, position=position, date__in=due).values_list(
            "date", flat=True
        )
    )
    candidates = [day for day in later if day not in ticked] or [
        day for day in reversed(due) if day < today and day not in ticked
    ]
    if not candidates:
        raise ValidationError(_("This exercise has no day left to move this week."))
    move = PlanMove.objects.create(
        program=program, position=position, from_date=candidates[0], to_date=today
    )
    audit.record(
        action=audit.Action.CREATE,
        user=by,
        patient=program.patient,
        obj=move,
        detail=f"Exercise {position} moved from {candidates[0]:%-d %b} to {today:%-d %b %Y}",
    )
    return move
