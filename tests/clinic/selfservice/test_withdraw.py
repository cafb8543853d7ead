"""Withdrawing a pre-visit intake the patient has not sent: its links end, it leaves the
portal's "Forms to fill in", the record keeps it (withdrawn) and the audit log says who."""

import pytest
from django.urls import reverse

from clinic.models import AuditEvent, ClinicProfile, OutboxMessage, Patient
from clinic.outbox.at_send import Withdrawn, prepared
from clinic.selfservice import links
from clinic.selfservice.models import SelfIntake
from clinic.selfservice.sending import send_intake_link

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clinic():
    ClinicProfile.objects.update_or_create(pk=1, defaults={"name": "Harbor Clinic"})


def withdraw_url(self_intake):
    return reverse("clinic:self-intake-withdraw", kwargs={"uuid": self_intake.uuid})


def detail(patient):
    return reverse("pages:patient-detail", kwargs={"uuid": patient.uuid})


def test_withdrawing_ends_every_link_and_takes_it_off_the_portal(
    client, therapist, patient, patient_record
):
    self_intake, _link, first = send_intake_link(patient=patient_record, by=therapist, channel="qr")
    _again, _link, second = send_intake_link(patient=patient_record, by=therapist, channel="qr")
    SelfIntake.objects.filter(pk=self_intake.pk).update(
        status="started", answers={"reason": {"chief_complaint": "Low back"}}
    )
    client.force_login(patient)
    assert "Forms to fill in" in client.get(reverse("programs:portal-home")).content.decode()

    client.force_login(therapist)
    assert client.get(withdraw_url(self_intake)).status_code == 405
    response = client.post(withdraw_url(self_intake), follow=True)
    assert "The pre-visit intake is withdrawn" in response.content.decode()

    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.WITHDRAWN
    assert self_intake.answers == {"reason": {"chief_complaint": "Low back"}}  # kept
    assert links.find_live_link(first) is None and links.find_live_link(second) is None
    assert client.get(links.link_path(second)).status_code == 404
    assert AuditEvent.objects.filter(
        detail="Pre-visit intake withdrawn before the patient sent it", user=therapist
    ).exists()

    client.force_login(patient)
    assert "Forms to fill in" not in client.get(reverse("programs:portal-home")).content.decode()


def test_the_patient_page_card_offers_withdraw_then_shows_it_withdrawn(
    therapist_client, therapist, patient_record
):
    self_intake, _link, _token = send_intake_link(
        patient=patient_record, by=therapist, channel="qr"
    )
    html = therapist_client.get(detail(patient_record)).content.decode()
    card = html[html.index('id="self-service"') :]
    assert withdraw_url(self_intake) in card
    assert "Withdraw this form" in card and "data-confirm=" in card

    therapist_client.post(withdraw_url(self_intake))
    html = therapist_client.get(detail(patient_record)).content.decode()
    item = html[html.index(f'id="self-intake-{self_intake.uuid}"') :]
    item = item[: item.index("</li>")]
    assert "Withdrawn" in item
    assert withdraw_url(self_intake) not in item


def test_an_emailed_link_waiting_in_the_outbox_is_not_sent_after_withdrawing(
    therapist_client, therapist, patient_record
):
    Patient.objects.filter(pk=patient_record.pk).update(consent_email=True)
    patient_record.refresh_from_db()
    self_intake, _link, _token = send_intake_link(
        patient=patient_record, by=therapist, channel="email"
    )
    therapist_client.post(withdraw_url(self_intake))
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.SELF_SERVICE_LINK)
    with pytest.raises(Withdrawn):
        prepared(message)


def test_a_sent_form_cannot_be_withdrawn(therapist_client, therapist, patient_record):
    self_intake, _link, _token = send_intake_link(
        patient=patient_record, by=therapist, channel="qr"
    )
    SelfIntake.objects.filter(pk=self_intake.pk).update(
        status="submitted", signed_at="2026-03-01T10:00Z", signature_name="Pat", signed_text="x"
    )
    response = therapist_client.post(withdraw_url(self_intake), follow=True)
    assert "already sent back or withdrawn" in response.content.decode()
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.SUBMITTED


def test_withdrawing_a_questionnaire_takes_it_off_the_portal(
    client, therapist, patient, patient_record
):
    from datetime import date

    from clinic.questionnaires.models import QuestionnaireRequest

    questionnaire = QuestionnaireRequest.objects.create(
        patient=patient_record, instrument="rmdq", due_on=date(2026, 3, 2)
    )
    client.force_login(therapist)
    html = client.get(detail(patient_record)).content.decode()
    url = reverse("clinic:questionnaire-cancel", kwargs={"uuid": questionnaire.uuid})
    button = html[html.index(url) :]
    assert ">Withdraw<" in button[: button.index("</form>")]
    response = client.post(url, follow=True)
    assert "The questionnaire is withdrawn" in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireRequest.Status.CANCELLED

    client.force_login(patient)
    assert "Forms to fill in" not in client.get(reverse("programs:portal-home")).content.decode()
