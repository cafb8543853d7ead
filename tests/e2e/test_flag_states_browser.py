"""A suspected cauda equina in the browser: three emergency flags of one visit are one dashboard
row; the therapist sends the patient to the emergency department for all three at once, the flag
stays open awaiting the outcome, the outcome is recorded, then the decision closes it.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.models import RedFlag
from tests.e2e.conftest import SIZES
from tests.factories import PASSWORD, RedFlagFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_referral_outcome_and_decision(
    page, live_server, login, therapist, patient_record, assert_accessible, shoot
):
    flags = [
        RedFlagFactory(patient=patient_record, code=code, tier="E", reason=reason)
        for code, reason in (
            ("ces_saddle", "Answered yes: new numbness in the saddle area"),
            ("ces_bladder", "Answered yes: new trouble passing urine"),
            ("ces_bilateral", "Answered yes: new symptoms in both legs"),
        )
    ]
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    rows = page.locator(".flag-patient-row")
    expect(rows).to_have_count(1)  # one patient, one row, three flags listed
    expect(rows.first.locator("li")).to_have_count(3)
    assert_accessible(page)

    rows.first.get_by_role("link", name=re.compile("saddle area")).click()
    expect(page.get_by_role("heading", name="Referred to the emergency department")).to_be_visible()
    assert_accessible(page)
    referral = page.locator("#step-referred")
    referral.get_by_label("Driven by someone else").check()
    referral.get_by_label("Who was called").fill("His partner, who drove him")
    expect(referral.get_by_role("checkbox")).to_have_count(2)  # the other two, already ticked
    referral.get_by_role("button", name="Record the referral").click()

    expect(page.get_by_text("Saved. The flag stays open.")).to_be_visible()
    expect(page.locator(".flag-state").first).to_have_text(
        "Referred to the emergency department, awaiting outcome"
    )
    expect(
        page.get_by_text("Call the patient to find out the emergency department outcome")
    ).to_be_visible()
    assert_accessible(page)
    shoot(page, "therapist-flag-awaiting-outcome", SIZES)
    assert set(RedFlag.objects.values_list("referral_state", flat=True)) == {"awaiting"}

    outcome = page.locator("#step-outcome")
    outcome.get_by_label("Seen and cleared: sent home").check()
    outcome.get_by_label("What happened").fill("Harbor General: MRI normal, sent home.")
    outcome.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("heading", name="Record a decision")).to_be_visible()

    decision = page.locator("#step-decision")
    decision.get_by_role("radio", name=re.compile("^Physician clearance received")).check()
    decision.get_by_label("Physician who cleared the patient").fill("Dr. Imani Shah")
    decision.get_by_label("Date of clearance").fill(timezone.localdate().isoformat())
    decision.get_by_label("Note").fill("ED cleared him; MRI normal.")
    decision.get_by_role("button", name="Record decision").click()
    expect(
        page.get_by_role("heading", level=1, name=re.compile(patient_record.first_name))
    ).to_be_visible()
    flags[0].refresh_from_db()
    assert flags[0].status == RedFlag.Status.DECIDED
    assert list(flags[0].events.values_list("kind", flat=True)) == [
        "referred",
        "outcome",
        "decision",
    ]
