"""Consent to a home program taken after the intake was signed: added to the signed intake as
an amendment (typed name, who, when), audited, and it opens the publishing gate."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.home_program_consent import record_home_program_consent
from clinic.models import AuditEvent, IntakeAmendment
from clinic.screening import Gap, screening_status
from tests.factories import IntakeFactory, PatientFactory, ProgramFactory, screened


def _url(intake, **query):
    url = reverse("clinic:intake-home-program-consent", kwargs={"uuid": intake.uuid})
    return url + (f"?next={query['next']}" if query else "")


@pytest.fixture
def unconsented(db):
    patient = screened(
        PatientFactory(first_name="Ada", last_name="Byrne"), consent_home_program=False
    )
    return patient.intakes.get()


def test_the_gate_links_to_recording_the_consent(unconsented):
    status = screening_status(unconsented.patient)
    assert status.code == Gap.NO_CONSENT
    assert (status.action_label, status.action_url) == ("Record the consent", _url(unconsented))


def test_the_builder_link_comes_back_to_the_builder(therapist_client, unconsented):
    program = ProgramFactory(patient=unconsented.patient)
    builder = reverse("programs:program-builder", kwargs={"uuid": program.uuid})
    content = therapist_client.get(builder).content.decode()
    assert f'href="{_url(unconsented)}?next={builder}"' in content


def test_recording_it_amends_the_signed_intake_and_opens_the_gate(
    therapist_client, therapist, unconsented
):
    program = ProgramFactory(patient=unconsented.patient)
    builder = reverse("programs:program-builder", kwargs={"uuid": program.uuid})
    page = therapist_client.get(_url(unconsented, next=builder)).content.decode()
    assert "I agree to follow a home exercise program" in page
    response = therapist_client.post(
        _url(unconsented),
        {
            "consent_home_program": "on",
            "signer": "patient",
            "signature_name": "ada byrne",
            "next": builder,
        },
    )
    assert response.status_code == 302 and response.url == builder
    unconsented.refresh_from_db()
    assert unconsented.consent_home_program and unconsented.is_signed
    amendment = IntakeAmendment.objects.get(intake=unconsented)
    assert amendment.section == "consent" and amendment.amended_by == therapist
    assert amendment.changes[0]["after"] == "Given, signed “ada byrne”"
    event = AuditEvent.objects.get(action="update", object_id=str(unconsented.uuid))
    assert event.detail == "consent to a home program recorded after signing"
    assert screening_status(unconsented.patient).ok
    detail = therapist_client.get(unconsented.get_absolute_url()).content.decode()
    assert "Consent to follow a home exercise program" in detail


def test_the_statement_and_the_patients_name_are_needed(therapist_client, unconsented):
    response = therapist_client.post(
        _url(unconsented), {"signer": "patient", "signature_name": "Someone Else"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["consent_home_program"] == ["Tick the statement if the patient agrees."]
    assert errors["signature_name"] == ["Type the patient's full legal name: Ada Byrne."]
    unconsented.refresh_from_db()
    assert not unconsented.consent_home_program


def test_an_unsigned_intake_sends_to_signing_and_a_consented_one_is_left_alone(
    therapist_client, db
):
    draft = IntakeFactory()
    response = therapist_client.get(_url(draft))
    assert response.url == reverse("clinic:intake-sign", kwargs={"uuid": draft.uuid})
    done = screened(PatientFactory()).intakes.get()
    assert therapist_client.post(_url(done), {}).url == done.get_absolute_url()


def test_the_service_refuses_what_it_should(therapist, admin, unconsented):
    with pytest.raises(ValidationError) as raised:
        record_home_program_consent(intake=unconsented, signature_name="Ada Byrne", by=admin)
    assert raised.value.code == "not_allowed"
    with pytest.raises(ValidationError) as raised:
        record_home_program_consent(intake=IntakeFactory(), signature_name="X", by=therapist)
    assert raised.value.code == "unsigned"
    record_home_program_consent(intake=unconsented, signature_name="Ada Byrne", by=therapist)
    with pytest.raises(ValidationError) as raised:
        record_home_program_consent(intake=unconsented, signature_name="Ada Byrne", by=therapist)
    assert raised.value.code == "already"
