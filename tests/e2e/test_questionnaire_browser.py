"""A home questionnaire on a phone from the emailed link: answer some, save, come back, finish;
then the therapist sees it on the trend chart, marked patient-reported. axe on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.models import OutcomeMeasure
from clinic.questionnaires import services
from clinic.questionnaires.models import QuestionnaireRequest
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink
from clinic.services import record_measure
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD

pytestmark = pytest.mark.slow


def _answer(page, question: str, value: str):
    page.get_by_role("group", name=question).get_by_text(value, exact=True).click()


def test_patient_answers_sbi_on_a_phone_saves_and_finishes_later(
    browser, live_server, patient_record, therapist, assert_accessible, shoot, login
):
    record_measure(
        patient=patient_record,
        instrument="sbi",
        answers={"items": [5, 4, 3, 5]},
        by=therapist,
        taken_on=timezone.localdate() - timedelta(days=21),
    )
    request = services.request_now(patient=patient_record, instrument="sbi", by=therapist)
    _link, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.QUESTIONNAIRE,
        target_uuid=request.uuid,
        by=therapist,
    )
    address = f"{live_server.url}{links.link_path(token)}"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How much your leg symptoms bother you"
    )
    expect(page.get_by_text("0 of 4 answered")).to_be_visible()
    assert_accessible(page)
    shoot(page, "questionnaire-phone-start")
    _answer(page, "1. Pain in your leg", "3")
    _answer(page, "2. Numbness or tingling in your leg, foot or groin", "2")
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    assert_accessible(page)
    page.close()

    # Later, the same link: what was answered is still there.
    page = context.new_page()
    page.goto(address)
    expect(page.get_by_text("2 of 4 answered")).to_be_visible()
    leg = page.get_by_role("group", name="1. Pain in your leg")
    expect(leg.get_by_role("radio", name="3", exact=True)).to_be_checked()
    # Sending with one left shows the error next to it.
    _answer(page, "3. Weakness in your leg or foot", "0")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Please answer this question.")).to_be_visible()
    assert_accessible(page)
    shoot(page, "questionnaire-phone-error")
    _answer(page, "4. Back or leg pain when you sit", "2")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1, name="Thank you")).to_be_visible()
    assert_accessible(page)
    shoot(page, "questionnaire-phone-thanks")
    context.close()

    request.refresh_from_db()
    assert request.status == QuestionnaireRequest.Status.COMPLETED
    measure = OutcomeMeasure.objects.get(source="patient")
    assert measure.score == 7 and measure.answers == {"items": [3, 2, 0, 2]}

    # The therapist's patient page: the trend shows it, marked patient-reported.
    staff = browser.new_context(viewport=DESKTOP)
    page = staff.new_page()
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{patient_record.get_absolute_url()}")
    trend = page.locator("article.trend-card", has_text="Sciatica Bothersomeness")
    expect(trend.get_by_text("Patient-reported: answered by the patient at home.")).to_be_visible()
    expect(trend.locator(".badge.patient-reported")).to_have_count(1)
    card = page.locator("#questionnaires")
    expect(card.get_by_text("Completed")).to_be_visible()
    assert_accessible(page)
    trend.scroll_into_view_if_needed()
    shoot(page, "questionnaire-staff-patient-page")
    staff.close()


def test_every_free_questionnaire_page_is_accessible_on_a_phone(
    browser, live_server, patient_record, therapist, assert_accessible, shoot
):
    from clinic.models import PSFSActivity

    for name in ("Lift my grandson", "Weed the garden", "Drive to work"):
        PSFSActivity.objects.create(patient=patient_record, name=name, created_by=therapist)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for instrument in ("rmdq", "nprs", "psfs"):
        request = services.request_now(patient=patient_record, instrument=instrument, by=therapist)
        _link, token = links.issue_link(
            patient=patient_record,
            purpose=PatientLink.Purpose.QUESTIONNAIRE,
            target_uuid=request.uuid,
        )
        page.goto(f"{live_server.url}{links.link_path(token)}")
        expect(page.get_by_role("button", name="Send my answers")).to_be_visible()
        assert_accessible(page)
        shoot(page, f"questionnaire-phone-{instrument}")
    expect(page.get_by_role("group", name="1. Lift my grandson")).to_be_visible()
    context.close()
