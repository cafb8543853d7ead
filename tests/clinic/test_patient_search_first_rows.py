"""A page of the patient list found through the search's first rows (each name column read on
its own, from its index) is the same page, in the same order, as the search gives."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from clinic.models import Patient
from clinic.views import patients as patient_views
from tests.clinic.test_patient_search_trigram import patients  # noqa: F401 (fixture)
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

LIST = reverse("clinic:patient-list")


def _page(queryset, start: int, end: int) -> list[int]:
    return list(queryset.values_list("pk", flat=True)[start:end])


@pytest.mark.parametrize(
    "query", ["kel", "KELLER", "mck", "ellan", "dana kel", "kel dana", "ann", "Ém", "o'n", "%"]
)
def test_the_first_rows_hold_the_searchs_first_rows_in_order(patients, query):  # noqa: F811
    everyone = Patient.objects.search(query)
    for rows in (1, 2, 3, 10):
        window = Patient.objects.first_of_search(query, rows=rows)
        first = Patient.objects.filter(pk__in=window).search(query)
        assert _page(first, 0, rows) == _page(everyone, 0, rows)


@pytest.mark.parametrize("query", ["", "@mail.example", "555-01", "617 555 0102"])
def test_a_search_not_by_name_has_no_first_rows(patients, query):  # noqa: F811
    assert Patient.objects.first_of_search(query, rows=25) is None
    assert Patient.objects.first_of_search("kel", on=date(1980, 1, 2), rows=25) is None


def test_the_first_rows_keep_the_lists_filters(therapist, colleague):
    PatientFactory(therapist=therapist, last_name="Keller")
    PatientFactory(therapist=colleague, last_name="Kellerman")
    PatientFactory(therapist=therapist, last_name="Kelley", archived_at=timezone.now())
    mine = Patient.objects.active().filter(therapist=therapist)
    window = mine.first_of_search("kell", rows=25)
    assert list(Patient.objects.filter(pk__in=window).values_list("last_name", flat=True)) == [
        "Keller"
    ]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_every_page_of_the_list_is_the_searchs_page(therapist_client, therapist, number):
    # Equal surnames, first names out of creation order: the order goes to the last key.
    for n in range(80):
        PatientFactory(therapist=therapist, last_name="Keller", first_name=f"P{(n * 37) % 80:02d}")
    PatientFactory(therapist=therapist, last_name="Abbott", first_name="Kelly")
    PatientFactory(therapist=therapist, last_name="Zimmer", preferred_name="Kel")
    response = therapist_client.get(LIST, {"q": "kel", "page": number})
    shown = [p.pk for p in response.context["page"].object_list]
    everyone = Patient.objects.active().search("kel")
    start = (number - 1) * patient_views.PATIENTS_PER_PAGE
    assert shown == _page(everyone, start, start + patient_views.PATIENTS_PER_PAGE)
    assert response.context["page"].paginator.count == 82


def test_the_first_rows_are_read_from_the_prefix_indexes_alone(patients):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("index-only scans are PostgreSQL's")
    window = Patient.objects.active().first_of_search("kel", rows=25)
    sql, params = window.sql, window.params
    with transaction.atomic(), connection.cursor() as cursor:
        # A test's handful of rows: ask what the planner can do, not what it prefers.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        # Whether it can skip the rows, not whether it expects them all-visible right now.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("last_name", "first_name", "preferred", "email"):
        assert f"Index Only Scan using patient_{index}_ci_idx" in plan, plan
