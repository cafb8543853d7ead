"""The demo's step back: Ms Cho's flare-up waits for her therapist, seeded once."""

import pytest
from django.db import transaction

from demo import clinic_data as clinic_demo
from demo import step_back_data
from programs.library import load_library
from programs.models import EaseOffNotice, StepBack
from tests.factories import screened


def seed():
    with transaction.atomic():
        clinic_demo.seed_clinic()
        staff = clinic_demo.seed_staff()
        patients = clinic_demo.seed_patients(staff)
        screened(patients["cho"])  # the intakes are not seeded here: publishing needs a screen
        load_library()
        step_back_data.seed(patients=patients)
    return patients


@pytest.fixture
def seeded(db):
    seed()
    return seed()  # twice: nothing is added the second time


def test_a_step_back_waits_for_the_therapist(seeded, client):
    [step_back] = StepBack.objects.all()
    assert step_back.patient == seeded["cho"]
    assert step_back.status == StepBack.Status.PENDING
    assert step_back.from_exercise.slug == "glute-bridge"
    assert step_back.to_exercise.slug == "posterior-pelvic-tilt"
    assert step_back.regression["dose_text"].startswith("1 set of 8")
    [notice] = EaseOffNotice.objects.all()
    assert notice.is_open and notice.raised_by == step_back.triggered_by
    client.force_login(seeded["cho"].therapist)
    page = client.get(seeded["cho"].get_absolute_url()).content.decode()
    assert "Proposed by Restore" in page and "Acknowledge" in page
