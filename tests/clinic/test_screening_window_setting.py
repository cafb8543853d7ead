"""The clinic's screening window: how recent a red-flag screen must be for a home program to be
published, set by the clinic admin on the clinic details page (7 to 365 days, 90 by default)."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from clinic.models import ClinicProfile

URL = reverse("clinic:clinic-profile")


def test_the_clinic_admin_sets_the_window_on_the_clinic_details_page(admin_client_):
    page = admin_client_.get(URL).content.decode()
    assert 'name="screening_window_days"' in page
    assert "A home program can be published only after a signed intake" in page
    form = {"name": "Harbor Test Clinic", "screening_window_days": "60"}
    assert admin_client_.post(URL, form).status_code == 302
    assert ClinicProfile.load().screening_window_days == 60


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("6", "Ensure this value is greater than or equal to 7."),
        ("366", "Ensure this value is less than or equal to 365."),
    ],
)
def test_a_window_out_of_range_is_explained_next_to_the_field(admin_client_, typed, message):
    response = admin_client_.post(
        URL, {"name": "Harbor Test Clinic", "screening_window_days": typed}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"screening_window_days": [message]}
    page = response.content.decode()
    assert 'value="Harbor Test Clinic"' in page and f'value="{typed}"' in page
    assert ClinicProfile.load().screening_window_days == 90


def test_a_form_posted_without_the_window_keeps_it(admin_client_):
    profile = ClinicProfile.load()
    profile.screening_window_days = 30
    profile.save()
    assert admin_client_.post(URL, {"name": "Harbor Test Clinic"}).status_code == 302
    assert ClinicProfile.load().screening_window_days == 30


def test_therapists_cannot_change_it(therapist_client):
    assert therapist_client.post(URL, {"screening_window_days": "7"}).status_code == 403


def test_the_default_is_ninety_days_and_the_database_refuses_out_of_range(db):
    profile = ClinicProfile.load()
    assert profile.screening_window_days == 90
    with pytest.raises(IntegrityError):
        ClinicProfile.objects.filter(pk=profile.pk).update(screening_window_days=400)
