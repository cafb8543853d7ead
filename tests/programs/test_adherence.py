"""Adherence maths, the alert rules, and the therapist's view of one patient."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from programs.adherence import (
    AlertKind,
    PainPoint,
    adherence,
    alerts_for,
    patient_adherence,
    prescribed_days_per_week,
    program_start,
)
from programs.models import Program
from tests.factories import ProgramFactory, ProgramItemFactory, screened
from tests.programs.portal_helpers import log_on, program_with

TODAY = date(2026, 11, 24)  # a Tuesday


def days_ago(*numbers):
    return {TODAY - timedelta(days=n) for n in numbers}


# --- adherence ---------------------------------------------------------------------------------


def test_every_day_done_on_a_daily_program_is_100_percent():
    result = adherence(
        done_dates=days_ago(*range(7)), per_week=7, start=date(2026, 1, 1), today=TODAY, days=7
    )
    assert (result.done, result.expected, result.percent) == (7, 7, 100)


def test_five_of_seven_days_is_71_percent():
    result = adherence(
        done_dates=days_ago(0, 1, 2, 4, 6), per_week=7, start=date(2026, 1, 1), today=TODAY, days=7
    )
    assert (result.done, result.expected_days, result.percent) == (5, 7, 71)


def test_today_counts_only_once_it_is_done():
    result = adherence(
        done_dates=days_ago(1, 2, 3, 4, 5, 6),
        per_week=7,
        start=date(2026, 1, 1),
        today=TODAY,
        days=7,
    )
    assert (result.done, result.expected, result.percent) == (6, 6, 100)


def test_a_rest_day_logged_today_counts_as_a_prescribed_day():
    result = adherence(
        done_dates=days_ago(1, 2, 3, 4, 5, 6),
        per_week=7,
        start=date(2026, 1, 1),
        today=TODAY,
        days=7,
        today_logged=True,
    )
    assert (result.done, result.expected, result.percent) == (6, 7, 86)


def test_a_program_started_three_days_ago_expects_three_days():
    result = adherence(
        done_dates=days_ago(0, 2, 10),
        per_week=7,
        start=TODAY - timedelta(days=2),
        today=TODAY,
        days=7,
    )
    assert (result.done, result.expected, result.percent) == (2, 3, 67)


def test_a_three_day_program_over_28_days_expects_twelve_days():
    done = days_ago(1, 3, 5, 8, 10, 12, 15, 17, 19)
    result = adherence(done_dates=done, per_week=3, start=date(2026, 1, 1), today=TODAY, days=28)
    assert result.expected == pytest.approx(3 * 27 / 7)
    assert result.expected_days == 12
    assert result.percent == 78


def test_more_days_than_prescribed_is_capped_at_100_percent():
    result = adherence(
        done_dates=days_ago(*range(7)), per_week=3, start=date(2026, 1, 1), today=TODAY, days=7
    )
    assert result.percent == 100


def test_a_program_that_starts_tomorrow_has_no_percentage():
    result = adherence(
        done_dates=set(), per_week=7, start=TODAY + timedelta(days=1), today=TODAY, days=7
    )
    assert result.percent is None


def test_prescribed_days_are_those_of_the_most_frequent_exercise():
    assert prescribed_days_per_week([{"days_per_week": 3}, {"days_per_week": 7}]) == 7
    assert prescribed_days_per_week([{"days_per_week": 3}, {"days_per_week": 5}]) == 5
    assert prescribed_days_per_week([]) == 7


def test_program_start_is_the_later_of_start_date_and_first_publication():
    from datetime import UTC, datetime

    published = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    assert program_start(date(2026, 11, 1), published) == date(2026, 11, 10)
    assert program_start(date(2026, 11, 20), published) == date(2026, 11, 20)
    assert program_start(date(2026, 11, 1), None) == date(2026, 11, 1)


# --- alert rules -------------------------------------------------------------------------------


def _kinds(**kwargs):
    defaults = {"start": date(2026, 10, 1), "first": None, "last": None, "last_spread": None}
    return [alert.kind for alert in alerts_for(**{**defaults, **kwargs}, today=TODAY)]


def test_pain_up_by_two_points_in_either_back_or_leg_is_an_alert():
    first = PainPoint(date(2026, 10, 2), back=3, leg=4)
    assert _kinds(first=first, last=PainPoint(TODAY, back=5, leg=4)) == [AlertKind.PAIN_RISING]
    assert _kinds(first=first, last=PainPoint(TODAY, back=3, leg=6)) == [AlertKind.PAIN_RISING]


def test_pain_up_by_one_point_or_down_is_not():
    first = PainPoint(date(2026, 10, 2), back=3, leg=4)
    assert _kinds(first=first, last=PainPoint(TODAY, back=4, leg=5)) == []
    assert _kinds(first=first, last=PainPoint(TODAY, back=0, leg=0)) == []


def test_a_single_log_has_no_rise_to_compare():
    only = PainPoint(TODAY, back=9, leg=9)
    assert _kinds(first=only, last=only) == []


def test_pain_alert_text_names_what_rose():
    first = PainPoint(date(2026, 10, 2), back=3, leg=4)
    (alert,) = alerts_for(
        start=date(2026, 10, 1),
        first=first,
        last=PainPoint(TODAY, back=6, leg=5),
        last_spread=None,
        today=TODAY,
    )
    assert alert.text == "Pain up 3: back 3 → 6 since 2 Oct"


def test_spreading_counts_for_seven_days():
    last = PainPoint(TODAY, back=3, leg=4)
    assert _kinds(last=last, last_spread=TODAY - timedelta(days=6)) == [AlertKind.SPREADING]
    assert _kinds(last=last, last_spread=TODAY - timedelta(days=7)) == []


def test_silent_after_seven_days_without_a_log():
    assert _kinds(last=PainPoint(TODAY - timedelta(days=7), 3, 3)) == [AlertKind.SILENT]
    assert _kinds(last=PainPoint(TODAY - timedelta(days=6), 3, 3)) == []


def test_silent_counts_from_the_program_start_when_nothing_was_ever_logged():
    assert _kinds(start=TODAY - timedelta(days=6)) == [AlertKind.SILENT]
    assert _kinds(start=TODAY - timedelta(days=5)) == []


# --- the patient page --------------------------------------------------------------------------


def test_patient_adherence_sums_up_the_current_program(patient_record):
    today = timezone.localdate()
    program = program_with(patient_record, items=2)
    Program.objects.filter(pk=program.pk).update(start_date=today - timedelta(days=60))
    program.current_revision.__class__.objects.filter(pk=program.current_revision.pk).update(
        published_at=program.current_revision.published_at - timedelta(days=60)
    )
    log_on(program, today - timedelta(days=30), back=3, leg=2, comment="Started well")
    for n in range(1, 7):
        log_on(program, today - timedelta(days=n), back=6, leg=2, done=(1, 2))
    log_on(program, today, back=6, leg=2, done=(), comment="Too sore to exercise today")

    result = patient_adherence(patient_record, today=today)

    (row,) = result["programs"]
    assert row.program == program
    assert row.per_week == 7
    assert (row.last_7.done, row.last_7.expected, row.last_7.percent) == (6, 7, 86)
    assert (row.last_28.done, row.last_28.percent) == (6, 21)
    assert (row.first.back, row.last.back, row.first.leg, row.last.leg) == (3, 6, 2, 2)
    assert [a.kind for a in row.alerts] == [AlertKind.PAIN_RISING]
    assert len(row.trend) == 7  # the log 30 days ago is outside the 28-day trend
    assert [log.comment for log in result["comments"]] == [
        "Too sore to exercise today",
        "Started well",
    ]


def test_patient_adherence_leaves_out_archived_and_unpublished_programs(patient_record):
    archived = program_with(patient_record, items=1)
    Program.objects.filter(pk=archived.pk).update(status=Program.Status.ARCHIVED)
    draft = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=draft)
    assert patient_adherence(patient_record)["programs"] == []


@pytest.mark.parametrize("logs", [1, 12, 50])
def test_patient_adherence_takes_two_queries_whatever_the_number_of_logs(
    patient_record, django_assert_num_queries, logs
):
    program = program_with(patient_record, items=3)
    for n in range(logs):
        log_on(program, timezone.localdate() - timedelta(days=n), comment=f"day {n}")
    with django_assert_num_queries(2):
        result = patient_adherence(patient_record)
    assert result["programs"][0].log_count == logs
    assert len(result["comments"]) == min(logs, 5)


def test_the_partial_renders_adherence_alerts_and_comments(patient_record):
    today = timezone.localdate()
    program = program_with(patient_record, items=1)
    log_on(program, today - timedelta(days=1), back=2, leg=3)
    log_on(program, today, back=5, leg=3, legs="further_down", comment="Tingling in my calf")
    html = render_to_string(
        "programs/_patient_adherence.html", {"adherence": patient_adherence(patient_record)}
    )
    assert "Last 7 days" in html
    assert "Pain up 3: back 2 → 5" in html
    # The pain shown is the latest log's, with its day: it may be days old.
    assert "Latest pain (back / leg)" in html
    assert f"logged {today.day} {today:%b}; first log 2 / 3" in html
    assert "Symptoms further down the leg" in html
    assert "Tingling in my calf" in html
    assert "<polyline" in html
    assert "Portal account active" in html
