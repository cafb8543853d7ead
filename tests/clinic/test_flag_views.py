import uuid

import pytest
from django.urls import reverse

from clinic.models import RedFlag
from tests.factories import RedFlagFactory


def detail(flag):
    return reverse("clinic:flag-detail", kwargs={"uuid": flag.uuid})


def decide(flag):
    return reverse("clinic:flag-decide", kwargs={"uuid": flag.uuid})


@pytest.fixture
def emergency(patient_record):
    return RedFlagFactory(
        patient=patient_record,
        code="ces_saddle",
        tier="E",
        reason="Answered yes: new numbness in the saddle area",
    )


@pytest.fixture
def soon(patient_record):
    return RedFlagFactory(patient=patient_record, code="cancer_history", tier="S")


def test_anonymous_goes_to_login(client, emergency):
    for response in (client.get(detail(emergency)), client.post(decide(emergency))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_patients_never_see_flags_even_their_own(patient_client, emergency):
    assert patient_client.get(detail(emergency)).status_code == 403
    assert patient_client.post(decide(emergency), {"reason": "old_stable"}).status_code == 403


def test_therapist_sees_the_flag_and_the_decision_form(therapist_client, emergency):
    response = therapist_client.get(detail(emergency))
    assert response.status_code == 200
    body = response.content.decode()
    assert "New numbness or pins and needles in the saddle area" in body
    assert "Record a decision" in body
    reasons = [value for value, _ in response.context["form"].fields["reason"].choices]
    assert "acknowledged_soon" not in reasons  # a plain acknowledgement is for tier S only


def test_admin_reads_the_flag_but_cannot_decide(admin_client_, emergency):
    response = admin_client_.get(detail(emergency))
    assert response.status_code == 200
    assert response.context["form"] is None
    post = {"reason": "old_stable", "note": "Seen before"}
    assert admin_client_.post(decide(emergency), post).status_code == 403
    emergency.refresh_from_db()
    assert emergency.is_open


def test_unknown_flag_is_404(therapist_client):
    missing = uuid.uuid4()
    assert therapist_client.get(reverse("clinic:flag-detail", args=[missing])).status_code == 404
    assert therapist_client.post(reverse("clinic:flag-decide", args=[missing])).status_code == 404


def test_decide_is_post_only(therapist_client, emergency):
    assert therapist_client.get(decide(emergency)).status_code == 405


def test_a_recorded_decision_lifts_the_block(
    therapist_client, therapist, emergency, patient_record
):
    assert not patient_record.can_receive_program()
    response = therapist_client.post(
        decide(emergency),
        {
            "reason": "physician_clearance",
            "physician_name": "Dr Amy Lee",
            "clearance_date": "2026-01-10",
            "note": "MRI clear, seen in the ED.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == patient_record.get_absolute_url()
    emergency.refresh_from_db()
    assert emergency.status == RedFlag.Status.DECIDED
    assert emergency.decision_reason == "physician_clearance"
    assert emergency.decision_note.startswith("Cleared by Dr Amy Lee on 10 Jan 2026.")
    assert emergency.decided_by == therapist
    assert emergency.decided_at is not None
    assert patient_record.can_receive_program()


@pytest.mark.parametrize(
    "post, field",
    [
        ({"reason": "acknowledged_soon", "note": "fine"}, "reason"),
        ({"reason": "made_up", "note": "fine"}, "reason"),
        ({"reason": "old_stable", "note": ""}, "note"),
        ({"reason": "physician_clearance", "note": "ok"}, "physician_name"),
        (
            {
                "reason": "physician_clearance",
                "note": "ok",
                "physician_name": "Dr Lee",
                "clearance_date": "2999-01-01",
            },
            "clearance_date",
        ),
    ],
)
def test_a_decision_needs_a_listed_reason_and_a_note(therapist_client, emergency, post, field):
    response = therapist_client.post(decide(emergency), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    emergency.refresh_from_db()
    assert emergency.is_open


def test_a_soon_flag_is_acknowledged(therapist_client, soon, patient_record):
    response = therapist_client.post(
        decide(soon), {"reason": "acknowledged_soon", "note": "Letter to PCP; review in 4 weeks."}
    )
    assert response.status_code == 302
    soon.refresh_from_db()
    assert not soon.is_open
    page = therapist_client.get(detail(soon)).content.decode()
    assert "Acknowledged; review or referral arranged" in page
    assert "Letter to PCP" in page


def test_a_decided_flag_cannot_be_decided_again(therapist_client, soon):
    therapist_client.post(decide(soon), {"reason": "acknowledged_soon", "note": "first"})
    response = therapist_client.post(decide(soon), {"reason": "old_stable", "note": "second"})
    assert response.status_code == 302
    soon.refresh_from_db()
    assert soon.decision_note == "first"


def test_the_dashboard_lists_every_open_flag(therapist_client, emergency, soon, colleague):
    urgent = RedFlagFactory(patient=soon.patient, code="infection_fever", tier="U")
    response = therapist_client.get(reverse("pages:dashboard"))
    (row,) = response.context["flag_patients"]  # one patient, one row
    assert row.open_flag_list == [emergency, urgent, soon]


def test_a_decision_is_audited(therapist_client, therapist, soon, patient_record):
    from clinic.models import AuditEvent

    therapist_client.post(decide(soon), {"reason": "acknowledged_soon", "note": "Seen"})
    event = AuditEvent.objects.get(action="flag_decision")
    assert (event.user, event.patient, event.detail) == (
        therapist,
        patient_record,
        "acknowledged_soon",
    )
