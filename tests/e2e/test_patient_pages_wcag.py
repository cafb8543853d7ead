"""WCAG 2.2 AA on the rest of what a patient can reach, with the same checks as the portal's
sweep (tests/e2e/test_portal_wcag.py) on a 360 × 740 phone with the text at 200 %: reflow, no
word cut across lines, 24 px targets, 3:1 checkbox borders and axe (every WCAG A/AA rule up to
2.2 and the best practices, every impact).

- Signed out: the login page (and its error), password reset from asking to done, the
  invitation's set-a-password page (and a used link), the reminder email's stop page, an
  unknown address.
- Signed in: the program, follow-along and log pages in their other states (the ease-off
  advice, a step back with its why, the clinic's video, the pause notice of an open flag),
  the open menus, a saved log's message, changing the password, an unknown address, a staff
  page (403).
- By link: every step of the pre-visit intake, its safety advice, the review and signing, the
  thank-you page; each free questionnaire, its saved and thank-you pages, a withdrawn one and
  a link that no longer works.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files import File
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from clinic.invitations import invitation_path, invite_patient
from clinic.models import PSFSActivity
from clinic.questionnaires import services as questionnaires
from clinic.selfservice import links
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.steps import STEPS
from demo import video_data
from programs import reminders
from programs.models import Exercise, ReminderPlan
from programs.videos import check_video, upload_exercise_video
from tests.clinic.selfservice.test_self_intake import VALID as INTAKE_ANSWERS
from tests.e2e.test_portal_wcag import (
    CHECKS,
    SMALL_PHONE,
    large_text,
    page_problems,
    portal_pages,
    screenshot,
)
from tests.factories import PASSWORD, PatientFactory, RedFlagFactory
from tests.programs.portal_helpers import program_with
from tests.programs.step_back_helpers import flare_up, with_regression

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_phone(browser):
    """A 360 px phone at 200 % text, nobody signed in."""
    context = browser.new_context(viewport=SMALL_PHONE)
    context.add_init_script(CHECKS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    cdp = large_text(context, page)
    yield page
    cdp.detach()
    context.close()


def sweep(page, base: str, pages: dict[str, str]) -> dict[str, list[str]]:
    """Open each page and collect what fails on it, by its short name."""
    problems = {}
    for name, path in pages.items():
        page.goto(base + path)
        found = page_problems(page)
        if found:
            problems[name] = found
        screenshot(page, f"wcag-200pct-{name}")
    return problems


def checked_here(page, name: str, problems: dict) -> None:
    """The page as it is now (after a click or a post) joins the list."""
    found = page_problems(page)
    if found:
        problems[name] = found
    screenshot(page, f"wcag-200pct-{name}")


def report(problems: dict) -> str:
    return "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())


def test_signed_out_pages(small_phone, live_server, patient_record, therapist):
    page = small_phone
    user = patient_record.user
    newcomer = PatientFactory(therapist=therapist, email="newcomer@test.example")
    newcomer = invite_patient(patient=newcomer, by=therapist)
    plan = ReminderPlan.objects.create(patient=patient_record)
    reset = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    problems = sweep(
        page,
        live_server.url,
        {
            "login": reverse("login"),
            "password-reset": reverse("password_reset"),
            "password-reset-sent": reverse("password_reset_done"),
            "password-reset-new": reset,
            "password-reset-complete": reverse("password_reset_complete"),
            "invitation": invitation_path(newcomer),
            "invitation-used": reverse(
                "clinic:invitation-accept", kwargs={"uidb64": "MTIz", "token": "used-token"}
            ),
            "reminder-stop": reverse(
                "programs:reminder-stop", kwargs={"token": reminders.stop_token(plan)}
            ),
            "not-found-signed-out": "/no-such-page/",
        },
    )
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    checked_here(page, "login-error", problems)
    page.goto(
        live_server.url
        + reverse("programs:reminder-stop", kwargs={"token": reminders.stop_token(plan)})
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    checked_here(page, "reminder-stopped", problems)
    assert not problems, report(problems)


def _with_video(program, position: int):
    slug = program.current_revision.items[position - 1]["exercise"]["slug"]
    with video_data.ASSET.open("rb") as handle:
        upload_exercise_video(
            exercise=Exercise.objects.get(slug=slug),
            video=check_video(File(handle, name="bridge.webm")),
            by=program.therapist,
        )


def test_signed_in_pages_in_every_state(small_phone, live_server, login, patient_record):
    page = small_phone
    program = with_regression(program_with(patient_record, items=3, ais=True))
    _with_video(program, 2)
    flare_up(program)
    login(page, patient_record.user.email, PASSWORD)
    kw = {"uuid": program.uuid}
    follow = "programs:portal-follow"
    problems = sweep(
        page,
        live_server.url,
        {
            "step-back-home": reverse("programs:portal-home"),
            "step-back-program": reverse("programs:portal-program", kwargs=kw),
            "step-back-follow": reverse(follow, kwargs={**kw, "position": 1}),
            "video-follow": reverse(follow, kwargs={**kw, "position": 2}),
            "ease-off-log": reverse("programs:portal-log", kwargs=kw),
            "password-change": reverse("password_change"),
            "password-change-done": reverse("password_change_done"),
            "not-found-signed-in": "/portal/no-such-page/",
            "forbidden": reverse("clinic:patient-list"),  # a staff page: the 403 page
        },
    )
    # The menus, open.
    page.goto(live_server.url + reverse("programs:portal-home"))
    page.locator(".navbar-toggler").click()
    expect(page.locator(".navbar-collapse.show")).to_be_visible()
    page.locator("[data-bs-toggle=dropdown]").last.click()
    expect(page.locator(".dropdown-menu.show")).to_be_visible()
    checked_here(page, "menus-open", problems)

    # An open clearance flag: the pause notice instead of every start button.
    RedFlagFactory(patient=patient_record, tier="U")
    problems.update(
        sweep(
            page,
            live_server.url,
            {
                "paused-home": reverse("programs:portal-home"),
                "paused-program": reverse("programs:portal-program", kwargs=kw),
                "paused-follow": reverse(follow, kwargs={**kw, "position": 2}),
            },
        )
    )
    # A log saved: the page it lands on, with its "Saved" message.
    page.goto(live_server.url + reverse("programs:portal-log", kwargs=kw))
    page.locator('label[for="id_back_pain_3"]').click()
    page.locator('label[for="id_leg_pain_2"]').click()
    page.locator('input[name="leg_symptoms"][value="same"]').check()
    page.locator("input[data-none]").check()
    page.get_by_role("button", name="Save today's log").click()
    expect(page.get_by_text("Saved — thank you.")).to_be_visible()
    checked_here(page, "log-saved", problems)
    assert not problems, report(problems)


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_the_portal_in_spanish_and_portuguese(
    small_phone, live_server, login, patient_record, language
):
    """Longer words than English ("adormecimiento"): every portal page again, in each language."""
    patient_record.user.language = language
    patient_record.user.save(update_fields=["language"])
    program = program_with(patient_record, items=3, ais=True)
    login(small_phone, patient_record.user.email, PASSWORD)
    problems = sweep(
        small_phone,
        live_server.url,
        {f"{language}-{name}": path for name, path in portal_pages(program).items()},
    )
    assert not problems, report(problems)


def test_pages_opened_by_link(small_phone, live_server, patient_record, therapist):
    page = small_phone
    self_intake = SelfIntake.objects.create(patient=patient_record, requested_by=therapist)
    _, token = links.issue_link(
        patient=patient_record,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=therapist,
    )
    step = "clinic:self-intake-step"
    # Every step answered (the safety step with an emergency answer), as a patient would have.
    client = Client()
    for each in STEPS:
        data = dict(INTAKE_ANSWERS[each.slug])
        if each.slug == "red-flags":
            data["ces_saddle"] = "yes_new"
        response = client.post(
            reverse(step, kwargs={"token": token, "step": each.slug}), {**data, "then": "next"}
        )
        assert response.status_code == 302, each.slug
    pages = {
        f"intake-{each.slug}": reverse(step, kwargs={"token": token, "step": each.slug})
        for each in STEPS
    }
    pages["intake-advice"] = reverse("clinic:self-intake-advice", kwargs={"token": token})
    pages["intake-sign"] = reverse("clinic:self-intake-sign", kwargs={"token": token})

    def questionnaire_link(instrument):
        request = questionnaires.request_now(
            patient=patient_record, instrument=instrument, by=therapist
        )
        _, raw = links.issue_link(
            patient=patient_record,
            purpose=PatientLink.Purpose.QUESTIONNAIRE,
            target_uuid=request.uuid,
            by=therapist,
        )
        return request, links.link_path(raw)

    for name in ("Lift my grandson", "Weed the garden", "Drive to work"):
        PSFSActivity.objects.create(patient=patient_record, name=name, created_by=therapist)
    for instrument in ("rmdq", "sbi", "psfs", "nprs"):
        pages[f"questionnaire-{instrument}"] = questionnaire_link(instrument)[1]
    withdrawn, withdrawn_path = questionnaire_link("rmdq")
    questionnaires.cancel_request(request=withdrawn, by=therapist)
    pages["questionnaire-withdrawn"] = withdrawn_path
    pages["link-invalid"] = links.link_path("no-such-link-token")
    problems = sweep(page, live_server.url, pages)

    # The body chart's list view: the same choices as the drawn chart, as full-size controls.
    page.goto(live_server.url + pages["intake-body-chart"])
    page.locator("[data-bc-list] > summary").click()
    expect(page.locator("[data-bc-list] table")).to_be_visible()
    checked_here(page, "intake-body-chart-list", problems)

    # Signing sends the form: the thank-you page, with the advice still shown.
    page.goto(live_server.url + pages["intake-sign"])
    page.get_by_label("I agree to sign this form electronically").check()
    page.get_by_label("I mean to sign this form").check()
    page.get_by_label("Type your full name to sign").fill("Pat Rivera")
    page.get_by_role("button", name="Sign and send").click()
    page.wait_for_load_state("load")
    thanks = page.get_by_role("heading", level=1, name="Thank you. Your form is sent.")
    expect(thanks).to_be_visible()
    checked_here(page, "intake-done", problems)

    # A questionnaire saved for later, then sent.
    _, nprs = questionnaire_link("nprs")
    page.goto(live_server.url + nprs)
    page.evaluate(
        """() => {
            const names = new Set(Array.from(document.querySelectorAll('main input[type=radio]'))
                .map((radio) => radio.name));
            names.forEach((name) =>
                document.querySelector(`main input[type=radio][name="${name}"]`).click());
        }"""
    )
    page.get_by_role("button", name="Save and finish later").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    checked_here(page, "questionnaire-saved", problems)
    page.goto(live_server.url + nprs)
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state("load")
    checked_here(page, "questionnaire-thanks", problems)
    assert not problems, report(problems)
