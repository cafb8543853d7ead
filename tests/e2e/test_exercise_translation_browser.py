"""Exercise translations in a browser: a Spanish patient's card on a phone, and a clinician
editing and reviewing the Portuguese text in the library editor."""

import pytest
from django.urls import reverse

from programs.exercise_translations import ExerciseTranslation
from programs.library import load_library
from programs.models import Exercise, ProgramItem
from programs.services import publish_program
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD
from tests.programs.portal_helpers import program_with

pytestmark = pytest.mark.slow

SLUG = "glute-bridge"


def test_a_spanish_patient_reads_a_library_exercise_in_spanish_on_a_phone(
    browser, live_server, patient_record, therapist, login, assert_accessible, shoot
):
    load_library()
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    program = program_with(patient_record, items=1)
    ProgramItem.objects.filter(program=program).update(exercise=Exercise.objects.get(slug=SLUG))
    program.refresh_from_db()
    publish_program(program=program, by=therapist)

    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.goto(f"{live_server.url}/portal/programs/{program.uuid}/")
    page.wait_for_load_state("networkidle")
    card = page.locator(".exercise-card").first
    name = card.locator("h3.exercise-name")
    assert name.get_attribute("lang") == "es"
    assert name.inner_text() == "Puente de glúteos"
    assert card.locator(".translation-note").is_visible()
    card.get_by_text(page.locator("details.exercise-how summary").first.inner_text()).click()
    steps = card.locator("ol.exercise-steps")
    assert steps.get_attribute("lang") == "es"
    assert "Empuje con los talones" in steps.inner_text()
    assert_accessible(page)
    shoot(page, "exercise-es-card", sizes={"phone": PHONE, "desktop": DESKTOP})
    context.close()


def test_a_clinician_edits_and_reviews_the_portuguese_text(
    page, live_server, therapist, login, assert_accessible, shoot
):
    load_library()
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('programs:exercise-detail', args=[SLUG])}")
    translations = page.locator("#translations")
    row = translations.locator('[data-language="pt-br"]')
    assert "Not yet reviewed" in row.inner_text()
    assert_accessible(page)

    row.get_by_role("link", name="Edit Português (Brasil)").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    shoot(page, "exercise-translation-form", sizes={"desktop": DESKTOP, "phone": PHONE})
    page.get_by_label("Summary").fill("Deixa o bumbum mais forte.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    row = page.locator('#translations [data-language="pt-br"]')
    row.get_by_role("button", name="Mark reviewed Português (Brasil)").click()
    page.wait_for_load_state("load")
    status = page.locator('#translations [data-language="pt-br"] [data-translation-status]')
    assert "Reviewed by Tess Therapist" in status.inner_text()
    shoot(page, "exercise-translations-reviewed", sizes={"desktop": DESKTOP})
    saved = ExerciseTranslation.objects.get(exercise__slug=SLUG, language="pt-br")
    assert saved.summary == "Deixa o bumbum mais forte." and saved.reviewed
