"""The patient search and the dashboard are served by indexes, checked on the query plan.

No timings here (those are in bench/): the plan says whether the database can use the index,
which is what keeps the pages fast at 50,000 patients.
"""

import pytest
from django.db import connection

from clinic.models import Intake, Patient

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")  # tiny test tables: ask what it *can* use
            cursor.execute("EXPLAIN " + sql, params)
            rows = [row[0] for row in cursor.fetchall()]
            cursor.execute("SET enable_seqscan = on")
            return "\n".join(rows)
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def test_name_search_uses_the_case_insensitive_prefix_indexes():
    plan = _plan(Patient.objects.search("kel"))
    for index in (
        "patient_last_name_ci_idx",
        "patient_first_name_ci_idx",
        "patient_preferred_ci_idx",
        "patient_email_ci_idx",
    ):
        assert index in plan, plan
    assert "SCAN clinic_patient\n" not in plan + "\n"


def test_name_search_still_matches_any_case_and_only_prefixes(therapist):
    Patient.objects.create(first_name="Dana", last_name="Keller", date_of_birth="1980-01-01")
    Patient.objects.create(first_name="Kelly", last_name="Abbott", date_of_birth="1980-01-01")
    Patient.objects.create(first_name="Ana", last_name="McKellan", date_of_birth="1980-01-01")
    found = Patient.objects.search("KEL").order_by("last_name")
    assert [p.last_name for p in found] == ["Abbott", "Keller"]


def test_recent_intakes_are_read_from_the_updated_at_index():
    plan = _plan(Intake.objects.order_by("-updated_at")[:8])
    assert "intake_updated_idx" in plan, plan
