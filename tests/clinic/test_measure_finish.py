"""Finishing an SBI or STarT Back entry saved "not scored": the gaps filled, the rest kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.measures import services as measure_services
from clinic.models import AuditEvent
from clinic.services import record_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def unscored_sbi(patient_record, colleague):
    return record_measure(
        patient=patient_record,
        instrument="sbi",
        answers={"items": [2, None, 3, None]},
        by=colleague,
    )


def test_an_incomplete_entry_is_saved_unscored_and_offers_finishing(therapist_client, unscored_sbi):
    assert unscored_sbi.score is None
    html = therapist_client.get(unscored_sbi.get_absolute_url()).content.decode()
    assert reverse("clinic:measure-finish", kwargs={"uuid": unscored_sbi.uuid}) in html


def test_finishing_fills_the_gaps_scores_and_keeps_the_first_entry(
    therapist_client, therapist, colleague, unscored_sbi
):
    url = reverse("clinic:measure-finish", kwargs={"uuid": unscored_sbi.uuid})
    html = therapist_client.get(url).content.decode()
    # Recorded items are shown but cannot be changed.
    assert 'name="item_1" value="2"' in html and "disabled" in html
    # A forged change to a recorded item is ignored: disabled fields keep what was recorded.
    response = therapist_client.post(url, {"item_1": "6", "item_2": "4", "item_4": "1"})
    assert response.status_code == 302
    unscored_sbi.refresh_from_db()
    assert unscored_sbi.answers["items"] == [2, 4, 3, 1]
    assert unscored_sbi.score == 10
    first = unscored_sbi.details["first_recorded"]
    assert first["answers"] == {"items": [2, None, 3, None]}
    assert first["by"] == colleague.display_name
    assert unscored_sbi.details["finished"]["items_added"] == [2, 4]
    assert unscored_sbi.details["finished"]["by"] == therapist.display_name
    assert unscored_sbi.recorded_by == colleague
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_id=str(unscored_sbi.uuid), user=therapist
    ).exists()
    page = therapist_client.get(unscored_sbi.get_absolute_url()).content.decode()
    assert "Missing items (2, 4) added by Tess Therapist" in page


def test_finishing_needs_every_missing_item(therapist_client, unscored_sbi):
    url = reverse("clinic:measure-finish", kwargs={"uuid": unscored_sbi.uuid})
    response = therapist_client.post(url, {"item_2": "4"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    unscored_sbi.refresh_from_db()
    assert unscored_sbi.score is None and unscored_sbi.answers["items"] == [2, None, 3, None]


def test_start_back_is_finished_with_its_risk_group(patient_record, therapist):
    measure = record_measure(
        patient=patient_record,
        instrument="start_back",
        answers={"items": [1, 1, 0, 1, 1, None, 1, 1, None]},
        by=therapist,
    )
    measure = measure_services.finish_measure(
        measure=measure, items=[1, 1, 0, 1, 1, 1, 1, 1, 4], by=therapist
    )
    assert measure.score == 8 and measure.band == "high"


def test_the_service_refuses_changes_to_recorded_items(unscored_sbi, therapist):
    with pytest.raises(ValidationError, match="cannot be changed"):
        measure_services.finish_measure(measure=unscored_sbi, items=[5, 4, 3, 1], by=therapist)
    with pytest.raises(ValidationError):
        measure_services.finish_measure(measure=unscored_sbi, items=[2, 4, 3, None], by=therapist)


def test_a_scored_entry_cannot_be_finished(therapist_client, patient_record, therapist):
    measure = record_measure(
        patient=patient_record, instrument="sbi", answers={"items": [1, 1, 1, 1]}, by=therapist
    )
    assert not measure_services.can_finish(measure)
    url = reverse("clinic:measure-finish", kwargs={"uuid": measure.uuid})
    assert therapist_client.get(url).status_code == 302
    with pytest.raises(ValidationError):
        measure_services.finish_measure(measure=measure, items=[1, 1, 1, 1], by=therapist)


def test_admin_and_patients_cannot_finish(client, admin, patient, unscored_sbi):
    url = reverse("clinic:measure-finish", kwargs={"uuid": unscored_sbi.uuid})
    for user in (admin, patient):
        client.force_login(user)
        assert client.post(url, {"item_2": "1", "item_4": "1"}).status_code == 403
    unscored_sbi.refresh_from_db()
    assert unscored_sbi.score is None
