"""Today's plan: which exercises of a published revision are due on a given day, and in how
many slots.

Pure functions of the revision's items, the program's start date and the patient's own choices;
no database. The portal (programs/views/portal.py) and adherence (programs/adherence.py) read
the plan from here.

- **Spread days.** An exercise prescribed n days a week is due on n days spread evenly over a
  seven-day cycle that begins on the program's start day: day offsets ⌊k·7/n⌋ for k = 0…n−1.
  Three days a week from a Monday start is Monday, Wednesday, Friday; from a Wednesday start it
  is Wednesday, Friday, Sunday. Seven days a week is every day.
- **The patient's own days.** The patient may choose the weekdays of an exercise (as many as
  prescribed); the choice replaces the spread days for that exercise.
- **Moved day.** "Do it today instead" moves one due day of an exercise to another day in the
  same week: the exercise is due on the new day and not on the old one.
- **Slots.** An exercise done twice a day has a morning and an evening slot; three times a day
  adds a midday slot; more than three are numbered.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

WEEKDAY_NAMES = (
    pgettext_lazy("weekday label", "Monday"),
    pgettext_lazy("weekday label", "Tuesday"),
    pgettext_lazy("weekday label", "Wednesday"),
    pgettext_lazy("weekday label", "Thursday"),
    pgettext_lazy("weekday label", "Friday"),
    pgettext_lazy("weekday label", "Saturday"),
    pgettext_lazy("weekday label", "Sunday"),
)
SLOT_NAMES = {
    1: (_("Today"),),
    2: (_("Morning"), _("Evening")),
    3: (_("Morning"), _("Midday"), _("Evening")),
}
# A log may be made for today, yesterday or the day before (those two are marked late).
LATE_LOG_DAYS = 2


@dataclass(frozen=True)
class Move:
    """One due day of the exercise at `position` moved to `to_date`."""

    position: int
    from_date: date
    to_date: date


def spread_offsets(days_per_week: int) -> tuple[int, ...]:
    """Day offsets (0 = the program's start day) within each seven-day cycle."""
    n = min(max(int(days_per_week or 7), 1), 7)
    return tuple(k * 7 // n for k in range(n))


def default_weekdays(days_per_week: int, start: date) -> frozenset[int]:
    """The weekdays (Monday = 0) an exercise is due on when the patient has chosen none."""
    return frozenset((start.weekday() + offset) % 7 for offset in spread_offsets(days_per_week))


def weekdays_for(item: dict, start: date, chosen: dict[int, Iterable[int]]) -> frozenset[int]:
    own = chosen.get(item["position"])
    if own:
        return frozenset(own)
    return default_weekdays(item.get("days_per_week") or 7, start)


def slot_names(times_per_day: int) -> tuple[str, ...]:
    n = max(int(times_per_day or 1), 1)
    if n in SLOT_NAMES:
        return SLOT_NAMES[n]
    return tuple(_("Session %(n)s") % {"n": k} for k in range(1, n + 1))


def is_due(
    item: dict,
    day: date,
    *,
    start: date,
    chosen: dict[int, Iterable[int]] | None = None,
    moves: Iterable[Move] = (),
) -> bool:
    """Whether the exercise is due on `day` (never before the program starts)."""
    if day < start:
        return False
    position = item["position"]
    own_moves = [move for move in moves if move.position == position]
    if any(move.to_date == day for move in own_moves):
        return True
    if any(move.from_date == day for move in own_moves):
        return False
    return day.weekday() in weekdays_for(item, start, chosen or {})


@dataclass(frozen=True)
class PlanItem:
    item: dict
    due: bool
    slots: tuple[str, ...]
    moved_here: bool = False

    @property
    def position(self) -> int:
        return self.item["position"]


def plan_for(
    items: Iterable[dict],
    day: date,
    *,
    start: date,
    chosen: dict[int, Iterable[int]] | None = None,
    moves: Iterable[Move] = (),
) -> tuple[list[PlanItem], list[PlanItem]]:
    """(due on `day`, not due on `day`), each in program order."""
    moves = list(moves)
    due, rest = [], []
    for item in items:
        entry = PlanItem(
            item=item,
            due=is_due(item, day, start=start, chosen=chosen, moves=moves),
            slots=slot_names(item.get("times_per_day") or 1),
            moved_here=any(m.position == item["position"] and m.to_date == day for m in moves),
        )
        (due if entry.due else rest).append(entry)
    return due, rest


def due_dates(items: Iterable[dict], *, start: date, first: date, last: date) -> set[date]:
    """The days from `first` to `last` on which at least one exercise is due (the spread days;
    a patient's own days or a moved day keep the number of days an exercise is due)."""
    items = list(items)
    weekdays = set()
    for item in items:
        weekdays |= default_weekdays(item.get("days_per_week") or 7, start)
    if not items:
        weekdays = set(range(7))
    first = max(first, start)
    found = set()
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            found.add(day)
        day += timedelta(days=1)
    return found


def log_days(today: date) -> list[date]:
    """The days a log may be made for: today first, then the late ones."""
    return [today - timedelta(days=n) for n in range(LATE_LOG_DAYS + 1)]


def week_of(day: date, start: date) -> tuple[date, date]:
    """The seven-day plan cycle (first, last day) holding `day`."""
    offset = (day - start).days % 7
    first = day - timedelta(days=offset)
    return first, first + timedelta(days=6)
