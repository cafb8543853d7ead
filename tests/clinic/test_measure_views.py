import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic import services
from clinic.models import OutcomeMeasure, PSFSActivity
from clinic.scoring import RMDQ_STATEMENTS

INSTRUMENTS = ["nprs", "rmdq", "psfs", "sbi", "start_back", "odi"]


def create(patient, instrument):
    return reverse("clinic:measure-create", kwargs={"uuid": patient.uuid, "instrument": instrument})


def today():
    return timezone.localdate().isoformat()


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_roles(client, therapist, admin, patient, patient_record, instrument):
    url = create(patient_record, instrument)
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    client.force_login(patient)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    assert client.get(url).status_code == 403
    client.force_login(therapist)
    assert client.get(url).status_code == 200


def test_unknown_instrument_and_patient_are_404(therapist_client, patient_record):
    assert therapist_client.get(create(patient_record, "promis")).status_code == 404
    url = reverse("clinic:measure-create", kwargs={"uuid": uuid.uuid4(), "instrument": "rmdq"})
    assert therapist_client.get(url).status_code == 404


def test_rmdq_counts_ticked_statements(therapist_client, therapist, patient_record):
    response = therapist_client.post(
        create(patient_record, "rmdq"), {"ticked": ["1", "5", "24"], "taken_on": today()}
    )
    assert response.status_code == 302
    measure = OutcomeMeasure.objects.get()
    assert (measure.instrument, measure.score, measure.recorded_by) == ("rmdq", 3, therapist)
    assert measure.answers == {"ticked": [1, 5, 24], "none_apply": False}


def test_rmdq_none_apply_is_a_deliberate_zero(therapist_client, patient_record):
    therapist_client.post(create(patient_record, "rmdq"), {"none_apply": "on", "taken_on": today()})
    assert OutcomeMeasure.objects.get().score == 0


@pytest.mark.parametrize(
    "post, field",
    [
        ({}, "ticked"),
        ({"ticked": ["2"], "none_apply": "on"}, "none_apply"),
        ({"ticked": ["25"]}, "ticked"),
    ],
)
def test_rmdq_refuses_an_abandoned_or_contradictory_form(
    therapist_client, patient_record, post, field
):
    response = therapist_client.post(create(patient_record, "rmdq"), {**post, "taken_on": today()})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not OutcomeMeasure.objects.exists()


def test_rmdq_page_has_one_checkbox_per_statement(therapist_client, patient_record):
    body = therapist_client.get(create(patient_record, "rmdq")).content.decode()
    assert body.count('name="ticked"') == 24
    assert RMDQ_STATEMENTS[0] in body


def test_psfs_names_activities_then_rerates_the_same_ones(
    therapist_client, therapist, patient_record
):
    url = create(patient_record, "psfs")
    first = therapist_client.post(
        url,
        {
            "activity_1": "Sit for an hour",
            "rating_1": "3",
            "activity_2": "Put on socks",
            "rating_2": "4",
            "activity_3": "Walk the dog",
            "rating_3": "5",
            "taken_on": today(),
        },
    )
    assert first.status_code == 302
    activities = list(PSFSActivity.objects.filter(patient=patient_record))
    assert [a.name for a in activities] == ["Sit for an hour", "Put on socks", "Walk the dog"]
    assert float(OutcomeMeasure.objects.get().score) == 4.0

    # The next visit re-rates exactly these activities.
    page = therapist_client.get(url)
    assert [f for f in page.context["form"].fields if f.startswith("rating_")] == [
        f"rating_{a.pk}" for a in activities
    ]
    post = {f"rating_{a.pk}": r for a, r in zip(activities, ("7", "8", "9"), strict=True)}
    second = therapist_client.post(url, {**post, "taken_on": today()})
    assert second.status_code == 302
    latest = OutcomeMeasure.objects.latest("id")
    assert float(latest.score) == 8.0
    assert [a["id"] for a in latest.answers["activities"]] == [a.pk for a in activities]


def test_psfs_needs_three_to_five_rated_activities(therapist_client, patient_record):
    response = therapist_client.post(
        create(patient_record, "psfs"),
        {"activity_1": "Sit", "rating_1": "3", "activity_2": "Walk", "taken_on": today()},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "activity_3" in errors and "rating_2" in errors
    assert not PSFSActivity.objects.exists()


def test_psfs_new_set_retires_the_old_one(therapist_client, therapist, patient_record):
    services.record_psfs(
        patient=patient_record, ratings=[1, 2, 3], new_activities=["A", "B", "C"], by=therapist
    )
    response = therapist_client.post(
        create(patient_record, "psfs") + "?new_set=1",
        {
            "activity_1": "D",
            "rating_1": "5",
            "activity_2": "E",
            "rating_2": "5",
            "activity_3": "F",
            "rating_3": "5",
            "taken_on": today(),
        },
    )
    assert response.status_code == 302
    current = patient_record.psfs_activities.current()
    assert [a.name for a in current] == ["D", "E", "F"]
    assert PSFSActivity.objects.filter(patient=patient_record).count() == 6


def test_sbi_sums_items_and_leaves_missing_unscored(therapist_client, patient_record):
    url = create(patient_record, "sbi")
    therapist_client.post(
        url, {"item_1": "5", "item_2": "4", "item_3": "2", "item_4": "6", "taken_on": today()}
    )
    therapist_client.post(url, {"item_1": "5", "item_2": "4", "item_3": "2", "taken_on": today()})
    complete, missing = OutcomeMeasure.objects.order_by("id")
    assert complete.score == 17
    assert missing.score is None
    assert missing.details["complete"] is False


def test_sbi_item_out_of_range_is_refused(therapist_client, patient_record):
    response = therapist_client.post(
        create(patient_record, "sbi"), {"item_1": "7", "taken_on": today()}
    )
    assert response.status_code == 200
    assert "item_1" in response.context["form"].errors


def test_start_back_scores_risk_without_item_wording(therapist_client, patient_record):
    items = {f"item_{n}": "1" for n in range(1, 9)}
    response = therapist_client.post(
        create(patient_record, "start_back"), {**items, "item_9": "1", "taken_on": today()}
    )
    assert response.status_code == 302
    measure = OutcomeMeasure.objects.get()
    assert (measure.score, measure.band, measure.details["psychosocial"]) == (8, "high", 4)


def test_odi_percent_with_a_missing_section(therapist_client, patient_record):
    sections = {f"section_{n}": "2" for n in range(1, 10)}
    sections["section_1"] = "0"  # 0 + 8 x 2 = 16 points over 9 sections
    response = therapist_client.post(
        create(patient_record, "odi"), {**sections, "odi_version": "2.1a", "taken_on": today()}
    )
    assert response.status_code == 302
    measure = OutcomeMeasure.objects.get()
    assert float(measure.score) == 35.6
    assert measure.version == "2.1a"
    assert measure.band == "moderate"


def test_odi_with_too_many_missing_sections_is_not_reported(therapist_client, patient_record):
    sections = {f"section_{n}": "3" for n in range(1, 8)}
    therapist_client.post(
        create(patient_record, "odi"), {**sections, "odi_version": "1.0", "taken_on": today()}
    )
    measure = OutcomeMeasure.objects.get()
    assert measure.score is None
    assert measure.details["reportable"] is False


def test_nprs_measure_checks_the_24_hour_range(therapist_client, patient_record):
    url = create(patient_record, "nprs")
    bad = therapist_client.post(
        url, {"back_now": "5", "back_best": "6", "leg_now": "2", "taken_on": today()}
    )
    assert "back_best" in bad.context["form"].errors
    good = therapist_client.post(url, {"back_now": "5", "leg_now": "2", "taken_on": today()})
    assert good.status_code == 302
    assert OutcomeMeasure.objects.get().details["back_band"] == "moderate"


def test_a_measure_cannot_be_dated_in_the_future(therapist_client, patient_record):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = therapist_client.post(
        create(patient_record, "rmdq"), {"none_apply": "on", "taken_on": future}
    )
    assert "taken_on" in response.context["form"].errors


def test_archived_patient_gets_no_new_measures(therapist_client, patient_record):
    patient_record.archived_at = timezone.now()
    patient_record.save()
    response = therapist_client.post(
        create(patient_record, "rmdq"), {"none_apply": "on", "taken_on": today()}
    )
    assert response.status_code == 302
    assert not OutcomeMeasure.objects.exists()


def test_measure_detail_roles(client, therapist, admin, patient, patient_record):
    measure = services.record_measure(
        patient=patient_record,
        instrument="rmdq",
        answers={"ticked": [3], "none_apply": False},
        by=therapist,
    )
    url = measure.get_absolute_url()
    assert client.get(url).status_code == 302
    client.force_login(patient)
    assert client.get(url).status_code == 403
    for user in (therapist, admin):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert RMDQ_STATEMENTS[2] in response.content.decode()
    client.force_login(therapist)
    assert client.post(url).status_code == 405
    missing = reverse("clinic:measure-detail", kwargs={"uuid": uuid.uuid4()})
    assert client.get(missing).status_code == 404


def test_patient_page_trend_marks_a_meaningful_change(therapist_client, therapist, patient_record):
    for days, ticked in ((60, 15), (0, 7)):
        services.record_measure(
            patient=patient_record,
            instrument="rmdq",
            answers={"ticked": list(range(1, ticked + 1)), "none_apply": False},
            by=therapist,
            taken_on=timezone.localdate() - timedelta(days=days),
        )
    response = therapist_client.get(patient_record.get_absolute_url())
    trend = next(t for t in response.context["trends"] if t.key == "rmdq")
    assert [p.value for p in trend.points] == [15.0, 7.0]
    assert trend.latest.change.direction == "improved"
    assert trend.latest.change.meaningful
    assert "Meaningfully better since baseline" in response.content.decode()


def test_a_small_change_is_not_called_meaningful(therapist_client, therapist, patient_record):
    for days, ticked in ((30, 12), (0, 10)):
        services.record_measure(
            patient=patient_record,
            instrument="rmdq",
            answers={"ticked": list(range(1, ticked + 1)), "none_apply": False},
            by=therapist,
            taken_on=timezone.localdate() - timedelta(days=days),
        )
    response = therapist_client.get(patient_record.get_absolute_url())
    assert "No meaningful change yet" in response.content.decode()
