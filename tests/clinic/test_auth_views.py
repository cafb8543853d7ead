import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_login_page_renders_for_anonymous(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_staff_logs_in_by_email_case_insensitively_and_lands_on_dashboard(client, therapist):
    response = client.post(
        reverse("login"), {"username": "THERAPIST@test.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == reverse("pages:dashboard")


def test_patient_home_redirects_to_portal(patient_client):
    response = patient_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:portal-home")


def test_wrong_password_shows_error_and_keeps_email(client, therapist):
    response = client.post(
        reverse("login"), {"username": "therapist@test.example", "password": "wrong-password-1"}
    )
    assert response.status_code == 200
    assert b"therapist@test.example" in response.content
    assert b"correct" in response.content  # "Please enter a correct email and password"


@pytest.mark.django_db
def test_anonymous_home_redirects_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logout_needs_post_and_ends_the_session(therapist_client):
    assert therapist_client.get(reverse("logout")).status_code == 405
    assert therapist_client.post(reverse("logout")).status_code == 302
    response = therapist_client.get(reverse("pages:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_reset_sends_a_single_use_link(client, therapist, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": therapist.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/" in mailoutbox[0].body
