"""Exercise reminders: when they are due (in the patient's own time, across clock changes),
which days they start with, and the worker's round that writes them to the outbox."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from clinic.models import OutboxMessage
from programs import reminders, tasks
from programs.models import Program, ProgramRevision, ReminderPlan
from programs.services.reminders import pause_reminders, save_reminder_plan, stop_reminders
from tests.clinic.conftest import huey_immediate  # noqa: F401 (the fixture, shared)
from tests.factories import SessionLogFactory, published_program

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("huey_immediate")]
NEW_YORK = "America/New_York"
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# Set up on a Monday in February, well before any of the moments the tests look at.
SET_UP = datetime(2026, 2, 2, 12, 0, tzinfo=UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def program(patient_record, therapist):
    with time_machine.travel(SET_UP - timedelta(days=7), tick=False):
        return published_program(patient=patient_record, items=2, by=therapist)


def plan_for(patient_record, *, days=(MON, WED, FRI), at=time(9, 0), zone=NEW_YORK) -> ReminderPlan:
    with time_machine.travel(SET_UP, tick=False):
        return save_reminder_plan(
            patient=patient_record,
            weekdays=list(days),
            time_of_day=at,
            time_zone=zone,
            by=patient_record.user,
        )


def run_at(moment: datetime) -> list[OutboxMessage]:
    """The periodic task, as the worker runs it at `moment`; the reminders it wrote."""
    with time_machine.travel(moment, tick=False):
        tasks.send_exercise_reminders()
    return list(OutboxMessage.objects.filter(kind=OutboxMessage.Kind.REMINDER))


# --- the rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_week", "days"),
    [
        (1, [MON]),
        (2, [MON, THU]),
        (3, [MON, WED, FRI]),
        (4, [MON, TUE, THU, SAT]),
        (5, [MON, TUE, WED, THU, FRI]),
        (7, [MON, TUE, WED, THU, FRI, SAT, SUN]),
    ],
)
def test_prescribed_days_are_spread_across_the_week(per_week, days):
    assert ReminderPlan(days=reminders.spread_days(per_week)).weekdays == days


def test_the_default_plan_follows_the_current_prescription(patient_record, program, settings):
    revision = program.current_revision
    snapshot = {
        **revision.snapshot,
        "items": [{**item, "days_per_week": 3} for item in revision.items],
    }
    ProgramRevision.objects.filter(pk=revision.pk).update(snapshot=snapshot)
    plan = reminders.default_plan(patient_record)
    assert plan.weekday_codes == ["MO", "WE", "FR"]
    assert plan.time_of_day == time(9, 0)
    assert plan.time_zone == settings.TIME_ZONE
    assert plan.pk is None  # nothing is saved until the patient turns reminders on


def test_without_a_program_the_default_is_every_day(patient_record):
    assert reminders.default_plan(patient_record).weekdays == list(range(7))


def test_days_read_as_plain_words():
    assert reminders.days_text(ReminderPlan(days=0b0010101)) == "Mon, Wed and Fri"
    assert reminders.days_text(ReminderPlan(days=0b0011111)) == "Monday to Friday"
    assert reminders.days_text(ReminderPlan(days=127)) == "every day"
    assert reminders.days_text(ReminderPlan(days=0b1000000)) == "Sunday"


# --- daylight saving: 9:00 stays 9:00 on the wall clock -----------------------------------------
# In 2026 US clocks go forward on Sunday 8 March (EST, UTC−5 → EDT, UTC−4) and back on Sunday
# 1 November. Monday 9:00 in New York is 14:00 UTC before the spring change and 13:00 after it.


def test_march_a_9am_reminder_comes_at_9_local_the_day_after_the_clocks_go_forward(
    patient_record, program
):
    plan = plan_for(patient_record)
    assert run_at(utc(2026, 3, 6, 13, 50)) == []  # Friday 8:50 EST: not yet
    [friday] = run_at(utc(2026, 3, 6, 14, 0))  # Friday 9:00 EST
    assert friday.idempotency_key == f"reminder:{plan.pk}:2026-03-06"

    assert len(run_at(utc(2026, 3, 9, 12, 50))) == 1  # Monday 8:50 EDT: not yet
    monday = run_at(utc(2026, 3, 9, 13, 0))  # Monday 9:00 EDT (14:00 UTC would be 10:00)
    assert [m.idempotency_key for m in monday] == [
        f"reminder:{plan.pk}:2026-03-09",
        f"reminder:{plan.pk}:2026-03-06",
    ]
    assert reminders.due_at(plan, date(2026, 3, 9)) == utc(2026, 3, 9, 13, 0)


def test_november_a_9am_reminder_comes_at_9_local_the_day_after_the_clocks_go_back(
    patient_record, program
):
    plan = plan_for(patient_record)
    [friday] = run_at(utc(2026, 10, 30, 13, 0))  # Friday 9:00 EDT
    assert friday.idempotency_key == f"reminder:{plan.pk}:2026-10-30"
    assert len(run_at(utc(2026, 11, 2, 13, 0))) == 1  # Monday 8:00 EST: not yet
    assert len(run_at(utc(2026, 11, 2, 13, 50))) == 1  # Monday 8:50 EST: not yet
    assert len(run_at(utc(2026, 11, 2, 14, 0))) == 2  # Monday 9:00 EST
    assert reminders.due_at(plan, date(2026, 11, 2)) == utc(2026, 11, 2, 14, 0)


def test_the_local_day_decides_not_the_utc_day(patient_record, program):
    # 8 pm on a Monday in New York is already Tuesday in UTC.
    plan = plan_for(patient_record, days=[MON], at=time(20, 0))
    [message] = run_at(utc(2026, 3, 10, 0, 0))
    assert message.idempotency_key == f"reminder:{plan.pk}:2026-03-09"


def test_a_time_the_clocks_skip_comes_an_hour_later(patient_record, program):
    plan = plan_for(patient_record, days=[SUN], at=time(2, 30))
    # Sunday 8 March 2026 has no 2:30 in New York; it is sent at 3:30 EDT (07:30 UTC).
    assert reminders.due_at(plan, date(2026, 3, 8)) == utc(2026, 3, 8, 7, 30)


def test_another_time_zone_is_its_own_clock(patient_record, program):
    plan = plan_for(patient_record, days=[MON], zone="Europe/Berlin")
    assert run_at(utc(2026, 3, 9, 7, 50)) == []  # 8:50 in Berlin
    [message] = run_at(utc(2026, 3, 9, 8, 0))
    assert message.idempotency_key == f"reminder:{plan.pk}:2026-03-09"


# --- once a day, and only when useful -----------------------------------------------------------


def test_one_reminder_per_plan_per_local_day_however_often_the_worker_looks(
    patient_record, program, django_capture_on_commit_callbacks
):
    plan_for(patient_record)
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in range(0, 120, 10):
            run_at(utc(2026, 3, 9, 13, minutes % 60) + timedelta(hours=minutes // 60))
    [message] = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.REMINDER)
    assert message.status == OutboxMessage.Status.SENT
    assert [email.to for email in mail.outbox if "reminder" in email.subject] == [
        ["pat@test.example"]
    ]


def test_a_reminder_is_never_sent_hours_late(patient_record, program):
    plan_for(patient_record)
    assert run_at(utc(2026, 3, 9, 15, 0)) == []  # 11:00 local: the 9:00 reminder is stale


def test_no_reminder_on_a_day_not_chosen(patient_record, program):
    plan_for(patient_record, days=[MON])
    assert run_at(utc(2026, 3, 10, 13, 0)) == []  # Tuesday


def test_no_reminder_on_a_day_already_logged(patient_record, program):
    plan_for(patient_record)
    SessionLogFactory(
        patient=patient_record,
        program=program,
        revision=program.current_revision,
        date=date(2026, 3, 9),
    )
    assert run_at(utc(2026, 3, 9, 13, 0)) == []
    assert len(run_at(utc(2026, 3, 11, 13, 0))) == 1  # Wednesday, not logged


def test_no_reminder_without_a_current_published_program(patient_record, program):
    plan_for(patient_record)
    Program.objects.filter(pk=program.pk).update(status=Program.Status.ARCHIVED)
    assert run_at(utc(2026, 3, 9, 13, 0)) == []


def test_no_reminder_for_an_archived_patient(patient_record, program):
    plan_for(patient_record)
    patient_record.archived_at = SET_UP
    patient_record.save(update_fields=["archived_at"])
    assert run_at(utc(2026, 3, 9, 13, 0)) == []


def test_no_reminder_while_paused_and_again_the_day_after_the_pause(patient_record, program):
    plan = plan_for(patient_record)
    with time_machine.travel(SET_UP, tick=False):
        pause_reminders(plan=plan, until=date(2026, 3, 10), by=patient_record.user)
    assert run_at(utc(2026, 3, 9, 13, 0)) == []  # Monday, paused
    [wednesday] = run_at(utc(2026, 3, 11, 13, 0))
    assert wednesday.idempotency_key.endswith(":2026-03-11")


def test_no_reminder_once_stopped(patient_record, program):
    plan = plan_for(patient_record)
    with time_machine.travel(SET_UP, tick=False):
        assert stop_reminders(plan=plan, by=patient_record.user) is True
        assert stop_reminders(plan=plan, by=patient_record.user) is False  # already stopped
    assert run_at(utc(2026, 3, 9, 13, 0)) == []


def test_turning_reminders_on_after_todays_time_starts_tomorrow(patient_record, program):
    with time_machine.travel(utc(2026, 3, 9, 13, 20), tick=False):  # Monday 9:20 EDT
        save_reminder_plan(
            patient=patient_record,
            weekdays=[MON, TUE],
            time_of_day=time(9, 0),
            time_zone=NEW_YORK,
            by=patient_record.user,
        )
    assert run_at(utc(2026, 3, 9, 13, 30)) == []
    assert len(run_at(utc(2026, 3, 10, 13, 0))) == 1


# --- the email ----------------------------------------------------------------------------------


def test_the_reminder_email_has_a_one_click_stop_link_and_no_health_information(
    patient_record, program, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://restore.test"
    plan = plan_for(patient_record)
    with django_capture_on_commit_callbacks(execute=True):
        [message] = run_at(utc(2026, 3, 9, 13, 0))
    stop_url = f"https://restore.test/reminders/stop/{reminders.stop_token(plan)}/"
    assert message.headers == {
        "List-Unsubscribe": f"<{stop_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    [email] = [e for e in mail.outbox if e.extra_headers.get("List-Unsubscribe")]
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop_url}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop_url in email.body
    assert f'href="{stop_url}"' in email.alternatives[0].content
    assert email.subject == "Your exercise reminder from Restore Clinic"
    text = email.body + email.alternatives[0].content
    for private in ("Rivera", program.title, program.current_revision.items[0]["exercise"]["name"]):
        assert private not in text
