"""A Spanish-speaking patient's pre-visit intake and questionnaire on a phone whose browser is
set to English: the drawn body chart, its panel and status line, and the questionnaire's note
are in Spanish."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from clinic.selfservice import links
from clinic.selfservice.models import PatientLink, SelfIntake
from tests.clinic.questionnaires.test_views import link_to, make_request
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.slow
SIZES = {"phone": PHONE, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def spanish_patient(patient_record):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    return patient_record


def test_the_body_chart_speaks_spanish_on_an_english_phone(
    browser, live_server, spanish_patient, therapist, shoot
):
    intake = SelfIntake.objects.create(
        patient=spanish_patient, requested_by=therapist, language="es"
    )
    _, token = links.issue_link(
        patient=spanish_patient,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=intake.uuid,
        by=therapist,
    )
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    step = reverse("clinic:self-intake-step", kwargs={"token": token, "step": "body-chart"})
    page.goto(f"{live_server.url}{step}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    status = page.locator("[data-bc-status]")
    expect(status).to_have_text("Todavía no marcó ningún lugar.")
    shape = page.locator('.bc-shape[data-region="calf"][data-side="left"]')
    expect(shape).to_have_attribute("aria-label", "Pantorrilla, lado izquierdo, sin marcar")
    shape.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Listo")).to_be_visible()
    expect(dialog.get_by_text("Lado", exact=True)).to_be_visible()
    shoot(page, "spanish-intake-body-chart", SIZES)
    dialog.get_by_role("button", name="Listo").click()
    expect(status).to_contain_text("1 lugar marcado.")
    expect(status).not_to_contain_text("marked")
    context.close()


def test_a_spanish_questionnaire_page_on_an_english_phone(
    browser, live_server, spanish_patient, therapist, shoot
):
    url, _link = link_to(make_request(spanish_patient, therapist))
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}{url}")
    expect(page.get_by_role("note")).to_contain_text("Este cuestionario está en inglés.")
    expect(page.get_by_role("button", name="Enviar mis respuestas")).to_be_visible()
    shoot(page, "spanish-questionnaire-rmdq", SIZES)
    context.close()
