"""Dashboard alerts from the session logs: who is getting worse, spreading, or silent."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile
from programs.adherence import ALERTS_SHOWN, AlertKind, _spread_day, alert_rules, dashboard_alerts
from programs.models import Program, ProgramRevision
from programs.services import refresh_checkin_summary
from tests.factories import PatientFactory
from tests.programs.portal_helpers import log_on, program_with

TODAY = timezone.localdate()


def ago(n: int):
    return TODAY - timedelta(days=n)


def started(program, days: int):
    """Make the program look as if it was published `days` days ago."""
    Program.objects.filter(pk=program.pk).update(start_date=ago(days))
    revision = program.current_revision
    ProgramRevision.objects.filter(pk=revision.pk).update(
        published_at=revision.published_at - timedelta(days=days)
    )
    refresh_checkin_summary(program=program)
    return program


def patient_with_program(therapist, days=30, **patient_fields):
    patient = PatientFactory(therapist=therapist, **patient_fields)
    return started(program_with(patient, items=2), days)


def _names(rows):
    return [row.patient.last_name for row in rows]


@pytest.fixture
def clinic(therapist):
    """One patient for each rule, and one doing fine."""
    worse = patient_with_program(therapist, last_name="Worse")
    log_on(worse, ago(20), back=3, leg=4)
    log_on(worse, ago(1), back=5, leg=4)

    spreading = patient_with_program(therapist, last_name="Spreading")
    log_on(spreading, ago(10), back=3, leg=4)
    log_on(spreading, ago(3), back=3, leg=4, legs="further_down")
    log_on(spreading, ago(1), back=3, leg=4, legs="same")

    silent = patient_with_program(therapist, last_name="Silent")
    log_on(silent, ago(15), back=3, leg=4)
    log_on(silent, ago(8), back=3, leg=3)

    never = patient_with_program(therapist, days=9, last_name="Never")

    fine = patient_with_program(therapist, last_name="Fine")
    log_on(fine, ago(20), back=6, leg=7)
    log_on(fine, ago(0), back=2, leg=2, legs="moved_up")

    new = patient_with_program(therapist, days=2, last_name="Newcomer")
    return {"worse": worse, "spreading": spreading, "silent": silent, "never": never, "new": new}


def test_each_rule_lists_the_right_patients(therapist, clinic):
    alerts = dashboard_alerts(therapist)
    assert _names(alerts["pain_rising"]) == ["Worse"]
    assert _names(alerts["spreading"]) == ["Spreading"]
    assert _names(alerts["silent"]) == ["Never", "Silent"]  # longest silence first
    assert alerts["counts"] == {"pain_rising": 1, "spreading": 1, "silent": 2}
    silent = alerts["silent"][1]
    assert silent.alert.text == f"Nothing logged for 8 days (last {ago(8):%-d %b})"


def test_archived_patients_and_archived_programs_are_left_out(therapist, clinic):
    clinic["worse"].patient.__class__.objects.filter(pk=clinic["worse"].patient.pk).update(
        archived_at=timezone.now()
    )
    Program.objects.filter(pk=clinic["silent"].pk).update(status=Program.Status.ARCHIVED)
    alerts = dashboard_alerts(therapist)
    assert alerts["pain_rising"] == []
    assert _names(alerts["silent"]) == ["Never"]


def test_a_therapist_watches_their_own_patients_and_an_admin_everyone(
    therapist, colleague, admin, clinic
):
    theirs = patient_with_program(colleague, last_name="Colleagues")
    log_on(theirs, ago(12))
    assert "Colleagues" not in _names(dashboard_alerts(therapist)["silent"])
    assert "Colleagues" in _names(dashboard_alerts(colleague)["silent"])
    covering = dashboard_alerts(therapist, everyone=True)
    assert covering["scope"] == "all"
    assert _names(covering["silent"]) == ["Colleagues", "Never", "Silent"]
    admin_view = dashboard_alerts(admin)
    assert admin_view["scope"] == "all"
    assert _names(admin_view["silent"]) == ["Colleagues", "Never", "Silent"]


def test_dashboard_page_shows_the_three_lists(therapist_client, clinic):
    body = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert "Home-program check-ins" in body
    assert "Pain up 2: back 3 → 5" in body
    assert "Symptoms further down the leg on" in body
    assert "Nothing logged for 8 days" in body
    assert "Nothing logged since the program started" in body


def test_dashboard_page_can_show_everyones_check_ins(therapist_client, colleague, clinic):
    theirs = patient_with_program(colleague, last_name="Colleagues")
    log_on(theirs, ago(12))
    url = reverse("pages:dashboard")
    # (The patient's screening intake lists them under recent intakes: read the alert lists.)
    mine = therapist_client.get(url).context["portal_alerts"]
    everyone = therapist_client.get(url + "?checkins=all").context["portal_alerts"]
    assert "Colleagues" not in _names(mine["silent"])
    assert "Colleagues" in _names(everyone["silent"])


def test_patients_cannot_see_the_dashboard(patient_client):
    assert patient_client.get(reverse("pages:dashboard")).status_code == 403


@pytest.mark.parametrize("patients", [1, 12, 50])
def test_dashboard_query_count_is_constant(
    therapist, therapist_client, django_assert_num_queries, patients
):
    ClinicProfile.load()
    for n in range(patients):
        program = patient_with_program(therapist, last_name=f"Patient{n:02d}")
        log_on(program, ago(20), back=2, leg=2)
        log_on(program, ago(9), back=5, leg=2, legs="further_down")
    # session, user, open-flag count, flags, intakes, patient count, alert counts, the three
    # alert lists, clinic profile, threads waiting for an answer, overdue red-flag follow-ups,
    # pre-visit intakes waiting for review, the audit row (1)
    with django_assert_num_queries(15):
        response = therapist_client.get(reverse("pages:dashboard"))
    alerts = response.context["portal_alerts"]
    assert alerts["counts"]["pain_rising"] == patients
    assert alerts["counts"]["silent"] == patients
    assert alerts["counts"]["spreading"] == 0  # reported 9 days ago: outside the window


def _plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                cursor.execute("SET LOCAL enable_seqscan = off")  # tiny tables: what *can* it use
                cursor.execute("EXPLAIN " + sql, params)
                return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


ALERT_INDEXES = [
    (AlertKind.PAIN_RISING, "program_pain_rise_idx", "pain_rise"),
    (AlertKind.SPREADING, "program_last_spread_idx", "last_spread_on"),
    (AlertKind.SILENT, "program_silent_since_idx", "silent_since"),
]


def test_each_alert_list_is_read_from_its_index(admin, clinic):
    with CaptureQueriesContext(connection) as queries:
        dashboard_alerts(admin)
    lists = [query["sql"] for query in queries.captured_queries[1:]]
    assert len(lists) == 3
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Program._meta.db_table)
    today = timezone.localdate()
    rules, _ = alert_rules(today)
    for sql, (kind, index, column) in zip(lists, ALERT_INDEXES, strict=True):
        assert constraints[index]["columns"] == [column, "id"]
        # Each list filters and orders on its summary column, then the program (ties), so the
        # index can serve both to the last key.
        assert f'"programs_program"."{column}"' in sql.split("WHERE", 1)[1]
        order_by = sql.rsplit("ORDER BY", 1)[1].split("LIMIT")[0]
        assert order_by.split(",")[0].strip().startswith(f'"programs_program"."{column}"')
        assert order_by.split(",")[1].strip() == '"programs_program"."id" ASC', order_by
        if connection.vendor == "sqlite":
            # SQLite plans from the schema alone, so the whole query's plan is stable: it
            # walks the index. The captured SQL has its parameters inlined: plan it as it is.
            assert index in _plan(sql), _plan(sql)
        else:
            # PostgreSQL plans from statistics, which a test database's handful of rows make
            # arbitrary: it may as well start from the patients. Ask what it can use for the
            # programs' side of the list on its own; the whole plans at 50,000 patients are
            # in docs/performance.md.
            rule = rules[kind]
            own = (
                Program.objects.annotate(spread_day=_spread_day(today))
                .filter(rule)
                .order_by(F(column).desc() if kind != AlertKind.SILENT else F(column).asc())
                .values("pk")[:ALERTS_SHOWN]
            )
            sql_own, params = own.query.sql_with_params()
            plan = _plan(sql_own, params)
            assert index in plan, plan


def test_equally_severe_programs_make_the_cut_oldest_first_then_read_by_name(
    therapist, monkeypatch
):
    """The list stops after the rows it shows: among ties the older programs make the cut (the
    same on every database), and the rows shown are in name order."""
    monkeypatch.setattr("programs.adherence.ALERTS_SHOWN", 2)
    # Silent since the same day, created Zed, Young, Xavier: names against creation order.
    for name in ("Zed", "Young", "Xavier"):
        patient_with_program(therapist, days=9, last_name=name)
    alerts = dashboard_alerts(therapist)
    assert alerts["counts"]["silent"] == 3
    assert _names(alerts["silent"]) == ["Young", "Zed"]
