"""The pre-visit intake the way a new patient really gets it: staff email it from the patient's
page, the outbox worker delivers it through a real SMTP server, the patient opens the link from
that email on a phone, answers (one urgent safety answer: advice at once, a flag on the record,
the therapist emailed), signs, and the therapist finds it under "Waiting for review", confirms a
section and corrects another."""

import re

import pytest
from playwright.sync_api import expect

from clinic import redflags
from clinic.models import OutboxMessage, Patient, RedFlag
from clinic.outbox.delivery import deliver
from clinic.selfservice.models import SelfIntake
from clinic.selfservice.steps import STEPS
from tests.clinic.conftest import Mailbox, free_port
from tests.e2e.conftest import PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

URGENT_CODE = "infection_fever"


@pytest.fixture
def mailbox(settings, live_server):
    """A real SMTP server on 127.0.0.1, Django's SMTP backend pointed at it, and links in
    messages pointing at the test server."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.SITE_URL = live_server.url
    try:
        yield box
    finally:
        controller.stop()


def run_worker() -> None:
    """What the outbox worker does with every message waiting to go."""
    for pk in OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).values_list(
        "pk", flat=True
    ):
        deliver(pk)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _next(page):
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state("load")


def _heading(page, title):
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()


def test_a_new_patient_fills_in_the_emailed_intake_on_a_phone_and_the_therapist_reviews_it(
    browser, page, live_server, login, mailbox, therapist, patient_record, assert_accessible, shoot
):
    Patient.objects.filter(pk=patient_record.pk).update(consent_email=True)

    # Staff send it from the patient's page.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}{patient_record.get_absolute_url()}")
    page.get_by_role("button", name="Email the intake").click()
    expect(
        page.get_by_text("The pre-visit intake is on its way to pat@test.example")
    ).to_be_visible()
    card = page.locator("#self-service")
    expect(card.get_by_role("button", name="Withdraw this form")).to_be_visible()
    assert_accessible(page)
    shoot(page, "self-service-card-sent")

    # The worker sends it; the patient reads it.
    run_worker()
    assert len(mailbox.messages) == 1
    email = mailbox.messages[0]
    assert email["To"] == "pat@test.example"
    assert "pre-visit form" in email["Subject"]
    body = text_of(email)
    assert "pre-visit form" in body
    address = re.search(r"(https?://\S+/f/[\w-]+/)", body).group(1)
    assert address.startswith(live_server.url)

    # On the phone.
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(address)
    _heading(phone, "Your contact details")
    phone.get_by_label("Your phone number").fill("(617) 555-0199")
    _next(phone)

    _heading(phone, "What brings you in")
    phone.get_by_label("In your own words, what brings you in?").fill("My back hurts.")
    phone.get_by_role("group", name="Where is the main problem?").get_by_label("Low back").check()
    phone.get_by_role("group", name="Which bothers you more").get_by_label("Back pain").check()
    phone.get_by_role("group", name="Does pain or tingling").get_by_label("No").check()
    phone.get_by_role("group", name="Did this start with work").get_by_label(
        "None of these"
    ).check()
    _next(phone)

    _heading(phone, "Where it hurts")
    phone.locator('[data-bc-chart] .bc-shape[data-region="lumbar_central"]').first.click()
    phone.get_by_role("button", name="Done").click()
    _next(phone)

    _heading(phone, "How much it hurts")
    phone.locator('label[for="id_back_pain_now_7"]').click()
    phone.locator('label[for="id_leg_pain_now_2"]').click()
    _next(phone)

    _heading(phone, "When it started")
    phone.get_by_label("When did this start?").fill("2026-10-01")
    phone.get_by_role("group", name="Since it started").get_by_label("Getting worse").check()
    _next(phone)

    for step in STEPS[5:-1]:
        _heading(phone, str(step.title))
        if step.slug == "neuro":
            for item in redflags.NEURO_ITEMS:
                phone.locator(f'input[name="{item}"][value="no"]').check()
        _next(phone)

    _heading(phone, "Safety questions")
    for question in redflags.RED_FLAG_QUESTIONS:
        phone.locator(f'input[name="{question.code}"][value="no"]').check()
    urgent = phone.locator('[data-advice="U"]')
    expect(urgent).to_be_hidden()
    phone.locator(f'input[name="{URGENT_CODE}"][value="yes"]').check()
    expect(urgent).to_be_visible()  # at once, before anything is sent
    shoot(phone, "self-service-email-urgent-phone")
    _next(phone)

    # The advice page after saving: the flag is on the record, the therapist is emailed.
    _heading(phone, "Contact your doctor today")
    expect(phone.get_by_text("We have emailed your therapist")).to_be_visible()
    assert_accessible(phone)
    shoot(phone, "self-service-email-advice-phone")
    flag = RedFlag.objects.get(patient=patient_record)
    assert (flag.code, flag.tier) == (URGENT_CODE, "U")
    run_worker()
    alerts = [m for m in mailbox.messages if m["To"] == therapist.email]
    assert len(alerts) == 1
    assert "back" not in text_of(alerts[0]).lower()  # no health information in the email

    phone.get_by_role("link", name="Finish the form").click()
    _heading(phone, "Check your answers and sign")
    phone.get_by_label("I agree to sign this form electronically").check()
    phone.get_by_label("I mean to sign this form").check()
    phone.get_by_label("Type your full name to sign").fill("Pat Rivera")
    phone.get_by_role("button", name="Sign and send").click()
    phone.wait_for_load_state("load")
    _heading(phone, "Thank you. Your form is sent.")
    shoot(phone, "self-service-email-thanks-phone")
    context.close()
    self_intake = SelfIntake.objects.get(patient=patient_record)
    assert self_intake.status == SelfIntake.Status.SUBMITTED

    # The therapist's dashboard: waiting for review, with the flag.
    page.goto(f"{live_server.url}/dashboard/")
    waiting = page.locator(".waiting-for-review li")
    expect(waiting).to_have_count(1)
    expect(waiting.first).to_contain_text("1 red flag")
    waiting.first.get_by_role("link", name="Pat Rivera").click()
    expect(
        page.get_by_role("heading", name=re.compile("Review the pre-visit intake"))
    ).to_be_visible()
    page.get_by_role("button", name="Confirm reason for the visit").click()
    expect(page.locator("#s-complaint")).to_contain_text("Confirmed by Tess Therapist")
    page.get_by_role("link", name="Correct pain scores").click()
    page.locator('label[for="id_back_pain_now_5"]').click()
    page.get_by_role("button", name="Save the correction").click()
    section = page.locator("#s-pain")
    expect(section).to_contain_text("Corrected by Tess Therapist")
    expect(section.locator(".patient-original")).to_contain_text("7")
    self_intake.refresh_from_db()
    assert self_intake.answers["pain"]["back_pain_now"] == 7  # the patient's words are kept
