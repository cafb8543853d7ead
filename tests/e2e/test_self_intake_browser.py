"""The pre-visit intake on a phone, from the emailed link: answer, leave, come back, finish,
sign. axe on every page the patient sees."""

import pytest
from playwright.sync_api import expect

from clinic import redflags
from clinic.models import Intake, RedFlag
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.steps import STEPS
from tests.e2e.conftest import PHONE

LOOKS = {"phone": PHONE, "desktop": {"width": 1280, "height": 900}}

pytestmark = pytest.mark.slow

SOON_CODE = "structural_deformity"  # soon-tier, and raises nothing else with it


def _next(page):
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state("load")


def _heading(page, title):
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def test_a_patient_answers_leaves_comes_back_and_signs_on_a_phone(
    browser, live_server, patient_record, therapist, assert_accessible, shoot
):
    self_intake = SelfIntake.objects.create(patient=patient_record, requested_by=therapist)
    _, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=therapist,
    )
    address = f"{live_server.url}{links.link_path(token)}"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    page.goto(address)
    _heading(page, "Your contact details")
    expect(page.get_by_text(f"Step 1 of {len(STEPS)}")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your phone number").fill("(617) 555-0199")
    _next(page)

    _heading(page, "What brings you in")
    assert_accessible(page)
    page.get_by_label("In your own words, what brings you in?").fill("My back hurts.")
    page.get_by_role("group", name="Where is the main problem?").get_by_label("Low back").check()
    page.get_by_role("group", name="Which bothers you more").get_by_label("Back pain").check()
    page.get_by_role("group", name="Does pain or tingling").get_by_label("No").check()
    page.get_by_role("group", name="Did this start with work").get_by_label("None of these").check()
    _next(page)

    _heading(page, "Where it hurts")
    assert_accessible(page)
    page.locator('[data-bc-chart] .bc-shape[data-region="lumbar_central"]').first.click()
    shoot(page, "self-intake-body-chart-phone")
    page.get_by_role("button", name="Done").click()
    _next(page)

    _heading(page, "How much it hurts")
    assert_accessible(page)
    page.locator('label[for="id_back_pain_now_6"]').click()
    page.locator('label[for="id_leg_pain_now_2"]').click()
    # Typing, then the phone is closed before Next: the answers so far are saved.
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(address)
    _heading(page, "How much it hurts")  # picks up where it stopped
    self_intake.refresh_from_db()
    assert self_intake.completed_steps == ["contact", "complaint", "body-chart"]
    assert self_intake.answers["body_chart"]["regions"][0]["region"] == "lumbar_central"
    page.locator('label[for="id_back_pain_now_6"]').click()
    page.locator('label[for="id_leg_pain_now_2"]').click()
    shoot(page, "self-intake-pain", LOOKS)
    _next(page)

    _heading(page, "When it started")
    assert_accessible(page)
    page.get_by_label("When did this start?").fill("2026-10-01")
    # The network drops (or the page reloads) before Next: this phone kept what was typed.
    page.reload()
    expect(page.locator("[data-draft-restored]")).to_be_visible()
    expect(page.get_by_label("When did this start?")).to_have_value("2026-10-01")
    assert_accessible(page)
    page.get_by_role("group", name="Since it started").get_by_label("Getting better").check()
    _next(page)

    # The steps with nothing required: look, check, go on.
    for step in STEPS[5:-1]:
        _heading(page, str(step.title))
        if step.slug == "neuro":
            for item in redflags.NEURO_ITEMS:
                page.locator(f'input[name="{item}"][value="no"]').check()
        assert_accessible(page)
        shoot(page, f"self-intake-{step.slug}-phone")
        _next(page)

    _heading(page, "Safety questions")
    for question in redflags.RED_FLAG_QUESTIONS:
        value = "yes" if question.code == SOON_CODE else "no"
        page.locator(f'input[name="{question.code}"][value="{value}"]').check()
    advice = page.locator('[data-advice="E"]')
    expect(advice).to_be_hidden()
    page.locator('input[name="ces_bladder"][value="yes_new"]').check()
    expect(advice).to_be_visible()  # before anything is sent
    # Right under the answer that called for it, not after the last emergency question.
    assert (
        page.locator('input[name="ces_bladder"]').first.evaluate(
            "input => input.closest('fieldset').nextElementSibling.dataset.advice"
        )
        == "E"
    )
    assert_accessible(page)
    shoot(page, "self-intake-safety-phone")
    page.locator('input[name="ces_bladder"][value="no"]').check()
    expect(advice).to_be_hidden()
    _next(page)

    _heading(page, "Check your answers and sign")
    expect(page.get_by_text("My back hurts.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I agree to sign this form electronically").check()
    page.get_by_label("I mean to sign this form").check()
    page.get_by_label("Type your full name to sign").fill("Pat Rivera")
    shoot(page, "self-intake-sign", LOOKS)
    page.get_by_role("button", name="Sign and send").click()
    page.wait_for_load_state("load")
    _heading(page, "Thank you. Your form is sent.")
    assert_accessible(page)

    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.SUBMITTED
    assert self_intake.signature_name == "Pat Rivera"
    assert self_intake.signed_user_agent
    assert self_intake.intake.source == Intake.Source.PATIENT
    assert self_intake.intake.back_pain_now == 6
    assert RedFlag.objects.get(patient=patient_record).code == SOON_CODE

    page.goto(address)  # the link has ended
    expect(page.get_by_role("heading", name="This link doesn't work any more")).to_be_visible()
    context.close()
