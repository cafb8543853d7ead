"""The daily plan's pure rules, with worked examples (programs/plan.py)."""

from datetime import date, timedelta

from programs import plan
from programs.adherence import adherence, prescribed_days_per_week

MONDAY = date(2026, 3, 2)
WEDNESDAY = date(2026, 3, 4)


def item(position, days_per_week=7, times_per_day=1):
    return {"position": position, "days_per_week": days_per_week, "times_per_day": times_per_day}


def due_weekdays(entry, start, *, chosen=None, moves=(), weeks=1):
    days = [start + timedelta(days=n) for n in range(7 * weeks)]
    return [
        f"{day:%a}"
        for day in days
        if plan.is_due(entry, day, start=start, chosen=chosen, moves=moves)
    ]


def test_three_days_a_week_from_a_monday_start_is_monday_wednesday_friday():
    assert plan.spread_offsets(3) == (0, 2, 4)
    assert due_weekdays(item(1, 3), MONDAY) == ["Mon", "Wed", "Fri"]
    # and again the next week: the cycle repeats
    assert due_weekdays(item(1, 3), MONDAY, weeks=2) == ["Mon", "Wed", "Fri"] * 2


def test_seven_days_a_week_is_every_day():
    assert due_weekdays(item(1, 7), MONDAY) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_other_counts_spread_as_evenly_as_whole_days_allow():
    assert plan.spread_offsets(1) == (0,)
    assert plan.spread_offsets(2) == (0, 3)
    assert plan.spread_offsets(5) == (0, 1, 2, 4, 5)


def test_a_program_starting_mid_week_counts_its_week_from_the_start_day():
    assert due_weekdays(item(1, 3), WEDNESDAY) == ["Wed", "Fri", "Sun"]
    # nothing is due before the program starts
    assert not plan.is_due(item(1, 7), WEDNESDAY - timedelta(days=1), start=WEDNESDAY)


def test_the_patients_own_days_replace_the_spread_days():
    chosen = {1: [1, 3, 5]}  # Tuesday, Thursday, Saturday
    assert due_weekdays(item(1, 3), MONDAY, chosen=chosen) == ["Tue", "Thu", "Sat"]
    assert due_weekdays(item(2, 3), MONDAY, chosen=chosen) == ["Mon", "Wed", "Fri"]


def test_a_moved_day_is_due_on_the_new_day_and_not_the_old_one():
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    moves = [plan.Move(1, wednesday, tuesday)]
    assert due_weekdays(item(1, 3), MONDAY, moves=moves) == ["Mon", "Tue", "Fri"]
    # another exercise is not moved with it
    assert due_weekdays(item(2, 3), MONDAY, moves=moves) == ["Mon", "Wed", "Fri"]


def test_twice_a_day_has_a_morning_and_an_evening_slot():
    assert [str(name) for name in plan.slot_names(1)] == ["Today"]
    assert [str(name) for name in plan.slot_names(2)] == ["Morning", "Evening"]
    assert [str(name) for name in plan.slot_names(3)] == ["Morning", "Midday", "Evening"]
    assert [str(name) for name in plan.slot_names(4)][-1] == "Session 4"


def test_plan_for_splits_today_and_not_today_in_program_order():
    items = [item(1, 7, 2), item(2, 3), item(3, 2)]
    tuesday = MONDAY + timedelta(days=1)
    due, rest = plan.plan_for(items, tuesday, start=MONDAY)
    assert [entry.position for entry in due] == [1]
    assert [str(name) for name in due[0].slots] == ["Morning", "Evening"]
    assert [entry.position for entry in rest] == [2, 3]
    due, rest = plan.plan_for(items, MONDAY, start=MONDAY)
    assert [entry.position for entry in due] == [1, 2, 3]


def test_due_dates_are_the_days_with_anything_due():
    items = [item(1, 3), item(2, 2)]  # Mon Wed Fri and Mon Thu
    days = plan.due_dates(items, start=MONDAY, first=MONDAY, last=MONDAY + timedelta(days=6))
    assert [f"{day:%a}" for day in sorted(days)] == ["Mon", "Wed", "Thu", "Fri"]
    assert prescribed_days_per_week(items) == 4


def test_a_log_may_be_for_today_yesterday_or_the_day_before():
    assert plan.log_days(WEDNESDAY) == [WEDNESDAY, WEDNESDAY - timedelta(1), MONDAY]


def test_adherence_counts_the_plans_days_and_a_day_once():
    items = [item(1, 3)]
    today = MONDAY + timedelta(days=13)  # Sunday of the second week
    due = plan.due_dates(items, start=MONDAY, first=MONDAY, last=today)
    assert len(due) == 6
    # five of the six plan days done; the done set holds each day once however many sessions
    done = {MONDAY, MONDAY + timedelta(2), MONDAY + timedelta(4), MONDAY + timedelta(7)}
    done |= {MONDAY + timedelta(9)}
    result = adherence(
        done_dates=done, per_week=3, start=MONDAY, today=today, days=14, due_dates=due
    )
    assert (result.done, result.expected, result.percent) == (5, 6, 83)
