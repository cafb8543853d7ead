"""Today's plan on a phone (390 × 844): only today's exercises, a tick per session, the timer's
tick by fetch, 'Do it today instead', and the patient's own days (a wrong count named beside
the days)."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from programs.models import DoneTick, PlanDays, PlanMove
from tests.e2e.conftest import PHONE, save_screenshot
from tests.factories import PASSWORD
from tests.programs.test_portal_plan import build


def test_the_plan_on_a_phone_with_ticks_and_a_moved_day(
    browser, live_server, patient_record, login, assert_accessible
):
    today = timezone.localdate()
    # Twice a day every day, and three days a week (not today: the program started yesterday).
    program = build(patient_record, [(7, 2), (3, 1)], start=today - timedelta(days=1))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)

    plan = page.get_by_role("list", name="Today's exercises")
    expect(plan.get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_text("0 of 1 exercise done today.")).to_be_visible()
    assert_accessible(page)

    # The morning tick by hand (a plain form: works without the script).
    plan.get_by_role("button", name="Morning: mark done").click()
    page.wait_for_load_state("networkidle")
    expect(plan.get_by_text("Morning: done")).to_be_visible()
    expect(page.get_by_text("0 of 1 exercise done today.")).to_be_visible()  # evening still open

    # The evening tick as the follow-along timer sends it: a fetch asking for JSON.
    answer = page.evaluate(
        """async (url) => {
            const token = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({position: '1', slot: '1'});
            const r = await fetch(url, {method: 'POST', body,
                headers: {'X-CSRFToken': token, 'Accept': 'application/json'}});
            return [r.status, await r.json()];
        }""",
        f"{live_server.url}/portal/programs/{program.uuid}/done/",
    )
    assert answer[0] == 200 and answer[1]["ok"] is True
    page.reload()
    expect(plan.get_by_text("Evening: done")).to_be_visible()
    expect(page.get_by_text("1 of 1 exercise done today.")).to_be_visible()
    assert set(DoneTick.objects.values_list("position", "slot")) == {(1, 0), (1, 1)}

    # The three-day exercise is under 'Not today'; the patient does it today instead.
    page.get_by_text("Not today: 1 exercise").click()
    page.get_by_role("button", name="Do it today instead").click()
    page.wait_for_load_state("networkidle")
    expect(plan.get_by_role("listitem")).to_have_count(2)
    expect(plan.get_by_text("moved to today", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Moved to today from")
    assert PlanMove.objects.get().to_date == today

    assert_accessible(page)
    # Nothing runs off a phone's screen.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    save_screenshot(page, "plan-phone")
    context.close()


def test_choosing_too_many_days_is_said_beside_the_days(
    browser, live_server, patient_record, login, assert_accessible
):
    today = timezone.localdate()
    build(patient_record, [(7, 1), (3, 1)], start=today - timedelta(days=1))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.get_by_text("Choose my days").click()
    days = page.locator("form[data-plan-days]")
    spread = [box.is_checked() for box in days.get_by_role("checkbox").all()]
    assert spread.count(True) == 3
    extra = spread.index(False)
    days.get_by_role("checkbox").nth(extra).check()  # a fourth day
    days.get_by_role("button", name="Save my days").click()
    error = days.get_by_text("Choose 3 days: this exercise is prescribed 3 days a week.")
    expect(error).to_be_visible()
    expect(days.get_by_role("group")).to_have_accessible_description(
        "Choose 3 days: this exercise is prescribed 3 days a week."
    )
    expect(days.get_by_role("checkbox").first).to_be_focused()
    assert not PlanDays.objects.exists()
    assert_accessible(page)
    # Taking one back clears the message; saving keeps the three days.
    days.get_by_role("checkbox").nth(extra).uncheck()
    expect(error).to_be_hidden()
    days.get_by_role("button", name="Save my days").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("status")).to_contain_text("Your days are saved.")
    assert len(PlanDays.objects.get().weekday_list) == 3
    context.close()
