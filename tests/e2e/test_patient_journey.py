"""A patient's first evening with the portal on a phone: the therapist sends the invitation,
the patient opens the link from the email, chooses a password, opens the program, follows the
timer through one exercise, logs the session with pain scores, sees the chart and downloads the
printable handout.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from programs import services
from programs.library import load_library
from programs.models import Exercise, SessionLog
from tests.e2e.conftest import PHONE, SIZES, TABLET
from tests.e2e.helpers import pdf_text
from tests.factories import PASSWORD, ScreenedPatientFactory

pytestmark = pytest.mark.django_db(transaction=True)

# An AIS stretch first: its timer has the most steps (move, assist, return; each side).
EXERCISES = ("ais-hip-external-rotators", "glute-bridge", "graded-walking")
FIRST = "AIS hip outward-rotator stretch (piriformis)"


@pytest.fixture(autouse=True)
def huey_immediate():
    """The invitation email goes through the outbox: the worker, in immediate mode, sends it
    as the invitation commits (in the live server's thread), so it is in mail.outbox."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = was


@pytest.fixture
def published_for_lena(therapist):
    """Lena, with no portal account yet, and a published three-exercise program."""
    load_library()
    lena = ScreenedPatientFactory(
        first_name="Lena",
        last_name="Marchetti",
        email="lena.marchetti@patient.example",
        therapist=therapist,
    )
    today = timezone.localdate()
    program = services.create_program(
        patient=lena,
        by=therapist,
        title="Steady hips and back",
        goals="Drive a full shift without leg pain.",
        start_date=today,
        review_date=today + timedelta(days=14),
    ).program
    for slug in EXERCISES:
        program.refresh_from_db(fields=["version"])
        services.add_program_item(
            program=program,
            exercise=Exercise.objects.get(slug=slug),
            by=therapist,
            expected_version=program.version,
        )
    services.publish_program(program=program, by=therapist)
    return program


def send_invitation(browser, live_server, therapist, login, assert_accessible, shoot) -> str:
    """The therapist invites Lena from her page; the link arrives by email."""
    context = browser.new_context(viewport=TABLET)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, therapist.email, PASSWORD)
    page.get_by_role("link", name="Patients").first.click()
    page.get_by_role("link", name="Marchetti").first.click()
    page.get_by_role("link", name="Invite to the portal").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status").filter(has_text="Invitation sent to lena.")).to_be_visible()
    shown = page.locator("#invite-link").inner_text()
    assert_accessible(page)
    shoot(page, "therapist-invitation", SIZES)
    context.close()

    email = mail.outbox[-1]
    assert email.to == ["lena.marchetti@patient.example"]
    link = re.search(r"https?://\S+/invitation/\S+", email.body).group(0)
    assert link == shown  # the QR-code page shows the same link as the email
    return link


def test_patient_sets_password_follows_an_exercise_logs_and_sees_progress(
    page,
    browser,
    live_server,
    settings,
    therapist,
    published_for_lena,
    login,
    assert_accessible,
    shoot,
):
    settings.SITE_URL = live_server.url
    link = send_invitation(browser, live_server, therapist, login, assert_accessible, shoot)

    # The patient pastes the link from the email into the phone's browser.
    page.set_viewport_size(PHONE)
    page.goto(link)
    expect(page.get_by_role("heading", name="Welcome, Lena")).to_be_visible()
    assert "/set-password/" in page.url  # the token has left the address bar
    assert_accessible(page)
    shoot(page, "patient-set-password", SIZES)
    password = "river stone lantern 42"
    page.get_by_role("textbox", name=re.compile(r"^New password\W*$")).fill(password)
    page.get_by_label("New password confirmation").fill(password)
    page.get_by_role("button", name="Save password and open my program").click()

    # Her program opens straight away.
    expect(page.get_by_role("heading", level=1, name="Steady hips and back")).to_be_visible()
    expect(page.get_by_text("Your password is set")).to_be_visible()
    exercises = page.get_by_role("region", name="Your exercises").get_by_role("listitem")
    expect(exercises.first).to_contain_text(FIRST)
    assert_accessible(page)
    shoot(page, "patient-program", SIZES)

    # Follow along with the first exercise. Playwright's clock stands in for the minutes of
    # stretching: the page's own timers and performance.now() run on it.
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    page.get_by_role("link", name="Start with exercise 1").click()
    expect(page.get_by_role("heading", level=1, name=FIRST)).to_be_visible()
    follow_url = page.url
    timer = page.get_by_role("region", name="Timer")
    phase, rep, side = (timer.locator(f"[data-{name}]") for name in ("phase", "rep", "side"))
    assert_accessible(page)
    shoot(page, "patient-follow", SIZES)

    timer.get_by_role("button", name="Start", exact=True).click()
    expect(phase).to_have_text("Get ready")
    page.clock.run_for(5_000)
    expect(phase).to_have_text("Move into the stretch")
    expect(rep).to_have_text("1 of 10")
    expect(side).to_have_text("Side 1 of 2")
    page.clock.run_for(2_000)
    expect(phase).to_have_text(re.compile("^Assist gently"))
    # Screen readers hear one line a repetition; the 2-second assist is marked by a beep.
    expect(timer.locator("[data-announce]")).to_have_text(
        "Move into the stretch, rep 1 of 10, Side 1 of 2"
    )

    # Pausing stops the count; resuming carries on from there.
    timer.get_by_role("button", name="Pause").click()
    count = timer.locator("[data-count]").inner_text()
    page.clock.run_for(3_000)
    expect(timer.locator("[data-count]")).to_have_text(count)
    expect(phase).to_have_text(re.compile("^Assist gently"))
    timer.get_by_role("button", name="Resume").click()
    progress = timer.get_by_role("progressbar", name="Whole exercise")
    page.clock.run_for(30_000)
    assert 0 < int(progress.get_attribute("aria-valuenow")) < 100

    done = timer.get_by_text("Well done!")
    for _ in range(40):  # half-minute steps, well inside the 30-minute session warning
        if done.is_visible():
            break
        page.clock.run_for(30_000)
    expect(done).to_be_visible()
    expect(progress).to_have_attribute("aria-valuenow", "100")
    expect(rep).to_have_text("10 of 10")
    expect(side).to_have_text("Side 2 of 2")
    assert page.url == follow_url  # the whole exercise ran in the page, without a reload
    assert_accessible(page)
    shoot(page, "patient-follow-done", SIZES)

    # Log the session.
    timer.get_by_role("link", name="Log today's session").click()
    expect(page.get_by_role("heading", level=1, name="Log today's session")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile("piriformis")).check()
    page.get_by_role("group", name="Back pain now").get_by_text("3", exact=True).click()
    page.get_by_role("group", name="Leg pain now").get_by_text("4", exact=True).click()
    page.get_by_role("radio", name="Moved up toward the back").check()
    page.get_by_label("Anything to tell your therapist?").fill("The bridge felt easy.")
    page.get_by_role("checkbox", name="I have none of these").check()
    assert_accessible(page)
    shoot(page, "patient-log", SIZES)
    page.get_by_role("button", name="Save today's log").click()

    # The progress page charts it.
    expect(page.get_by_role("heading", level=1, name="My progress")).to_be_visible()
    # A function, not a bare expression: Playwright polls a bare expression with eval() in the
    # page, which our CSP refuses whenever the chart is not drawn at the first look.
    page.wait_for_function("() => Boolean(window.Chart && Chart.getChart('pain-chart'))")
    series = page.evaluate(
        "Chart.getChart('pain-chart').data.datasets.map(d => [d.label, d.data.at(-1)])"
    )
    assert series == [["Back pain", 3], ["Leg pain", 4]]
    logs = page.get_by_role("table").filter(has_text="Leg symptoms")
    expect(logs.get_by_role("row").nth(1)).to_contain_text("Moved up toward the back")
    assert_accessible(page)
    shoot(page, "patient-progress", SIZES)

    # Back to her program from the phone's menu: the printable handout.
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My program").click()
    with page.expect_download(timeout=60_000) as handout:  # a first download renders it
        page.get_by_role("link", name="Download the printable handout (PDF)").click(timeout=60_000)
    text = pdf_text(handout.value, keep_as="patient-journey.pdf")
    assert "Lena Marchetti" in text
    assert "Steady hips and back" in text
    assert FIRST in text

    log = SessionLog.objects.get(program=published_for_lena)
    assert (log.back_pain, log.leg_pain, log.exercises_done) == (3, 4, [1])
    assert log.leg_symptoms == SessionLog.LegSymptoms.MOVED_UP
    assert errors == []
