"""The patient search gives the same patients on SQLite and PostgreSQL, and on PostgreSQL the
trigram indexes (pg_trgm) exist for the searched columns.

The expected lists below are written out, not computed from one backend, so the suite passing
on both databases (CI runs it on SQLite and again with DATABASE_URL on PostgreSQL) shows the
results are identical: the trigram indexes change how PostgreSQL finds the rows, not which.
"""

from datetime import date

import pytest
from django.db import connection

from clinic.models import Patient

pytestmark = pytest.mark.django_db

TRIGRAM_INDEXES = {
    "patient_last_name_trgm_idx": "last_name",
    "patient_first_name_trgm_idx": "first_name",
    "patient_preferred_trgm_idx": "preferred_name",
    "patient_email_trgm_idx": "email",
}


@pytest.fixture
def patients(therapist):
    rows = [
        ("Dana", "Keller", "", "dana.keller@mail.example", "(617) 555-0101", date(1980, 1, 2)),
        ("Kelly", "Abbott", "", "kabbott@mail.example", "617.555.0102", date(1975, 3, 4)),
        ("Ana", "McKellan", "Annie", "ana@mckellan.example", "", date(1990, 5, 6)),
        ("Jo", "Lindqvist-Osei", "Kel", "jo.lo@work.example", "(508) 555-0199", date(1962, 7, 8)),
        ("Émile", "Ødegaard", "", "emile@mail.example", "", date(1955, 9, 10)),
        ("Sam", "O'Neil", "", "KELLER.fan@Mail.example", "617 555 0103", date(2001, 11, 12)),
    ]
    for first, last, preferred, email, phone, born in rows:
        Patient.objects.create(
            first_name=first,
            last_name=last,
            preferred_name=preferred,
            email=email,
            phone=phone,
            date_of_birth=born,
            therapist=therapist,
        )


def _found(query: str, on: date | None = None) -> list[str]:
    return [p.last_name for p in Patient.objects.search(query, on=on)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Any word of a name, by its start, in any case; the email by its start.
        ("kel", ["Abbott", "Keller", "Lindqvist-Osei", "O'Neil"]),
        ("KELLER", ["Keller", "O'Neil"]),
        ("mck", ["McKellan"]),
        ("ellan", []),  # names match from their start only
        ("lindqvist-o", ["Lindqvist-Osei"]),
        ("o'n", ["O'Neil"]),
        ("dana kel", ["Keller"]),
        ("kel dana", ["Keller"]),
        ("ann", ["McKellan"]),
        # Letters beyond ASCII match in the case typed (SQLite folds the case of ASCII only).
        ("Ém", ["Ødegaard"]),
        ("Ødeg", ["Ødegaard"]),
        # With an @: any part of the email, in any case.
        ("@mail.example", ["Abbott", "Keller", "O'Neil", "Ødegaard"]),
        ("ller@", ["Keller"]),
        ("@MCKELLAN", ["McKellan"]),
        # Digits: the phone number in any format.
        ("617 555 0102", ["Abbott"]),
        ("5550103", ["O'Neil"]),
        ("555-01", ["Abbott", "Keller", "Lindqvist-Osei", "O'Neil"]),
        # LIKE's wildcards are searched for as themselves.
        ("%", []),
        ("_", []),
        ("", ["Abbott", "Keller", "Lindqvist-Osei", "McKellan", "O'Neil", "Ødegaard"]),
    ],
)
def test_search_results_are_the_same_on_every_database(patients, query, expected):
    assert _found(query) == expected


def test_search_by_date_of_birth(patients):
    assert _found("1975-03-04", on=date(1975, 3, 4)) == ["Abbott"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_trigram_indexes_exist_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'clinic_patient'"
        )
        definitions = dict(cursor.fetchall())
    for name, column in TRIGRAM_INDEXES.items():
        assert name in definitions, sorted(definitions)
        assert "USING gin" in definitions[name]
        assert f"upper(({column})::text) gin_trgm_ops" in definitions[name]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_email_substring_search_can_use_the_trigram_index(patients):
    sql, params = Patient.objects.search("@mail.example").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # tiny test table: ask what it *can* use
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "patient_email_trgm_idx" in plan, plan


def test_no_trigram_index_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%trgm%'")
        assert cursor.fetchall() == []
