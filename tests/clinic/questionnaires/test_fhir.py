"""A questionnaire the patient answered at home leaves the clinic without a staff author."""

import pytest
from django.utils import timezone

from clinic.questionnaires import services
from interop import fhir
from tests.interop.fhir_checks import problems, resources

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("answered_in_portal", [True, False])
def test_patient_reported_measure_has_no_practitioner_author(
    patient_record, patient, therapist, answered_in_portal
):
    services.schedule_measure(
        patient=patient_record, instrument="sbi", cadence="once", by=therapist
    )
    [request] = services.make_due_requests(today=timezone.localdate())
    request = services.save_answers(
        request=request, data={"item_1": 2, "item_2": 1, "item_3": 0, "item_4": 3}
    )
    measure = services.submit_questionnaire(
        request=request, by=patient if answered_in_portal else None
    )
    assert (measure.recorded_by == patient) is answered_in_portal

    bundle = fhir.patient_bundle(patient_record)
    assert problems(bundle) == []
    responses = [r for r in resources(bundle) if r["resourceType"] == "QuestionnaireResponse"]
    [response] = [r for r in responses if "sciatica-bothersomeness" in r["questionnaire"]]
    assert "author" not in response
    practitioners = [r for r in resources(bundle) if r["resourceType"] == "Practitioner"]
    assert all(patient.email not in str(p) for p in practitioners)
