"""The portal's safety check on a phone. The whole patient journey (invitation, timer, log,
progress) is tests/e2e/test_patient_journey.py."""

from clinic.models import RedFlag
from tests.e2e.conftest import PHONE
from tests.factories import PASSWORD
from tests.programs.portal_helpers import program_with


def test_ticking_an_emergency_symptom_shows_the_instruction_at_once(
    browser, live_server, patient_record, login, assert_accessible
):
    program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.get_by_role("link", name="Log today's session").click()
    page.wait_for_load_state("networkidle")
    instruction = page.get_by_text("Call 911 or go to the emergency department now.")
    assert not instruction.is_visible()
    page.get_by_label("Any new trouble peeing, or leaking?").check()
    assert instruction.is_visible()  # before anything is sent
    page.get_by_role("button", name="Save today's log").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role(
        "heading", name="Call 911 or go to the nearest emergency department now"
    ).is_visible()
    assert RedFlag.objects.get(patient=patient_record).code == "ces_bladder"
    assert_accessible(page)
    context.close()
