"""The programs' check-in summary: kept current by every writer; and the dashboard read from it,
on worked examples (the cut of a long list, another day's windows, drafts and new versions)."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db.models import F
from django.utils import timezone

from programs import adherence
from programs.adherence import dashboard_alerts
from programs.models import Program, ProgramRevision
from programs.services import (
    publish_program,
    record_check_in,
    refresh_checkin_summary,
    update_program_details,
)
from tests.factories import (
    PatientFactory,
    ProgramFactory,
    ProgramItemFactory,
    SessionLogFactory,
    UserFactory,
    published_program,
)
from tests.programs.portal_helpers import log_on

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SUMMARY_FIELDS = [
    "first_published_at",
    "first_log_on",
    "first_back_pain",
    "first_leg_pain",
    "last_log_on",
    "last_back_pain",
    "last_leg_pain",
    "last_spread_on",
    "pain_rise",
    "silent_since",
]


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def summary(program: Program) -> dict:
    return Program.objects.filter(pk=program.pk).values(*SUMMARY_FIELDS).get()


def published_days_ago(program: Program, days: int) -> Program:
    """Move the program's whole history back `days` days, as the demo data does."""
    ProgramRevision.objects.filter(program=program).update(
        published_at=F("published_at") - timedelta(days=days)
    )
    Program.objects.filter(pk=program.pk).update(start_date=F("start_date") - timedelta(days=days))
    refresh_checkin_summary(program=program)
    program.refresh_from_db()
    return program


def check_in(program: Program, day: date, *, back=3, leg=4, legs="same"):
    return record_check_in(
        program=program,
        by=program.therapist,
        safety_answers={},
        log={
            "exercises_done": [1],
            "back_pain": back,
            "leg_pain": leg,
            "leg_symptoms": legs,
            "comment": "",
        },
        day=day,
    )


# --- what the summary holds -------------------------------------------------------------------


def test_summary_holds_first_and_last_log_the_latest_spread_and_the_rise(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 30)
    check_in(program, ago(20), back=3, leg=4, legs="further_down")
    check_in(program, ago(10), back=6, leg=3, legs="same")
    check_in(program, ago(2), back=4, leg=7, legs="moved_up")

    assert summary(program) == {
        "first_published_at": program.current_revision.published_at,
        "first_log_on": ago(20),
        "first_back_pain": 3,
        "first_leg_pain": 4,
        "last_log_on": ago(2),
        "last_back_pain": 4,
        "last_leg_pain": 7,
        "last_spread_on": ago(20),
        "pain_rise": 3,  # leg 4 → 7; back only 3 → 4
        "silent_since": ago(2),
    }


def test_without_logs_silence_counts_from_the_day_before_the_program_start(patient_record):
    program = published_program(patient=patient_record)
    update_program_details(
        program=program,
        by=program.therapist,
        expected_version=program.version,
        title=program.title,
        goals="",
        notes="",
        start_date=ago(12),
        review_date=None,
    )
    # Published today, so the program started today whatever its start date says.
    assert summary(program)["silent_since"] == ago(1)

    published_days_ago(program, 20)  # published 20 days ago, start date 32 days ago
    assert summary(program)["silent_since"] == ago(21)
    assert summary(program)["pain_rise"] is None
    assert summary(program)["first_log_on"] is None


def test_moving_the_start_date_moves_the_silence(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 30)
    assert summary(program)["silent_since"] == ago(31)

    update_program_details(
        program=program,
        by=program.therapist,
        expected_version=program.version,
        title=program.title,
        goals="",
        notes="",
        start_date=ago(5),
        review_date=None,
    )

    assert summary(program)["silent_since"] == ago(6)


def test_a_single_day_of_logs_has_no_rise(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 5)
    check_in(program, ago(1), back=1, leg=1)
    check_in(program, ago(1), back=9, leg=9)  # a second session the same day
    values = summary(program)
    assert (values["first_back_pain"], values["last_back_pain"]) == (1, 9)
    assert values["pain_rise"] is None


def test_a_second_session_today_is_the_latest_log(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 10)
    check_in(program, ago(5), back=2, leg=2)
    check_in(program, TODAY, back=6, leg=2, legs="further_down")
    assert summary(program)["pain_rise"] == 4
    assert summary(program)["last_spread_on"] == TODAY

    result = check_in(program, TODAY, back=3, leg=2, legs="same")

    assert result.created
    values = summary(program)
    assert (values["last_back_pain"], values["pain_rise"]) == (3, 1)
    # The morning session still said the symptoms spread today: that is not written over.
    assert values["last_spread_on"] == TODAY


def test_a_log_for_an_earlier_day_becomes_the_first(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 30)
    check_in(program, ago(3), back=5, leg=5)
    log_on(program, ago(25), back=2, leg=5)  # backfilled from a paper diary

    values = summary(program)
    assert (values["first_log_on"], values["first_back_pain"]) == (ago(25), 2)
    assert values["last_log_on"] == ago(3)
    assert values["pain_rise"] == 3


def test_only_the_first_revision_sets_when_the_program_was_published(patient_record):
    program = published_days_ago(published_program(patient=patient_record), 8)
    first = summary(program)["first_published_at"]
    ProgramItemFactory(program=program, order=9)
    publish_program(program=program, by=program.therapist)
    assert summary(program)["first_published_at"] == first
    assert first == program.revisions.get(number=1).published_at


def test_a_check_in_leaves_the_programs_edit_stamp_alone(patient_record):
    program = published_program(patient=patient_record)
    before = Program.objects.values_list("updated_at", "version").get(pk=program.pk)
    check_in(program, TODAY)
    assert Program.objects.values_list("updated_at", "version").get(pk=program.pk) == before


def test_the_summary_is_not_in_the_programs_admin_form(client, patient_record):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    program = published_program(patient=patient_record)
    response = client.get(f"/django-admin/programs/program/{program.pk}/change/")
    assert response.status_code == 200
    assert b'name="pain_rise"' not in response.content
    assert b'name="silent_since"' not in response.content


def test_editing_a_log_in_the_admin_updates_both_programs_summaries(client, patient_record):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    program = published_days_ago(published_program(patient=patient_record), 20)
    other = published_days_ago(published_program(patient=patient_record), 20)
    check_in(program, ago(15), back=2, leg=2)
    log = check_in(program, ago(4), back=7, leg=2).log
    assert summary(program)["pain_rise"] == 5

    response = client.post(
        f"/django-admin/programs/sessionlog/{log.pk}/change/",
        {
            "patient": patient_record.pk,
            "program": other.pk,
            "revision": other.current_revision.pk,
            "date": ago(4).isoformat(),
            "exercises_done": "[1]",
            "back_pain": 8,
            "leg_pain": 2,
            "leg_symptoms": "further_down",
            "comment": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert summary(program)["last_log_on"] == ago(15)
    assert summary(program)["pain_rise"] is None
    assert summary(other)["last_back_pain"] == 8
    assert summary(other)["last_spread_on"] == ago(4)


def test_the_migration_backfill_computes_what_the_service_does(therapist):
    programs = []
    for n in range(4):
        program = published_days_ago(published_program(patient=PatientFactory()), 10 + n)
        for day, back in [(9, 2), (6, 5 - n), (1, 3 + n)][:n]:
            log_on(program, ago(day), back=back, legs="further_down" if n == 2 else "same")
        programs.append(program)
    programs.append(ProgramFactory())  # a draft: its summary is first written at publishing
    for program in programs:
        refresh_checkin_summary(program=program)
    expected = {program.pk: summary(program) for program in programs}
    Program.objects.update(**dict.fromkeys(SUMMARY_FIELDS))

    migration = importlib.import_module("programs.migrations.0004_program_checkin_summary")
    migration.backfill(apps, None)

    assert {program.pk: summary(program) for program in programs} == expected


def test_the_factory_keeps_the_summary_current(patient_record):
    program = published_program(patient=patient_record)
    SessionLogFactory(
        patient=patient_record, program=program, revision=program.current_revision, date=TODAY
    )
    assert summary(program)["last_log_on"] == TODAY


# --- the dashboard read from the summary, worked examples ------------------------------------


def watched(therapist, last_name: str, *, days: int = 30) -> Program:
    patient = PatientFactory(therapist=therapist, last_name=last_name)
    return published_days_ago(published_program(patient=patient, items=1), days)


def _names(alerts: dict, kind: str) -> list[str]:
    return [row.patient.last_name for row in alerts[kind]]


def test_a_cut_list_keeps_the_most_severe_and_breaks_ties_by_the_older_program(
    therapist, monkeypatch
):
    monkeypatch.setattr(adherence, "ALERTS_SHOWN", 2)
    for last_name, rise in [("Osei", 3), ("Zeller", 5), ("Davis", 2), ("Abbott", 3)]:
        program = watched(therapist, last_name)
        check_in(program, ago(20), back=2, leg=2)
        check_in(program, ago(1), back=2 + rise, leg=2)

    alerts = dashboard_alerts(therapist)

    # Zeller rose most; Osei and Abbott tie on 3 and the cut keeps the older program, Osei's
    # (the last key of the list's index, and the same cut on every database's collation).
    assert _names(alerts, "pain_rising") == ["Zeller", "Osei"]
    assert [row.alert.text for row in alerts["pain_rising"]] == [
        f"Pain up 5: back 2 → 7 since {ago(20):%-d %b}",
        f"Pain up 3: back 2 → 5 since {ago(20):%-d %b}",
    ]
    assert alerts["counts"] == {"pain_rising": 4, "spreading": 0, "silent": 0}


def test_a_dashboard_asked_about_another_day_applies_that_days_windows(therapist):
    program = watched(therapist, "Osei")
    check_in(program, ago(10), legs="further_down")
    check_in(program, ago(1), legs="further_down")

    # Eight days ago the latest spread on file (yesterday's) had not happened yet: the one
    # in that day's window is read from the logs. Nothing was silent: logs came after it.
    earlier = dashboard_alerts(therapist, today=ago(8))
    assert [row.alert.text for row in earlier["spreading"]] == [
        f"Symptoms further down the leg on {ago(10):%a %-d %b}"
    ]
    assert earlier["silent"] == []

    now = dashboard_alerts(therapist)
    assert [row.alert.text for row in now["spreading"]] == [
        f"Symptoms further down the leg on {ago(1):%a %-d %b}"
    ]

    # Nine days from now yesterday's spread is out of its week, and the patient is silent.
    later = dashboard_alerts(therapist, today=TODAY + timedelta(days=9))
    assert later["spreading"] == []
    assert [row.alert.text for row in later["silent"]] == [
        f"Nothing logged for 10 days (last {ago(1):%-d %b})"
    ]
    assert later["counts"] == {"pain_rising": 0, "spreading": 0, "silent": 1}


def test_drafts_are_not_watched_and_a_new_version_keeps_the_first_start(therapist):
    ProgramFactory(
        patient=PatientFactory(therapist=therapist, last_name="Draft"), start_date=ago(20)
    )
    program = watched(therapist, "Revised", days=20)
    ProgramItemFactory(program=program, order=5)
    publish_program(program=program, by=program.therapist)

    alerts = dashboard_alerts(therapist)

    assert _names(alerts, "silent") == ["Revised"]
    (row,) = alerts["silent"]
    assert row.alert.text == f"Nothing logged since the program started on {ago(20):%-d %b}"
    assert row.alert.severity == 21
