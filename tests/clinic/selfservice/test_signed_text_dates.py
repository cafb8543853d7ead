"""The signed intake text writes the birth date as the form's language writes a date, and a
text signed before keeps its words exactly as signed (clinical history is never rewritten)."""

from datetime import date

import pytest
from django.urls import reverse

from clinic.selfservice import links, services
from clinic.selfservice.models import PatientLink, SelfIntake
from tests.clinic.selfservice.test_self_intake import answer_all
from tests.factories import SelfIntakeFactory

pytestmark = pytest.mark.django_db

BORN = date(1958, 3, 14)


@pytest.fixture
def born(patient_record):
    patient_record.date_of_birth = BORN
    patient_record.save(update_fields=["date_of_birth"])
    return patient_record


def form_in(patient, therapist, language):
    return SelfIntake.objects.create(patient=patient, requested_by=therapist, language=language)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", "nacido el 14 de marzo de 1958"),
        ("pt-br", "nascido em 14 de março de 1958"),
        ("en", "born March 14, 1958"),
    ],
)
def test_the_signed_text_writes_the_birth_date_in_the_forms_language(
    born, therapist, language, words
):
    text = services.signed_text(form_in(born, therapist, language))
    assert words in text.split("\n")[0]
    assert "1958-03-14" not in text


def test_what_the_sign_page_shows_is_what_is_stored(client, born, therapist):
    self_intake = form_in(born, therapist, "es")
    _, token = links.issue_link(
        patient=born,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=therapist,
    )
    answer_all(client, token)
    sign = reverse("clinic:self-intake-sign", kwargs={"token": token})
    page = client.get(sign).content.decode()
    assert "nacido el 14 de marzo de 1958" in page
    assert "1958-03-14" not in page
    client.post(sign, {"esign_consent": "on", "intent": "on", "signature_name": "Pat Rivera"})
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.SUBMITTED
    assert self_intake.signed_text == services.signed_text(self_intake)
    assert "nacido el 14 de marzo de 1958" in self_intake.signed_text


def test_a_text_signed_with_the_iso_date_is_kept_and_shown_as_signed(therapist_client, born):
    signed = "Pre-visit intake for Pat Rivera, born 1958-03-14\nMy answers are true."
    self_intake = SelfIntakeFactory(patient=born, signed_text=signed)
    page = therapist_client.get(
        reverse("clinic:self-intake-review", kwargs={"uuid": self_intake.uuid})
    ).content.decode()
    assert "Pre-visit intake for Pat Rivera, born 1958-03-14" in page
    self_intake.refresh_from_db()
    assert self_intake.signed_text == signed
