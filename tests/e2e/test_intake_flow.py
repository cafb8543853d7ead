"""A therapist registers a patient and takes a full intake on a tablet-sized screen."""

import pytest

from clinic.models import Intake, Patient
from tests.e2e.conftest import TABLET
from tests.e2e.helpers import answer_all
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_take_intake_with_body_chart_and_sign(
    page, live_server, therapist, login, assert_accessible, shoot
):
    page.set_viewport_size(TABLET)
    login(page, therapist.email, PASSWORD)

    # Register the patient.
    page.goto(f"{live_server.url}/patients/new/")
    page.get_by_label("Legal first name").fill("Ana")
    page.get_by_label("Legal last name").fill("Souza")
    page.get_by_label("Date of birth").fill("1990-02-14")
    page.get_by_label("Phone", exact=True).fill("(617) 555-0199")
    page.get_by_role("button", name="Register patient").click()
    assert page.get_by_role("heading", name="Ana Souza").is_visible()
    assert_accessible(page)

    # Reason for the visit.
    page.get_by_role("link", name="New intake").click()
    page.get_by_label("What brings you in today?").fill("Sharp pain down my right leg.")
    page.get_by_role("radio", name="Leg", exact=True).check()
    page.get_by_role("radio", name="Leg pain").check()
    page.locator('input[name="below_knee"][value="yes"]').check()
    page.get_by_role("checkbox", name="None of these").check()
    page.get_by_role("button", name="Save and continue").click()

    # Safety questions: an emergency answer shows the instruction before anything is saved.
    assert page.get_by_role("heading", name="Safety questions").is_visible()
    instruction = page.locator('[data-instruction-for="E"]')
    assert not instruction.is_visible()
    page.locator('input[name="ces_saddle"][value="yes_new"]').check()
    assert instruction.is_visible()
    assert "call 911" in instruction.inner_text()
    answer_all(page, "no")
    assert not instruction.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    # Body chart: tap the right calf on the drawing, then make it the worst area in the list.
    assert page.get_by_role("heading", name="Where it hurts").is_visible()
    page.locator('.bc-chart path.bc-shape[data-region="calf"][data-side="right"]').first.click()
    page.keyboard.press("Escape")
    page.locator('input[name="bc-worst"][value="calf"]').check()
    shoot(page, "intake-body-chart-tablet")
    page.get_by_role("button", name="Save and continue").click()

    # Pain scores.
    assert page.get_by_role("heading", name="Pain scores").is_visible()
    for name, value in (("back_pain_now", "2"), ("leg_pain_now", "6")):
        page.locator(f'label[for="id_{name}_{value}"]').click()
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()

    intake = Intake.objects.get(patient__last_name="Souza")
    assert intake.body_chart == [
        {"region": "calf", "side": "right", "symptoms": ["pain"], "worst": True}
    ]
    assert (intake.back_pain_now, intake.leg_pain_now) == (2, 6)
    assert intake.derived["below_knee"] is True

    # Sign.
    page.goto(f"{live_server.url}/intakes/{intake.uuid}/sign/")
    page.get_by_role("checkbox", name="I agree to assessment").check()
    page.get_by_role("checkbox", name="privacy notice").check()
    page.get_by_label("Type your full name to sign").fill("Ana Souza")
    page.get_by_role("button", name="Sign and lock the intake").click()
    assert page.get_by_text("Signed and locked").is_visible()
    assert_accessible(page)
    shoot(page, "intake-signed-tablet")

    intake.refresh_from_db()
    assert intake.is_signed
    assert Patient.objects.get(last_name="Souza").precaution_tags() == intake.precaution_tags
