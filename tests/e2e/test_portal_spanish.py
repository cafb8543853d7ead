"""A Spanish-speaking patient's portal on a phone whose browser is set to English: every page
says lang="es" and shows none of the portal's English interface words."""

import re

import pytest
from django.utils import timezone

from tests.e2e.conftest import PHONE, save_screenshot
from tests.factories import PASSWORD
from tests.programs.portal_helpers import log_on, program_with

pytestmark = pytest.mark.slow

# English interface words and phrases of the portal (none of them patient data). The exercise
# and program text come from the clinic's library and the therapist, and are left out: their
# translation is the library's (elements marked with another lang are removed before reading).
ENGLISH_INTERFACE = (
    "My program",
    "My progress",
    "Log today's session",
    "Save today's log",
    "Your exercises",
    "Your home program",
    "How to do it",
    "How to exercise safely",
    "Follow along",
    "Safety check",
    "Next review",
    "Take care",
    "Back pain",
    "Leg pain",
    "Log out",
    "Change password",
    "In an emergency",
    "Call 911",
    "Reminders",
    "Messages",
    "Language",
    "Today",
    "Which day",
    "Which exercises",
    "Anything to tell",
    "I have none of these",
    "Stop the exercise",
    "Download",
    "updated",
    "Days done",
    "set of",
    "each side",
    "Daily",
    "Stabilisation",
    "Moved further down",
    "Stayed the same",
    "No leg symptoms",
)

# Visible text of the page, without the parts written in another language on purpose (the
# language switch's own names, exercise text not yet translated by the clinic).
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[lang]:not([lang^="es"]), script, style, [hidden]').forEach(
    (el) => el.remove());
  return body.innerText;
}"""


def english_words_on(page) -> list[str]:
    text = page.evaluate(VISIBLE_TEXT)
    return [word for word in ENGLISH_INTERFACE if re.search(rf"\b{re.escape(word)}\b", text)]


def test_a_spanish_patients_portal_has_no_english_interface(
    browser, live_server, patient_record, login
):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    program = program_with(patient_record, items=2)
    log_on(program, timezone.localdate())
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)

    pages = {
        "home": f"{live_server.url}/portal/",
        "program": f"{live_server.url}/portal/programs/{program.uuid}/",
        "follow": f"{live_server.url}/portal/programs/{program.uuid}/exercises/1/follow/",
        "log": f"{live_server.url}/portal/programs/{program.uuid}/log/",
        "progress": f"{live_server.url}/portal/progress/",
        "reminders": f"{live_server.url}/portal/reminders/",
    }
    for name, url in pages.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "es", name
        assert english_words_on(page) == [], name
        save_screenshot(page, f"portal-es-{name}")

    page.goto(pages["program"])
    assert page.get_by_role("heading", name="Sus ejercicios").is_visible()
    assert page.get_by_text("En una emergencia, llame al 911.").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    save_screenshot(page, "portal-es-program-desktop")
    context.close()


def test_the_stop_list_catches_english(browser, live_server, patient_record, login):
    """The check itself: the same portal in English is full of the listed words."""
    program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.goto(f"{live_server.url}/portal/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert {"My program", "Log out", "Language"} <= set(english_words_on(page))
    context.close()
