"""The pages of self-service links: the address a patient follows, the care team's card and
sending, and the portal's "Forms to fill in"."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent, ClinicProfile, OutboxMessage, Patient
from clinic.questionnaires.models import QuestionnaireRequest
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.sending import send_intake_link
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

INTAKE = PatientLink.Purpose.INTAKE
QUESTIONNAIRE = PatientLink.Purpose.QUESTIONNAIRE


@pytest.fixture(autouse=True)
def _clinic():
    ClinicProfile.objects.update_or_create(
        pk=1, defaults={"name": "Harbor Clinic", "phone": "(617) 555-0100"}
    )


@pytest.fixture
def emailable(patient_record):
    Patient.objects.filter(pk=patient_record.pk).update(consent_email=True, language="Spanish")
    patient_record.refresh_from_db()
    return patient_record


def send_url(patient):
    return reverse("clinic:patient-intake-send", kwargs={"uuid": patient.uuid})


def detail(patient):
    return reverse("pages:patient-detail", kwargs={"uuid": patient.uuid})


def qr_link(patient, therapist):
    _intake, link, token = send_intake_link(patient=patient, by=therapist, channel="qr")
    return link, token


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def raw_tokens_anywhere(token: str) -> list[str]:
    """Where the raw token is in the database: links, outbox rows, audit rows."""
    found = []
    for model in (PatientLink, OutboxMessage, AuditEvent, SelfIntake):
        for row in model.objects.values():
            if any(token in str(value) for value in row.values()):
                found.append(model.__name__)
    return found


# --- the address in the email or QR code ------------------------------------------------------


def test_a_live_link_counts_the_opening_and_goes_to_its_form(client, patient_record, therapist):
    link, token = qr_link(patient_record, therapist)
    response = client.get(links.link_path(token))
    assert response.status_code == 302
    assert response["Location"] == reverse("clinic:self-intake", kwargs={"token": token})
    assert_private(response)
    client.get(links.link_path(token))
    link.refresh_from_db()
    assert link.open_count == 2
    assert link.first_opened_at <= link.last_opened_at
    opens = AuditEvent.objects.filter(action="view", object_id=str(link.uuid))
    assert opens.count() == 2
    assert {e.patient_id for e in opens} == {patient_record.pk}


def test_a_questionnaire_link_goes_to_the_questionnaire(client, patient_record, therapist):
    request = QuestionnaireRequest.objects.create(
        patient=patient_record, instrument="rmdq", due_on=timezone.localdate()
    )
    _link, token = links.issue_link(
        patient=patient_record, purpose=QUESTIONNAIRE, target_uuid=request.uuid, by=therapist
    )
    response = client.get(links.link_path(token))
    assert response["Location"] == reverse("clinic:questionnaire-answer", kwargs={"token": token})


def test_a_wrong_token_gets_the_plain_page(client, patient_record, therapist):
    qr_link(patient_record, therapist)
    response = client.get("/f/not-the-token/")
    assert response.status_code == 404
    assert_private(response)
    html = response.content.decode()
    assert "work any more" in html
    assert "Harbor Clinic" in html and "(617) 555-0100" in html
    assert "Rivera" not in html and "Pat" not in html
    assert 'href="/accounts/login/"' not in html  # nothing else: no menu, no sign-in


def test_an_expired_link_is_refused_and_the_refusal_is_audited(client, patient_record, therapist):
    link, token = qr_link(patient_record, therapist)
    PatientLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = client.get(links.link_path(token))
    assert response.status_code == 404
    assert_private(response)
    link.refresh_from_db()
    assert link.open_count == 0
    refusal = AuditEvent.objects.get(action="link_refused", object_id=str(link.uuid))
    assert "expired" in refusal.detail and refusal.patient == patient_record


def test_link_open_answers_get_only(client, patient_record, therapist):
    _link, token = qr_link(patient_record, therapist)
    assert client.post(links.link_path(token)).status_code == 405


def test_guessing_tokens_is_limited_per_ip(client, patient_record, therapist):
    _link, token = qr_link(patient_record, therapist)
    for attempt in range(30):
        assert client.get(f"/f/guess-{attempt}/").status_code == 404
    response = client.get(links.link_path(token))
    assert response.status_code == 429
    assert "work any more" in response.content.decode()
    assert_private(response)


# --- sending, staff side -----------------------------------------------------------------------


def test_emailing_the_intake_queues_a_link_email_without_the_token(
    therapist_client, emailable, therapist
):
    response = therapist_client.post(send_url(emailable), {"channel": "email"})
    assert response.status_code == 302
    assert response["Location"] == detail(emailable) + "#self-service"
    self_intake = SelfIntake.objects.get(patient=emailable)
    assert self_intake.requested_by == therapist
    assert self_intake.language == "es"
    link = PatientLink.objects.get(patient=emailable)
    assert (link.channel, link.purpose, link.target_uuid) == ("email", INTAKE, self_intake.uuid)
    message = OutboxMessage.objects.get(kind="self_service_link")
    assert message.patient == emailable and message.object_id == str(link.uuid)
    assert message.language == "es"  # the patient's language, as the form's
    assert "/f/" not in message.body_text + message.body_html


def test_email_is_refused_without_consent_and_qr_is_offered(
    therapist_client, patient_record, therapist
):
    response = therapist_client.post(send_url(patient_record), {"channel": "email"}, follow=True)
    html = response.content.decode()
    assert "not agreed to email" in html and "QR code instead" in html
    assert not SelfIntake.objects.exists() and not PatientLink.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_email_is_refused_without_an_address(therapist_client, therapist):
    patient = PatientFactory(email="", consent_email=True, therapist=therapist)
    response = therapist_client.post(send_url(patient), {"channel": "email"}, follow=True)
    assert "no email address" in response.content.decode()
    assert not PatientLink.objects.exists()


def test_an_unknown_channel_is_refused_with_a_message(therapist_client, patient_record):
    response = therapist_client.post(send_url(patient_record), {"channel": "fax"}, follow=True)
    assert response.status_code == 200
    assert "Choose how to send the form" in response.content.decode()
    assert not PatientLink.objects.exists()


def test_sending_again_makes_a_new_link_to_the_same_form(emailable, therapist):
    first_intake, first, first_token = send_intake_link(
        patient=emailable, by=therapist, channel="email"
    )
    second_intake, second, second_token = send_intake_link(
        patient=emailable, by=therapist, channel="qr"
    )
    assert first_intake == second_intake
    assert first != second
    assert links.find_live_link(second_token) == second
    # The first one's token is replaced by the one its email carries when sent; the link lives.
    first.refresh_from_db()
    assert first.is_live
    assert SelfIntake.objects.count() == 1


def test_the_qr_code_page_shows_the_link_once(therapist_client, patient_record, therapist):
    response = therapist_client.post(send_url(patient_record), {"channel": "qr"})
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert "<svg" in html and 'aria-label="QR code that opens the form"' in html
    token = re.search(r"/f/([A-Za-z0-9_-]{43})/", html).group(1)
    link = links.find_live_link(token)
    assert link.channel == "qr" and link.patient == patient_record
    assert raw_tokens_anywhere(token) == []
    assert AuditEvent.objects.filter(
        action="view", object_id=str(link.uuid), user=therapist
    ).exists()


def test_an_archived_patient_gets_no_link(therapist_client, patient_record, therapist):
    Patient.objects.filter(pk=patient_record.pk).update(archived_at=timezone.now())
    response = therapist_client.post(send_url(patient_record), {"channel": "qr"}, follow=True)
    assert "archived" in response.content.decode()
    assert not PatientLink.objects.exists()


def test_revoking_a_link_ends_it(therapist_client, patient_record, therapist):
    link, token = qr_link(patient_record, therapist)
    url = reverse("clinic:link-revoke", kwargs={"uuid": link.uuid})
    assert therapist_client.get(url).status_code == 405
    response = therapist_client.post(url)
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_by == therapist
    assert links.find_live_link(token) is None


def test_the_patient_page_lists_links_with_status_when_and_who(
    therapist_client, emailable, therapist
):
    sent, _ = qr_link(emailable, therapist)
    opened, _ = qr_link(emailable, therapist)
    PatientLink.objects.filter(pk=opened.pk).update(open_count=3)
    revoked, _ = qr_link(emailable, therapist)
    links.revoke_link(link=revoked, by=therapist)
    expired, _ = qr_link(emailable, therapist)
    PatientLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    html = therapist_client.get(detail(emailable)).content.decode()
    card = html[html.index('id="self-service"') :]
    card = card[: card.index("</section>")]
    assert "Pre-visit intake and questionnaires" in card
    for words in ("Sent", "Opened 3 times", "Revoked", "Expired", "Tess Therapist"):
        assert words in card, words
    assert card.count('action="/links/') == 2  # only live links can be revoked
    assert "Email the intake" in card and "Show a QR code" in card


def test_the_patient_page_says_why_email_is_not_offered(therapist_client, patient_record):
    html = therapist_client.get(detail(patient_record)).content.decode()
    assert "not agreed to email" in html
    assert "Email the intake" not in html and "Show a QR code" in html


# --- the portal --------------------------------------------------------------------------------


def open_forms(patient, therapist):
    self_intake, _link, _token = send_intake_link(patient=patient, by=therapist, channel="qr")
    questionnaire = QuestionnaireRequest.objects.create(
        patient=patient, instrument="rmdq", due_on=date(2026, 3, 2), status="started"
    )
    return self_intake, questionnaire


def test_the_portal_lists_the_patients_forms_to_fill_in(
    patient_client, patient_record, therapist, other_patient_record
):
    open_forms(patient_record, therapist)
    open_forms(other_patient_record, therapist)
    QuestionnaireRequest.objects.create(
        patient=patient_record, instrument="sbi", due_on=date(2026, 3, 2), status="completed"
    )
    html = patient_client.get(reverse("programs:portal-home")).content.decode()
    card = html[html.index("Forms to fill in") :]
    card = card[: card.index("</section>")]
    assert card.count('action="/portal/forms/') == 2
    assert "Pre-visit form" in card and ">Start<" in card
    assert "Pre-visit intake" not in card  # a clinic word, not the patient's
    # Each questionnaire by the plain title its page opens with, not the instrument's name.
    assert "Your back and everyday life" in card and ">Continue<" in card
    assert "Roland-Morris" not in card
    assert "leg symptoms bother you" not in card  # the completed one is not listed


def test_the_portal_shows_no_card_without_forms(patient_client):
    html = patient_client.get(reverse("programs:portal-home")).content.decode()
    assert "Forms to fill in" not in html


@pytest.mark.parametrize("forms", [1, 12])
def test_the_portal_card_costs_two_queries_whatever_the_number_of_forms(
    patient_client, patient_record, therapist, forms
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(forms):
        QuestionnaireRequest.objects.create(
            patient=patient_record, instrument="rmdq", due_on=date(2026, 3, 1) + timedelta(n)
        )
    with CaptureQueriesContext(connection) as queries:
        patient_client.get(reverse("programs:portal-home"))
    own = [q for q in queries if "selfintake" in q["sql"] or "questionnairerequest" in q["sql"]]
    assert len(own) == 2


def portal_open(client, kind, uuid):
    return client.post(reverse("clinic:portal-form-open", kwargs={"kind": kind, "uuid": uuid}))


def test_start_in_the_portal_opens_the_form_through_a_fresh_one_day_link(
    patient_client, patient_record, patient, therapist
):
    self_intake, questionnaire = open_forms(patient_record, therapist)
    response = portal_open(patient_client, "intake", self_intake.uuid)
    assert response.status_code == 302
    assert_private(response)
    token = response["Location"].split("/")[2]
    link = links.find_live_link(token)
    assert (link.channel, link.target_uuid, link.created_by) == (
        "portal",
        self_intake.uuid,
        patient,
    )
    assert timedelta(hours=23) < link.expires_at - timezone.now() <= timedelta(days=1)
    followed = patient_client.get(response["Location"])
    assert followed["Location"] == reverse("clinic:self-intake", kwargs={"token": token})

    response = portal_open(patient_client, "questionnaire", questionnaire.uuid)
    token = response["Location"].split("/")[2]
    assert links.find_live_link(token).purpose == QUESTIONNAIRE


def test_another_patients_form_or_a_finished_one_is_404(
    patient_client, patient_record, other_patient_record, therapist
):
    others, _ = open_forms(other_patient_record, therapist)
    assert portal_open(patient_client, "intake", others.uuid).status_code == 404
    mine, questionnaire = open_forms(patient_record, therapist)
    QuestionnaireRequest.objects.filter(pk=questionnaire.pk).update(status="completed")
    assert portal_open(patient_client, "questionnaire", questionnaire.uuid).status_code == 404
    assert portal_open(patient_client, "portal", mine.uuid).status_code == 404
    assert portal_open(patient_client, "questionnaire", mine.uuid).status_code == 404
    assert not PatientLink.objects.filter(channel="portal").exists()
