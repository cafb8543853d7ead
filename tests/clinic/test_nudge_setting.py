"""The clinic's nudge setting: how many days without a log before a patient gets a friendly
email, on the clinic details page."""

from django.urls import reverse

from clinic.models import ClinicProfile

URL = reverse("clinic:clinic-profile")


def test_the_clinic_admin_sets_the_nudge_on_the_clinic_details_page(admin_client_):
    assert 'name="nudge_after_days"' in admin_client_.get(URL).content.decode()
    form = {"name": "Harbor Test Clinic", "nudge_after_days": "6"}
    assert admin_client_.post(URL, form).status_code == 302
    assert ClinicProfile.load().nudge_after_days == 6


def test_a_nudge_setting_out_of_range_is_explained_next_to_the_field(admin_client_):
    response = admin_client_.post(URL, {"name": "Harbor Test Clinic", "nudge_after_days": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "nudge_after_days": ["Ensure this value is greater than or equal to 1."]
    }
    page = response.content.decode()
    assert 'value="Harbor Test Clinic"' in page and 'value="0"' in page
    assert ClinicProfile.load().nudge_after_days == 4


def test_a_form_posted_without_the_setting_keeps_it(admin_client_):
    profile = ClinicProfile.load()
    profile.nudge_after_days = 9
    profile.save()
    assert admin_client_.post(URL, {"name": "Harbor Test Clinic"}).status_code == 302
    assert ClinicProfile.load().nudge_after_days == 9


def test_the_default_is_four_days(db):
    assert ClinicProfile.load().nudge_after_days == 4
