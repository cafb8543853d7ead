"""Exercise queries live on the QuerySet: the library's search, the builder's quick search and
the region and equipment filters."""

import pytest

from programs.models import Exercise
from tests.factories import ContraindicationFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercises():
    piriformis = ExerciseFactory(
        name="AIS piriformis stretch",
        slug="ais-piriformis",
        category=Exercise.Category.AIS_STRETCH,
        target_muscles=["piriformis"],
        joints=["hip"],
        equipment=["rope"],
    )
    bridge = ExerciseFactory(
        name="Glute bridge", slug="glute-bridge", joints=["lumbar"], equipment=["mat"]
    )
    ContraindicationFactory(exercise=bridge, tag="osteoporosis", action="caution")
    return {"piriformis": piriformis, "bridge": bridge}


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def test_search_needs_every_word_and_reads_labels_and_precaution_tags(exercises):
    assert names(Exercise.objects.search("piriformis rope")) == {"AIS piriformis stretch"}
    assert names(Exercise.objects.search("strap")) == {"AIS piriformis stretch"}  # a label
    assert names(Exercise.objects.search("osteoporosis")) == {"Glute bridge"}  # a rule's tag
    assert names(Exercise.objects.search("piriformis bridge")) == set()


def test_quick_search_matches_the_phrase_as_typed(exercises):
    assert names(Exercise.objects.quick_search("PIRIFORMIS")) == {"AIS piriformis stretch"}
    assert names(Exercise.objects.quick_search("glute bridge")) == {"Glute bridge"}
    assert names(Exercise.objects.quick_search("piriformis rope")) == set()
    assert names(Exercise.objects.quick_search("strap")) == set()  # no labels


def test_region_and_equipment_filters_match_whole_keys(exercises):
    assert names(Exercise.objects.in_region("hip")) == {"AIS piriformis stretch"}
    assert names(Exercise.objects.using_equipment("mat")) == {"Glute bridge"}
    assert names(Exercise.objects.using_equipment("ma")) == set()


def test_library_order_puts_the_shipped_numbers_first_then_the_clinics_own_by_name(exercises):
    ExerciseFactory(name="Clinic drill", slug="clinic-drill", number=None)
    ExerciseFactory(name="Second", slug="second", number=2)
    ExerciseFactory(name="First", slug="first", number=1)
    order = list(Exercise.objects.in_library_order().values_list("name", flat=True))
    assert order[:2] == ["First", "Second"]
    assert order[2:] == sorted(order[2:])  # unnumbered, by name
