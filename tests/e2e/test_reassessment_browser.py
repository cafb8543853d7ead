"""A re-assessment on a phone: the answers arrive pre-filled, a changed pain score is confirmed
as changed, a yes to a short-screen question shows what to tell the patient beside it before
anything is saved, and the saved visit keeps it; the patient page then draws clinic and home on
one chart."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.models import RedFlag
from clinic.reassessment.models import Reassessment
from programs.models import SessionLog
from tests.clinic.reassessment.helpers import signed_intake
from tests.e2e.conftest import PHONE, SIZES
from tests.e2e.helpers import answer_all
from tests.factories import PASSWORD, SessionLogFactory, published_program

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_progress_visit_with_a_yes_and_the_combined_chart(
    page, live_server, login, therapist, patient_record, assert_accessible, shoot
):
    program = published_program(patient=patient_record, items=1, by=therapist)
    signed_intake(patient_record, days_ago=0, leg_pain_week=3)  # the latest signed intake
    today = timezone.localdate()
    for days, leg in ((9, 3), (7, 3), (5, 4), (3, 6), (1, 6)):
        SessionLogFactory(
            patient=patient_record,
            program=program,
            revision=program.current_revision,
            date=today - timedelta(days=days),
            leg_pain=leg,
            leg_symptoms=SessionLog.LegSymptoms.FURTHER_DOWN if days == 1 else "same",
        )
    page.set_viewport_size(PHONE)
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{patient_record.get_absolute_url()}")
    page.get_by_role("link", name="New re-assessment").click()
    expect(page.get_by_role("heading", level=1, name="Re-assessment")).to_be_visible()
    assert_accessible(page)

    answer_all(page, "confirmed")
    answer_all(page, "no")
    item = page.locator(".carried-item").filter(has_text="Leg pain on average")
    item.get_by_label("Changed").check()
    item.locator("label", has_text="6").first.click()
    fever = page.locator("[data-screen-row]").filter(has_text="Fever, chills")
    notice = fever.locator("[data-screen-instruction]")
    expect(notice).to_be_hidden()
    fever.get_by_label("Yes").check()
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Please see a doctor today")
    page.get_by_label("What changed for the patient").fill("Leg worse at home after sitting.")
    page.get_by_label("Regress the program").check()
    shoot(page, "reassessment-form", SIZES)
    page.get_by_role("button", name="Save the draft").click()

    expect(page.get_by_role("heading", name="Tell the patient now")).to_be_visible()
    assert_accessible(page)
    visit = Reassessment.objects.get()
    assert {r["key"]: r["after"] for r in visit.carried}["leg_pain_week"] == 6
    assert RedFlag.objects.get(patient=patient_record).source == "reassessment"
    shoot(page, "reassessment-visit", SIZES)

    page.goto(f"{live_server.url}{patient_record.get_absolute_url()}")
    together = page.locator("#clinic-and-home")
    expect(together).to_contain_text("Leg pain 3 → 6")
    expect(together).to_contain_text("Symptoms further down the leg on 1 day")
    drawn = page.evaluate(
        "() => !!(window.Chart && window.Chart.getChart(document.getElementById('together-chart')))"
    )
    assert drawn
    assert_accessible(page)
