"""The demo's pre-visit intake: Ana Souza's answers wait for her therapist's review, seeded once."""

import pytest

from clinic.models import Intake, RedFlag
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.steps import STEPS
from demo import clinic_data as clinic_demo
from demo import self_intake_data


def seed():
    clinic_demo.seed_clinic()
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    self_intake_data.seed(staff=staff, patients=patients)
    return patients


@pytest.fixture
def seeded(db):
    seed()
    return seed()  # twice: nothing is added the second time


def test_a_signed_pre_visit_intake_waits_for_review_with_a_soon_flag(seeded):
    patient = seeded["souza"]
    self_intake = SelfIntake.objects.get(patient=patient)
    assert self_intake.status == SelfIntake.Status.SUBMITTED
    assert self_intake.signature_name == "Ana Souza"
    assert self_intake.signed_text and self_intake.signed_ip
    assert len(self_intake.completed_steps) == len(STEPS)
    intake = self_intake.intake
    assert intake.source == Intake.Source.PATIENT and not intake.is_signed
    assert intake.back_pain_now == 5
    assert intake.answers["medications"]["medications"][0]["name"] == "Levothyroxine"
    flags = RedFlag.objects.filter(patient=patient)
    assert list(flags.values_list("code", "tier")) == [("cancer_history", "S")]
    assert flags.get().intake == intake
    assert PatientLink.objects.get(patient=patient).completed_at is not None
    assert Intake.objects.filter(patient=patient).count() == 1
