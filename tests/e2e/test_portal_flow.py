"""The patient portal end to end on a phone: invitation, program, timer, log, progress."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from clinic.models import ClinicProfile, RedFlag
from programs.models import SessionLog
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD, PatientFactory
from tests.programs.portal_helpers import program_with

NEW_PASSWORD = "harbor walks every morning"


@pytest.fixture
def newcomer(therapist):
    ClinicProfile.objects.update_or_create(
        id=1, defaults={"name": "Harbor Clinic", "phone": "(617) 555-0142"}
    )
    patient = PatientFactory(
        first_name="Samira", last_name="Haddad", email="samira@test.example", therapist=therapist
    )
    program_with(patient, items=2, ais=True, title="Sciatica starter")
    return patient


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_invited_patient_follows_an_exercise_logs_it_and_sees_the_chart(
    browser, live_server, therapist, newcomer, login, assert_accessible, shoot
):
    # The therapist invites the patient and reads the link off the staff page.
    staff = browser.new_context(viewport=DESKTOP)
    page = staff.new_page()
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/patients/{newcomer.uuid}/invitation/")
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state("networkidle")
    link = page.locator("#invite-link").inner_text().strip()
    assert link.startswith(settings.SITE_URL)
    staff.close()

    # On a phone, the patient opens the link and chooses a password.
    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    errors = _console_errors(page)
    page.goto(live_server.url + link.removeprefix(settings.SITE_URL))
    assert page.get_by_role("heading", name="Welcome, Samira").is_visible()
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password and open my program").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Sciatica starter").is_visible()
    assert_accessible(page)
    shoot(page, "portal-program-phone")

    # Follow along: the timer counts the phases of the AIS stretch without reloading.
    page.get_by_role("link", name="Start with exercise 1").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    url = page.url
    page.get_by_role("button", name="Start", exact=True).click()
    assert page.locator("[data-phase]").inner_text() == "Get ready"
    expect(page.locator("[data-phase]")).to_have_text("Move into the stretch", timeout=8000)
    assert page.locator("[data-rep]").inner_text() == "1 of 10"
    assert page.locator("[data-side]").inner_text() == "Side 1 of 2"
    expect(page.locator("[data-phase]")).to_have_text(re.compile("^Assist gently"), timeout=4000)
    assert "Assist gently" in page.locator("[data-announce]").inner_text()
    page.get_by_role("button", name="Pause").click()
    frozen = page.locator("[data-count]").inner_text()
    page.wait_for_timeout(1500)
    assert page.locator("[data-count]").inner_text() == frozen
    shoot(page, "portal-follow-phone")
    for _ in range(200):
        if page.locator("[data-done]").is_visible():
            break
        page.get_by_role("button", name="Skip").click()
    assert page.get_by_text("Well done!").is_visible()
    assert page.locator("[data-rep]").inner_text() == "10 of 10"
    assert page.url == url  # no reload

    # Log the session.
    page.get_by_role("link", name="Log today's session").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label(re.compile("Test exercise")).first.check()
    page.locator("label[for=id_back_pain_3]").click()
    page.locator("label[for=id_leg_pain_5]").click()
    page.get_by_label("Moved up toward the back").check()
    page.get_by_label("I have none of these").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save today's log").click()
    page.wait_for_load_state("networkidle")
    log = SessionLog.objects.get(patient=newcomer)
    assert (log.back_pain, log.leg_pain, log.leg_symptoms) == (3, 5, "moved_up")

    # The progress page draws the chart and shows the same numbers as a table.
    assert page.get_by_role("heading", name="My progress").is_visible()
    # Chart.js sets the canvas size once it has drawn.
    expect(page.locator("#pain-chart")).to_have_attribute("width", re.compile(r"^\d+$"))
    assert page.locator("table").last.get_by_role("cell", name="5", exact=True).is_visible()
    assert_accessible(page)
    shoot(page, "portal-progress-phone")
    assert errors == []
    phone.close()


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
