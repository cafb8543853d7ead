from clinic.models import Patient
from interop import fhir
from interop.models import AccessRequest, IntegrationToken
from tests.interop.fhir_checks import problems


def test_every_demo_patient_exports_a_valid_bundle(demo_clinic):
    patients = list(Patient.objects.all())
    assert len(patients) >= 5
    for patient in patients:
        assert problems(fhir.patient_bundle(patient)) == [], patient.full_name


def test_the_demo_has_an_open_request_and_a_token_it_cannot_leak(demo_clinic):
    assert AccessRequest.objects.open_requests().count() == 1
    assert AccessRequest.objects.filter(status=AccessRequest.Status.FULFILLED).count() == 1
    (token,) = IntegrationToken.objects.all()
    assert token.is_active and len(token.token_hash) == 64
    # Seeded twice (demo_clinic): nothing added the second time.
    assert demo_clinic.rows_after_first_seed["interop.AccessRequest"] == 2
    assert AccessRequest.objects.count() == 2
    assert IntegrationToken.objects.count() == 1
