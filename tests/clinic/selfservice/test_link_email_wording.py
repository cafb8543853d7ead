"""The link email names the kind of form (a pre-visit form, a short questionnaire) in its
subject, text and button, and still says nothing about the patient's health."""

import pytest
from django.db import transaction

from clinic.models import ClinicProfile, OutboxMessage, Patient
from clinic.outbox.at_send import prepared
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clinic():
    ClinicProfile.objects.update_or_create(pk=1, defaults={"name": "Harbor Clinic"})


def sent_email(patient, therapist, purpose):
    Patient.objects.filter(pk=patient.pk).update(consent_email=True)
    link, token = links.issue_link(
        patient=patient, purpose=purpose, target_uuid=patient.uuid, by=therapist
    )
    with transaction.atomic():
        message = links.email_link(link=link, token=token, by=therapist)
    return prepared(OutboxMessage.objects.get(pk=message.pk))


def test_a_pre_visit_intake_email_says_pre_visit_form(patient_record, therapist):
    sent = sent_email(patient_record, therapist, PatientLink.Purpose.INTAKE)
    assert sent.subject == "A pre-visit form for you: Harbor Clinic"
    assert "has a pre-visit form for you to fill in" in sent.body_text
    assert "has a pre-visit form for you to fill in" in sent.body_html
    assert "Open the form" in sent.body_html
    assert "questionnaire" not in (sent.subject + sent.body_text).lower()


def test_a_questionnaire_email_says_short_questionnaire(patient_record, therapist):
    patient_record.notes = "Lumbar radiculopathy"
    sent = sent_email(patient_record, therapist, PatientLink.Purpose.QUESTIONNAIRE)
    assert sent.subject == "A short questionnaire for you: Harbor Clinic"
    assert "has a short questionnaire for you" in sent.body_text
    assert "Open the questionnaire" in sent.body_html
    assert "Open the questionnaire with this link" in sent.body_text
    assert "pre-visit" not in sent.body_text
    text = (sent.subject + sent.body_text + sent.body_html).lower()
    for word in ("rivera", "pain", "radiculopathy", "sciatica", "roland", "symptom"):
        assert word not in text, word
