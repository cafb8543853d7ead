"""The builder under hostile input: a search box or version it cannot read is ignored or
refused, never a 500 (PostgreSQL refuses NUL characters in a query outright)."""

import pytest

from tests.factories import ExerciseFactory
from tests.programs.builder_helpers import HTMX, program_with_items, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(patient_record):
    return program_with_items(1, patient=patient_record)


@pytest.mark.parametrize("view_name", ["builder-search", "program-builder"])
@pytest.mark.parametrize(
    "params",
    [{"q": "bridge\x00"}, {"category": "stabil\x00isation"}, {"category": "no-such-category"}],
)
def test_a_search_value_it_cannot_read_is_ignored(therapist_client, program, view_name, params):
    ExerciseFactory(name="Glute bridge", category="stabilisation")

    response = therapist_client.get(url(view_name, program), params, **HTMX)

    assert response.status_code == 200
    assert "\x00" not in response.context["query"]
    assert "Glute bridge" in response.content.decode()


def test_a_long_search_is_cut_to_80_characters(therapist_client, program):
    response = therapist_client.get(url("builder-search", program), {"q": "x" * 500}, **HTMX)
    assert response.context["query"] == "x" * 80


@pytest.mark.parametrize("version", ["²", "١٢", "9" * 5000, "-1"])
def test_an_unreadable_version_is_a_conflict_not_a_crash(therapist_client, program, version):
    item = program.items.get()
    response = therapist_client.post(
        url("program-item-remove", program, item_id=item.pk), {"version": version}, **HTMX
    )
    assert response.status_code < 500
    assert program.items.filter(pk=item.pk).exists()
