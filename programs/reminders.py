"""Exercise reminders: when one is due, what the defaults are, the stop link and the calendar.

The rules (services/reminders.py sends, views/reminders.py shows):

- A plan names days of the week and a time of day in the patient's own time zone (an IANA
  name). A reminder is due at that wall-clock time on each chosen day, worked out with zoneinfo
  for that very day, so 9:00 stays 9:00 after the clocks change.
- The worker looks every few minutes; a reminder goes out from its time until REMINDER_LATE_BY
  after it (a worker that was down catches up, but never with an evening email for a morning
  reminder), at most once per plan per local day.
- None on a day the patient already logged, when they have no current published program, when
  the plan is stopped or paused (a pause ends the day after its date), nor for a time that had
  already passed when the plan was last saved (turning reminders on at 9:20 for 9:00 starts
  tomorrow).
- Defaults follow the prescription: the current program's days per week spread across the
  week (3 → Monday, Wednesday, Friday), at DEFAULT_TIME in the clinic's time zone.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clinic.models import Patient

from .adherence import prescribed_days_per_week
from .models import Program, ReminderPlan
from .plan import WEEKDAY_NAMES  # the one list of weekday labels

DEFAULT_TIME = time(9, 0)
REMINDER_LATE_BY = timedelta(hours=2)
EVENT_MINUTES = 30
STOP_SALT = "programs.reminders.stop"
WEEKDAY_SHORT = (
    pgettext_lazy("weekday label", "Mon"),
    pgettext_lazy("weekday label", "Tue"),
    pgettext_lazy("weekday label", "Wed"),
    pgettext_lazy("weekday label", "Thu"),
    pgettext_lazy("weekday label", "Fri"),
    pgettext_lazy("weekday label", "Sat"),
    pgettext_lazy("weekday label", "Sun"),
)
# Days per week → which days: spread out, with rest days between where there is room.
SPREAD = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 5),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}


# --- days -------------------------------------------------------------------------------------


def days_mask(weekdays) -> int:
    """date.weekday() numbers → the plan's bitmask (Monday = 1 … Sunday = 64)."""
    mask = 0
    for day in weekdays:
        day = int(day)
        if not 0 <= day <= 6:
            raise ValueError(f"Not a weekday number: {day}")
        mask |= 1 << day
    return mask


def spread_days(per_week: int) -> int:
    """The default days for a prescription of `per_week` days a week, as a bitmask."""
    return days_mask(SPREAD[min(max(per_week, 1), 7)])


def days_text(plan: ReminderPlan) -> str:
    """ "every day", "Monday to Friday", or "Mon, Wed and Fri"."""
    days = plan.weekdays
    if len(days) == 7:
        return str(_("every day"))
    if days == [0, 1, 2, 3, 4]:
        return str(_("Monday to Friday"))
    if len(days) == 1:
        return str(WEEKDAY_NAMES[days[0]])
    names = [str(WEEKDAY_SHORT[day]) for day in days]
    return _("%(days)s and %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(name for name in available_timezones() if "/" in name and not name[0].islower())
    return [(name, name.replace("_", " ")) for name in names if not name.startswith("Etc/")]


# --- who gets reminders -----------------------------------------------------------------------


def current_programs():
    """Programs a patient can follow now: published, not archived, patient not archived."""
    return (
        Program.objects.filter(current_revision__isnull=False, patient__archived_at__isnull=True)
        .exclude(status=Program.Status.ARCHIVED)
        .order_by("-current_revision__published_at", "-id")
    )


def default_plan(patient: Patient) -> ReminderPlan:
    """An unsaved plan with the defaults for this patient's current prescription."""
    programs = current_programs().filter(patient=patient).select_related("current_revision")
    per_week = max(
        (prescribed_days_per_week(program.current_revision.items) for program in programs),
        default=7,
    )
    return ReminderPlan(
        patient=patient,
        days=spread_days(per_week),
        time_of_day=DEFAULT_TIME,
        time_zone=settings.TIME_ZONE,
    )


# --- when ------------------------------------------------------------------------------------


def local_date(plan: ReminderPlan, now: datetime) -> date:
    return now.astimezone(ZoneInfo(plan.time_zone)).date()


def is_on(plan: ReminderPlan, day: date) -> bool:
    """Whether the plan sends on this local day, leaving aside logs and programs."""
    if plan.status == ReminderPlan.Status.STOPPED:
        return False
    if plan.status == ReminderPlan.Status.PAUSED and (
        plan.paused_until is None or day <= plan.paused_until
    ):
        return False
    return bool(plan.days & (1 << day.weekday()))


def due_at(plan: ReminderPlan, day: date) -> datetime:
    """The moment (UTC) of the reminder on a local day. A time the clocks skip that day
    (2:30 when they go from 2:00 to 3:00) falls an hour later, as zoneinfo reads it."""
    local = datetime.combine(day, plan.time_of_day, tzinfo=ZoneInfo(plan.time_zone))
    return local.astimezone(UTC)


def due_day(plan: ReminderPlan, now: datetime) -> date | None:
    """The local day whose reminder is due at `now`, or None (see the module docstring)."""
    day = local_date(plan, now)
    if not is_on(plan, day):
        return None
    moment = due_at(plan, day)
    if not moment <= now < moment + REMINDER_LATE_BY:
        return None
    if plan.updated_at and plan.updated_at > moment:
        return None
    return day


def next_day(plan: ReminderPlan, *, today: date) -> date:
    """The first chosen day from today on (after a pause, from the day after it)."""
    day = today
    if plan.status == ReminderPlan.Status.PAUSED and plan.paused_until:
        day = max(day, plan.paused_until + timedelta(days=1))
    for _n in range(7):
        if plan.days & (1 << day.weekday()):
            return day
        day += timedelta(days=1)
    return day


def reminder_key(plan: ReminderPlan, day: date) -> str:
    return f"reminder:{plan.pk}:{day.isoformat()}"


# --- the one-click stop link ------------------------------------------------------------------


def stop_token(plan: ReminderPlan) -> str:
    """A signed token naming the plan: whoever holds a reminder email can stop them, nothing
    else. It never expires (stopping reminders is always allowed)."""
    return signing.Signer(salt=STOP_SALT).sign(str(plan.uuid))


def plan_for_token(token: str) -> ReminderPlan | None:
    try:
        value = signing.Signer(salt=STOP_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return ReminderPlan.objects.filter(uuid=value).select_related("patient").first()


def stop_path(plan: ReminderPlan) -> str:
    return reverse("programs:reminder-stop", kwargs={"token": stop_token(plan)})


# --- the calendar file ------------------------------------------------------------------------


def calendar_file(plan: ReminderPlan, *, clinic_name: str, now: datetime | None = None) -> bytes:
    """An iCalendar file with one weekly event at the plan's local time (TZID, with the time
    zone's rules in a VTIMEZONE). The title names the clinic and nothing about the patient's
    health."""
    from icalendar import Alarm, Calendar, Event

    now = now or timezone.now()
    tz = ZoneInfo(plan.time_zone)
    start_day = next_day(plan, today=now.astimezone(tz).date())
    start = datetime.combine(start_day, plan.time_of_day, tzinfo=tz)
    title = f"{_('Home exercises')} — {clinic_name}"
    link = settings.SITE_URL + reverse("programs:portal-home")

    calendar = Calendar()
    calendar.add("prodid", "-//Restore//Exercise reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "restore.invalid"
    event.add("uid", f"reminders-{plan.uuid}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", {"freq": "weekly", "byday": plan.weekday_codes})
    event.add("summary", title)
    event.add("description", f"{_('Open your program:')} {link}")
    event.add("url", link)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
