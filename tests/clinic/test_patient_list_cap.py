"""The patient list counts its matches up to a cap and then says "more than": a few letters can
match tens of thousands of patients in a large clinic, and counting them all cost as much as
the page. Below the cap the count and the pages are exact."""

import pytest
from django.urls import reverse

from clinic.views import patients as patient_views
from tests.factories import PatientFactory, TherapistFactory

pytestmark = pytest.mark.django_db

LIST = reverse("clinic:patient-list")


@pytest.fixture
def cap(monkeypatch):
    monkeypatch.setattr(patient_views, "PATIENTS_COUNTED", 50)
    return 50


def _patients(count, therapist, last_name="Keller"):
    PatientFactory.create_batch(count, therapist=therapist, last_name=last_name)


def test_past_the_cap_the_list_says_more_than_and_the_pages_stop_there(
    therapist_client, therapist, cap
):
    _patients(cap + 3, therapist)
    response = therapist_client.get(LIST, {"q": "kell"})
    paginator = response.context["page"].paginator
    assert paginator.capped
    assert paginator.count == cap + 1  # counted no further than it needed to
    assert paginator.num_pages == 2
    assert "More than 50 patients match “kell”: the first 50 are listed." in response.text
    # The pages end at the cap: a later page number shows the last one.
    last = therapist_client.get(LIST, {"q": "kell", "page": 3})
    assert last.context["page"].number == 2
    assert len(last.context["page"].object_list) == 25


def test_the_whole_list_past_the_cap_asks_for_a_search(therapist_client, therapist, cap):
    _patients(cap + 1, therapist)
    response = therapist_client.get(LIST)
    assert "More than 50 patients: the first 50 are listed." in response.text


def test_at_the_cap_the_count_is_exact(therapist_client, therapist, cap):
    _patients(cap, therapist)
    _patients(2, therapist, last_name="Abbott")  # not matching
    response = therapist_client.get(LIST, {"q": "kell"})
    paginator = response.context["page"].paginator
    assert not paginator.capped
    assert paginator.count == cap
    assert paginator.num_pages == 2
    assert "50 patients matching “kell”" in response.text
    assert "More than" not in response.text


def test_the_list_names_each_patients_therapist_as_everywhere_else(therapist_client, therapist):
    """The therapist column is read by a subquery (worked out for the rows shown), and reads
    like the user's name anywhere: the full name, else the email."""
    unnamed = TherapistFactory(first_name="", last_name="")
    PatientFactory(therapist=therapist, last_name="Keller")
    PatientFactory(therapist=unnamed, last_name="Kellerman")
    PatientFactory(therapist=None, last_name="Kelly")
    response = therapist_client.get(LIST, {"q": "kell"})
    labels = {p.last_name: p.therapist_label for p in response.context["page"].object_list}
    assert labels == {"Keller": str(therapist), "Kellerman": unnamed.email, "Kelly": None}
    assert str(therapist) in response.text
