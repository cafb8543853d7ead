"""The exercise editor under tampered posts: a message next to the field, never a 500 and
never half-saved rules."""

import pytest
from django.urls import reverse

from programs.models import Contraindication, Exercise
from tests.factories import ContraindicationFactory, ExerciseFactory
from tests.programs.test_exercise_views import _edit_data, _form_data

pytestmark = pytest.mark.django_db

HUGE = "9" * 25


@pytest.fixture
def exercise(db):
    exercise = ExerciseFactory(slug="wall-sit", name="Wall sit", reps=8)
    ContraindicationFactory(exercise=exercise, tag="osteoporosis", action="hide")
    ContraindicationFactory(exercise=exercise, tag="pregnancy", action="caution")
    return exercise


def _edit(client, exercise, data):
    return client.post(reverse("programs:exercise-edit", kwargs={"slug": exercise.slug}), data)


def _rules(exercise) -> set[tuple[str, str]]:
    return set(exercise.contraindications.values_list("tag", "action"))


@pytest.mark.parametrize("field", ["progressions", "regressions"])
@pytest.mark.parametrize("value", [HUGE, "-1", "1" * 5000])
def test_an_impossible_exercise_id_is_an_invalid_choice(therapist_client, field, value):
    response = therapist_client.post(
        reverse("programs:exercise-create"), _form_data(**{field: value})
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.context["form"].errors[field][0]
    assert not Exercise.objects.filter(name="Wall slide").exists()


@pytest.mark.parametrize(
    "management",
    [
        {"rules-TOTAL_FORMS": "1000000"},
        {"rules-INITIAL_FORMS": "5", "rules-TOTAL_FORMS": "5"},
        {"rules-INITIAL_FORMS": "0"},  # the page's rows posted as new ones
        {"rules-INITIAL_FORMS": "1"},  # one row left out
        {"rules-INITIAL_FORMS": "2", "rules-TOTAL_FORMS": "1"},
    ],
)
def test_a_tampered_management_form_is_refused_and_changes_nothing(
    therapist_client, exercise, management
):
    before = _rules(exercise)
    response = _edit(therapist_client, exercise, _edit_data(exercise, **management))

    assert response.status_code == 200
    assert _rules(exercise) == before


def test_a_rule_row_of_another_exercise_is_refused(therapist_client, exercise):
    other_rule = ContraindicationFactory(
        exercise=ExerciseFactory(), tag="balance_impairment", action="caution"
    )
    data = _edit_data(exercise, **{"rules-TOTAL_FORMS": "3"})
    data.update(
        {"rules-2-id": other_rule.pk, "rules-2-tag": "balance_impairment", "rules-2-action": "hide"}
    )

    response = _edit(therapist_client, exercise, data)

    assert response.status_code == 200
    assert "changed while the page was open" in str(response.context["formset"].non_form_errors())
    other_rule.refresh_from_db()
    assert other_rule.exercise != exercise and other_rule.action == "caution"


def test_the_same_row_posted_twice_is_refused(therapist_client, exercise):
    data = _edit_data(exercise)
    data["rules-1-id"] = data["rules-0-id"]

    response = _edit(therapist_client, exercise, data)

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()


def test_two_rules_can_trade_precautions(therapist_client, exercise):
    data = _edit_data(exercise)
    data["rules-0-tag"], data["rules-1-tag"] = data["rules-1-tag"], data["rules-0-tag"]

    response = _edit(therapist_client, exercise, data)

    assert response.status_code == 302
    assert _rules(exercise) == {("pregnancy", "hide"), ("osteoporosis", "caution")}


def test_a_deleted_rule_frees_its_precaution_for_another_row(therapist_client, exercise):
    data = _edit_data(exercise)
    osteoporosis = 0 if data["rules-0-tag"] == "osteoporosis" else 1
    data[f"rules-{osteoporosis}-DELETE"] = "on"
    data[f"rules-{1 - osteoporosis}-tag"] = "osteoporosis"

    response = _edit(therapist_client, exercise, data)

    assert response.status_code == 302
    assert _rules(exercise) == {("osteoporosis", "caution")}
    assert Contraindication.objects.filter(tag__startswith="~").count() == 0


@pytest.mark.parametrize("field", ["steps", "target_muscles", "cues", "stop_rules"])
def test_a_nul_character_in_a_list_is_refused_next_to_the_field(therapist_client, field):
    response = therapist_client.post(
        reverse("programs:exercise-create"), _form_data(**{field: "Lift\x00 your hips."})
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["Null characters are not allowed."]
    assert not Exercise.objects.filter(name="Wall slide").exists()
