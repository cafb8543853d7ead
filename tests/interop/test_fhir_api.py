import uuid

import pytest
from django.urls import reverse

from clinic.models import AuditEvent, ClinicProfile
from interop import services
from interop.fhir import terms
from tests.factories import IntakeFactory, published_program
from tests.interop import records
from tests.interop.fhir_checks import empty_elements, invalid_resources, problems, resources

FHIR_JSON = "application/fhir+json"


@pytest.fixture
def token(admin):
    row, raw = services.create_integration_token(name="Harbor Spine referrals", by=admin)
    return raw


def _auth(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _everything(patient) -> str:
    return reverse("interop:fhir-patient-everything", kwargs={"id": str(patient.uuid)})


def test_the_capability_statement_needs_no_token(client):
    response = client.get(reverse("interop:fhir-metadata"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(FHIR_JSON)
    body = response.json()
    assert body["resourceType"] == "CapabilityStatement"
    assert body["fhirVersion"] == "4.0.1"
    from fhir.resources.R4B.capabilitystatement import CapabilityStatement

    CapabilityStatement.model_validate(body)


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer rst_not-a-token", "Basic dXNlcjpwYXNz", "rst_no-scheme"],
)
def test_no_or_a_bad_token_is_401_with_an_operation_outcome(client, patient_record, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(_everything(patient_record), **extra)
    assert response.status_code == 401
    assert response["Content-Type"].startswith(FHIR_JSON)
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "login"
    refused = AuditEvent.objects.get()
    assert refused.action == AuditEvent.Action.LOGIN_FAILED
    assert refused.patient is None


def test_a_revoked_token_is_401(client, admin, patient_record):
    row, raw = services.create_integration_token(name="Old partner", by=admin)
    services.revoke_integration_token(token=row, by=admin)
    assert client.get(_everything(patient_record), **_auth(raw)).status_code == 401


def test_a_logged_in_session_is_not_a_token(admin_client_, patient_record):
    assert admin_client_.get(_everything(patient_record)).status_code == 401


def test_everything_returns_the_valid_record_and_is_audited(
    client, token, patient_record, therapist
):
    records.full_record(patient_record, therapist)
    response = client.get(_everything(patient_record), **_auth(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(FHIR_JSON)
    assert "no-store" in response["Cache-Control"]
    bundle = response.json()
    assert bundle["type"] == "searchset"
    assert problems(bundle) == []
    assert resources(bundle)[0]["id"] == str(patient_record.uuid)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).get()
    assert event.patient == patient_record
    assert event.actor == "integration: Harbor Spine referrals"
    assert event.user is None
    assert "$everything" in event.detail


def test_everything_stamps_the_token_as_used(client, token, patient_record):
    from interop.models import IntegrationToken

    client.get(_everything(patient_record), **_auth(token))
    assert IntegrationToken.objects.get().last_used_at is not None


def test_everything_for_an_unknown_patient_is_404_outcome(client, token):
    for id_ in (str(uuid.uuid4()), "not-a-uuid"):
        response = client.get(
            reverse("interop:fhir-patient-everything", kwargs={"id": id_}), **_auth(token)
        )
        assert response.status_code == 404
        assert response.json()["issue"][0]["code"] == "not-found"


def test_search_by_identifier_finds_the_patient(client, token, patient_record):
    url = reverse("interop:fhir-patient-search")
    for identifier in (
        str(patient_record.uuid),
        f"{terms.patient_identifier_system()}|{patient_record.uuid}",
    ):
        response = client.get(url, {"identifier": identifier}, **_auth(token))
        assert response.status_code == 200
        bundle = response.json()
        assert bundle["type"] == "searchset" and bundle["total"] == 1
        assert bundle["entry"][0]["resource"]["id"] == str(patient_record.uuid)
        # A search returns the Patient alone: its managing Organization is not included.
        assert invalid_resources(bundle) == empty_elements(bundle) == []
    event = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).first()
    assert event.patient == patient_record


@pytest.mark.parametrize(
    "identifier",
    ["", "nobody", "6f1c2a4e-8d3b-4c5e-9a7f-0b1d2e3f4a5b", "http://elsewhere.example/ids|{uuid}"],
)
def test_search_without_a_match_is_an_empty_searchset(client, token, patient_record, identifier):
    identifier = identifier.replace("{uuid}", str(patient_record.uuid))
    response = client.get(
        reverse("interop:fhir-patient-search"), {"identifier": identifier}, **_auth(token)
    )
    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert "entry" not in response.json()


def test_the_api_is_read_only(client, token, patient_record):
    response = client.post(_everything(patient_record), **_auth(token))
    assert response.status_code == 405


def _grow(patient, therapist, n: int) -> None:
    for day in range(n):
        IntakeFactory(patient=patient, therapist=therapist, visit_date=f"2026-0{day + 1}-10")
        published_program(patient=patient, items=2, by=therapist)


@pytest.mark.parametrize("count", [1, 4])
def test_everything_query_count_is_constant(
    client, token, patient_record, therapist, django_assert_num_queries, count
):
    _grow(patient_record, therapist, count)
    records.measures(patient_record, therapist)
    ClinicProfile.load()
    # token (find, stamp last use), the patient, clinic details, intakes, measures, flags,
    # programs, revisions, session logs, handouts, reports, the people they name, and the
    # audit row (one insert)
    with django_assert_num_queries(14):
        response = client.get(_everything(patient_record), **_auth(token))
    assert response.status_code == 200
