"""The dashboard's alert counts stop at a cap ("more than 1,000"), and a therapist's lists are
read through their caseload (active patients), not by walking the whole clinic's alerts."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, Patient
from programs import adherence
from tests.factories import PatientFactory
from tests.programs.test_dashboard_alerts import patient_with_program


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(adherence, "ALERTS_SHOWN", 1)
    monkeypatch.setattr(adherence, "ALERTS_COUNTED", 2)


@pytest.fixture
def four_silent(therapist):
    # Published 9 days ago and never logged: silent.
    return [patient_with_program(therapist, days=9, last_name=f"Quiet{n}") for n in range(4)]


def test_counts_stop_one_past_the_cap(therapist, four_silent, small_caps):
    alerts = adherence.dashboard_alerts(therapist)
    assert alerts["counted"] == 2
    assert alerts["counts"] == {"pain_rising": 0, "spreading": 0, "silent": 3}
    assert [row.patient.last_name for row in alerts["silent"]] == ["Quiet0"]


def test_below_the_cap_the_counts_are_exact(therapist, four_silent):
    alerts = adherence.dashboard_alerts(therapist)
    assert alerts["counts"]["silent"] == 4
    assert alerts["counted"] == adherence.ALERTS_COUNTED


def test_the_page_says_more_than_the_cap(therapist_client, four_silent, small_caps):
    ClinicProfile.load()
    body = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert "2+</span>" in body
    assert "Showing the 1 most pressing of more than 2." in body


def test_a_caseload_is_the_therapists_active_patients(therapist, colleague):
    own = PatientFactory(therapist=therapist)
    PatientFactory(therapist=therapist, archived_at=timezone.now())
    PatientFactory(therapist=colleague)
    assert list(Patient.objects.caseload(therapist)) == [own]
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Patient._meta.db_table)
    assert indexes["patient_caseload_idx"]["index"]


def test_a_caseload_is_read_from_its_index_alone(therapist):
    """Counting a caseload's alerts needs the patients' keys only: the index holds them and the
    columns its expression reads, so PostgreSQL need not visit each patient's row."""
    from django.db import transaction

    if connection.vendor != "postgresql":
        pytest.skip("index-only scans are PostgreSQL's")
    PatientFactory(therapist=therapist)
    sql, params = (
        Patient.objects.caseload(therapist).order_by().values("pk").query.sql_with_params()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # A test's handful of rows: ask what the planner can do, not what it prefers.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        # Whether it can skip the rows, not whether it expects them all-visible right now.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using patient_caseload_idx" in plan, plan
