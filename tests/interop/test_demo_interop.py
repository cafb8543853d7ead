import pytest

from clinic.models import Patient
from interop import fhir
from interop.models import AccessRequest, IntegrationToken
from tests.demo import seed_demo
from tests.interop.fhir_checks import problems


@pytest.fixture
def demo(db):
    seed_demo()


def test_every_demo_patient_exports_a_valid_bundle(demo):
    patients = list(Patient.objects.all())
    assert len(patients) >= 5
    for patient in patients:
        assert problems(fhir.patient_bundle(patient)) == [], patient.full_name


def test_the_demo_has_an_open_request_and_a_token_it_cannot_leak(demo):
    assert AccessRequest.objects.open_requests().count() == 1
    assert AccessRequest.objects.filter(status=AccessRequest.Status.FULFILLED).count() == 1
    (token,) = IntegrationToken.objects.all()
    assert token.is_active and len(token.token_hash) == 64
    seed_demo()  # idempotent
    assert AccessRequest.objects.count() == 2
    assert IntegrationToken.objects.count() == 1
