"""The objective exam on a phone: a therapist records weakness on both sides, is asked the cauda
equina questions again, records a "yes", and lands on the emergency instruction; the intake
then shows the exam.
"""

import re

import pytest
from playwright.sync_api import expect

from clinic.exam.models import ObjectiveExam
from clinic.models import RedFlag
from tests.e2e.conftest import PHONE, SIZES
from tests.factories import PASSWORD, IntakeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_bilateral_signs_ask_the_emergency_questions_again(
    page, live_server, login, therapist, patient_record, assert_accessible, shoot
):
    intake = IntakeFactory(patient=patient_record, therapist=therapist)
    page.set_viewport_size(PHONE)
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{intake.get_absolute_url()}")
    page.get_by_role("link", name="Record the objective exam").click()
    expect(page.get_by_role("heading", level=1, name="Objective exam")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Left SLR: angle at onset (°)").fill("40")
    page.get_by_label("Left SLR: reproduced").select_option(label="Below the knee")
    page.get_by_label("L5 great-toe extension, left").select_option(
        label="4 against some resistance"
    )
    page.get_by_label("S1 ankle plantarflexion / eversion (heel raises), right").select_option(
        label="4 against some resistance"
    )
    page.get_by_label("Heel (S1), right").select_option(label="Reduced")
    page.get_by_role("button", name="Save exam").click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("ask the cauda equina questions again")
    assert_accessible(page)
    shoot(page, "exam-ces-asked-again", SIZES)
    assert not ObjectiveExam.objects.exists()

    questions = page.locator("#ces fieldset")
    expect(questions).to_have_count(5)
    for index in range(5):
        questions.nth(index).get_by_label("No", exact=True).check()
    questions.first.get_by_label("Yes, new or getting worse").check()  # bladder
    page.get_by_role("button", name="Save exam").click()

    expect(page.get_by_role("heading", name=re.compile("emergency department"))).to_be_visible()
    flag = RedFlag.objects.get(code="ces_bladder")
    assert flag.source == RedFlag.Source.EXAM
    page.goto(f"{live_server.url}{intake.get_absolute_url()}")
    exam = page.locator("#objective-exam")
    expect(exam).to_contain_text("40°, below the knee (positive)")
    expect(exam).to_contain_text("Neurological signs on both sides")
    assert_accessible(page)
