"""Password strength is zxcvbn's estimate of the guesses needed, with the person's own details
as the first guesses; the message next to the field says what to do."""

import pytest
from django.conf import settings as project_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.passwords import StrengthValidator, user_inputs
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADVICE = "Too easy to guess: add a few more words or mix in numbers."


def test_the_project_validates_passwords_with_the_estimator():
    names = [v["NAME"] for v in project_settings.AUTH_PASSWORD_VALIDATORS]
    assert "clinic.passwords.StrengthValidator" in names


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "qwertyuiop12", "Password123!", "a" * 500])
def test_low_variety_and_common_patterns_are_refused_with_advice(therapist, password):
    with pytest.raises(ValidationError) as error:
        validate_password(password, user=therapist)
    assert ADVICE in error.value.messages


@pytest.mark.parametrize(
    "password",
    ["restore-demo-2026", "piano-harbour-lantern-77", "quiet harbour morning walk", PASSWORD],
)
def test_passphrases_and_the_demo_password_pass(therapist, password):
    validate_password(password, user=therapist)


def test_the_persons_own_email_counts_as_an_easy_guess(therapist):
    StrengthValidator().validate("therapist@test.example")  # a stranger's: hard to guess
    with pytest.raises(ValidationError):
        StrengthValidator().validate("therapist@test.example", user=therapist)


def test_user_inputs_are_the_names_the_email_and_its_parts(therapist):
    assert user_inputs(therapist) == sorted(
        {"tess", "therapist", "therapist@test.example", "test", "example"}
    )
    assert user_inputs(None) == []


def test_the_change_password_page_shows_the_advice_next_to_the_field(therapist_client, therapist):
    response = therapist_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "aaaaaaaaaaaa",
            "new_password2": "aaaaaaaaaaaa",
        },
    )
    assert response.status_code == 200
    assert ADVICE in response.context["form"].errors["new_password2"]
    therapist.refresh_from_db()
    assert therapist.check_password(PASSWORD)
