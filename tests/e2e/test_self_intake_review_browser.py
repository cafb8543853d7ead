"""The therapist reviews a pre-visit intake the patient sent: from the dashboard's "Waiting for
review" to the side-by-side page, confirms one section and corrects another on a tablet-sized
desktop page; the patient's answer stays next to the correction."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SIZES
from tests.factories import PASSWORD, SelfIntakeFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_therapist_confirms_and_corrects_a_patient_reported_intake(
    page, live_server, login, therapist, patient_record, assert_accessible, shoot
):
    self_intake = SelfIntakeFactory(patient=patient_record, red_flags={"night_pain": "yes"})
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    waiting = page.locator(".waiting-for-review li")
    expect(waiting).to_have_count(1)
    expect(waiting.first).to_contain_text("1 red flag")
    assert_accessible(page)
    shoot(page, "self-intake-review-dashboard")
    waiting.first.get_by_role("link", name="Pat Rivera").click()

    heading = page.get_by_role("heading", name=re.compile("Review the pre-visit intake"))
    expect(heading).to_be_visible()
    expect(page.locator(".review-flags")).to_contain_text("night")
    expect(page.locator(".esignature")).to_contain_text("203.0.113.24")
    assert_accessible(page)
    shoot(page, "self-intake-review", sizes=SIZES)

    page.get_by_role("button", name="Confirm reason for the visit").click()
    expect(page.locator("#s-complaint")).to_contain_text("Confirmed by Tess Therapist")

    page.get_by_role("link", name="Correct pain scores").click()
    expect(page.get_by_role("heading", name="Correct: Pain scores")).to_be_visible()
    assert_accessible(page)
    page.locator('label[for="id_leg_pain_now_5"]').click()
    page.get_by_label("Why the correction (optional)").fill("Checked with the patient.")
    shoot(page, "self-intake-review-correct")
    page.get_by_role("button", name="Save the correction").click()

    section = page.locator("#s-pain")
    expect(section).to_contain_text("Corrected by Tess Therapist")
    expect(section.locator(".patient-original")).to_have_text("7")
    expect(section.locator(".review-said")).to_contain_text("7")
    expect(section.get_by_role("button", name="Confirm pain scores")).to_have_count(0)
    expect(page.locator("#progress-heading")).to_have_text("2 of 5 sections reviewed")
    assert_accessible(page)
    shoot(page, "self-intake-review-corrected", sizes=SIZES)
    self_intake.refresh_from_db()
    assert self_intake.answers["pain"]["leg_pain_now"] == 7

    # Signing waits for the rest, and the sign page says so, with the way back to the review.
    page.get_by_role("link", name="Open the draft intake").click()
    expect(page.locator(".patient-reported-badge")).to_be_visible()
    page.get_by_role("link", name="Consent and sign").click()
    note = page.locator("#unreviewed-note")
    expect(note).to_contain_text("safety questions, where it hurts, when it started")
    assert_accessible(page)
    shoot(page, "self-intake-review-sign-waits")
    note.get_by_role("link", name="Review the patient's answers").click()
    expect(heading).to_be_visible()
