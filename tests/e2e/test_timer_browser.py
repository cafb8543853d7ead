"""The follow-along timer on a phone against a frozen clock: it steps through the prescribed
phases (hold, rest, switch sides), shows the time left, tells screen readers each phase once
(never the seconds), reads "Pause" and "Resume", keeps focus, ticks the exercise done for today
at the end (a skipped rest still counts; a skipped walk is not done and not ticked); a walk reads
in minutes and seconds; at 200 % text on a 360 px phone the buttons stay on the screen."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programs.daily.models import DoneTick
from programs.services import publish_program
from tests.e2e.conftest import PHONE
from tests.factories import PASSWORD, ExerciseFactory, ProgramFactory, ProgramItemFactory, screened

pytestmark = pytest.mark.django_db(transaction=True)

# Every change of the live region, in order: set up before the timer starts.
RECORD_ANNOUNCEMENTS = """() => {
  window.__said = [];
  const region = document.querySelector("[data-announce]");
  new MutationObserver(() => window.__said.push(region.textContent))
    .observe(region, { childList: true, characterData: true, subtree: true });
}"""


# Stand-ins for the device APIs, installed before the page's scripts: they record what the timer
# asks of them (a screen wake lock, beeps, vibration, speech).
DEVICE_STUBS = """
window.__calls = [];
const note = (what) => window.__calls.push(what);
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: {
  request: () => { note("wake"); const lock = new EventTarget();
    lock.release = () => { note("release"); return Promise.resolve(); };
    return Promise.resolve(lock); } } });
navigator.vibrate = () => { note("vibrate"); return true; };
const RealAudio = window.AudioContext;
window.AudioContext = class extends RealAudio {
  createOscillator() { note("beep"); return super.createOscillator(); }
  get state() { return window.__suspended ? "suspended" : super.state; }
  resume() { note("resume"); window.__suspended = false; return super.resume(); }
};
window.speechSynthesis.speak = (u) => { note("say:" + u.text); note("voice:" + u.lang); };
"""


@pytest.fixture
def program(patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    hold = ExerciseFactory(name="Side plank on knees", category="stabilisation", figure={})
    walk = ExerciseFactory(name="Easy walk", category="aerobic", figure={})
    # Hold 5 s, 2 reps, both sides, a 4-second rest between holds; then a 15-minute walk.
    ProgramItemFactory(
        program=program,
        exercise=hold,
        order=1,
        sets=1,
        reps=2,
        hold_s=5,
        side="both",
        tempo="Rest 4 s between holds",
        note="",
    )
    ProgramItemFactory(
        program=program,
        exercise=walk,
        order=2,
        sets=1,
        reps=None,
        hold_s=None,
        duration_min=15,
        side="na",
        tempo="",
        note="",
    )
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


def follow_url(live_server, program, position):
    path = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": position})
    return live_server.url + path


def test_timer_follows_a_hold_prescription_against_a_frozen_clock(
    browser, live_server, login, patient_record, program, assert_accessible, shoot
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    page.add_init_script(DEVICE_STUBS)
    login(page, patient_record.user.email, PASSWORD)
    page.goto(follow_url(live_server, program, 1))
    timer = page.get_by_role("region", name="Timer")
    phase, count, rep, side = (
        timer.locator(f"[data-{name}]") for name in ("phase", "count", "rep", "side")
    )
    # 5 ready + each side (3 in, 5 hold, 3 out, 4 rest, 3 in, 5 hold, 3 out) + 5 to switch.
    expect(count).to_have_text("1:02")
    assert_accessible(page)
    page.evaluate(RECORD_ANNOUNCEMENTS)

    start = timer.locator("[data-action=start]")
    start.click()
    expect(start).to_have_accessible_name("Pause")
    expect(phase).to_have_text("Get ready")
    expect(count).to_have_text("5")
    page.clock.run_for(1_000)
    expect(count).to_have_text("4")
    page.clock.run_for(4_000)
    expect(phase).to_have_text("Get into position")
    expect(rep).to_have_text("1 of 2")
    expect(side).to_have_text("Side 1 of 2")
    page.clock.run_for(3_000)
    expect(phase).to_have_text("Hold")
    expect(count).to_have_text("5")
    page.clock.run_for(2_000)
    expect(count).to_have_text("3")
    shoot(page, "timer-hold-phone")

    calls = page.evaluate("window.__calls")
    assert calls.count("wake") == 1 and "release" not in calls  # the screen stays awake
    assert calls.count("beep") == 3  # Get ready, Get into position, Hold
    assert "vibrate" in calls
    assert not [c for c in calls if c.startswith("say:")]  # the voice is off by default

    # Pause: the count stands still, the button reads Resume and keeps the focus.
    start.click()
    expect(start).to_have_accessible_name("Resume")
    assert page.evaluate("window.__calls").count("release") == 1  # the screen may sleep
    page.clock.run_for(10_000)
    expect(count).to_have_text("3")
    expect(phase).to_have_text("Hold")
    assert page.evaluate("document.activeElement.dataset.action") == "start"
    # The voice, turned on, speaks the next phase and is remembered on this device.
    timer.get_by_role("switch", name="Read the steps aloud").check()
    assert page.evaluate("localStorage.getItem('restore.follow.speak')") == "1"
    page.evaluate("() => { window.__suspended = true; }")  # as iOS does when the screen locks
    start.click()
    assert "resume" in page.evaluate("window.__calls")  # the beeps are woken by the tap
    expect(start).to_have_accessible_name("Pause")
    assert page.evaluate("window.__calls").count("wake") == 2
    page.clock.run_for(3_000)
    expect(phase).to_have_text("Release and relax")
    assert "say:Release" in page.evaluate("window.__calls")
    assert "voice:en" in page.evaluate("window.__calls")  # a voice of the page's language
    page.clock.run_for(3_000)
    expect(phase).to_have_text("Rest")
    expect(count).to_have_text("4")
    timer.get_by_role("button", name="Skip").click()  # no need to rest: still done at the end
    expect(phase).to_have_text("Get into position")
    expect(rep).to_have_text("2 of 2")
    page.clock.run_for(11_000)
    expect(phase).to_have_text("Switch sides")
    expect(side).to_have_text("Side 2 of 2")
    page.clock.run_for(5_000)
    expect(phase).to_have_text("Get into position")
    expect(rep).to_have_text("1 of 2")
    page.clock.run_for(26_000)

    # The end: Start and Skip are gone, so focus moves to the heading on purpose.
    done = timer.get_by_role("heading", name="Well done!")
    expect(done).to_be_visible()
    expect(done).to_be_focused()
    expect(timer.get_by_text("Ticked as done for today.", exact=True)).to_be_visible()
    assert DoneTick.objects.filter(program=program, position=1, slot=0).count() == 1
    assert page.evaluate("window.__calls").count("release") == 2  # released at the end

    # Screen readers heard each phase once, in order, and nothing in between.
    plan = page.evaluate("JSON.parse(document.getElementById('follow-plan').textContent)")
    expected = []
    for step in plan["phases"]:
        if not step["announce"]:
            continue
        parts = [step["label"]]
        if step["rep"]:
            parts.append(f"rep {step['rep']} of {step['reps']}")
        if step["side"]:
            parts.append(step["side"])
        expected.append(", ".join(parts))
    expected.append("Exercise finished. Well done.")
    assert len(plan["phases"]) == 16
    assert page.evaluate("window.__said") == expected
    assert_accessible(page)
    shoot(page, "timer-done-phone")
    assert not errors
    page.reload()
    expect(page.get_by_role("switch", name="Read the steps aloud")).to_be_checked()
    context.close()


def test_a_15_minute_walk_reads_15_00_and_skipping_it_is_not_done(
    browser, live_server, login, patient_record, program, shoot
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.clock.install()
    login(page, patient_record.user.email, PASSWORD)
    page.goto(follow_url(live_server, program, 2))
    timer = page.get_by_role("region", name="Timer")
    count = timer.locator("[data-count]")
    expect(count).to_have_text("15:00")
    expect(timer.locator("[data-rep-box]")).to_be_hidden()  # a walk has no repetitions
    timer.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(5_000)
    expect(timer.locator("[data-phase]")).to_have_text("Keep going")
    expect(count).to_have_text("15:00")
    page.clock.run_for(1_000)
    expect(count).to_have_text("14:59")
    page.clock.run_for(60_000)
    expect(count).to_have_text("13:59")
    posted = []
    page.on(
        "request", lambda request: posted.append(request.url) if request.method == "POST" else None
    )
    skip = timer.get_by_role("button", name="Skip")
    skip.focus()
    page.keyboard.press("Enter")
    # 14 minutes of the walk skipped: not done, so not ticked (nor pre-filled in the log).
    expect(timer.get_by_role("heading", name="Part of it was skipped")).to_be_focused()
    expect(timer.get_by_text("So it is not ticked as done for today.")).to_be_visible()
    expect(timer.get_by_text("Ticked as done for today.", exact=True)).to_be_hidden()
    expect(timer.locator("[data-phase]")).to_have_text("Ended")
    assert not posted
    assert not DoneTick.objects.filter(program=program, position=2).exists()
    shoot(page, "timer-skipped-phone")
    context.close()


def test_200_percent_text_on_a_360px_phone_keeps_the_buttons_on_screen(
    browser, live_server, login, patient_record, program, shoot
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.clock.install()
    # The browser's own text size at 200 % (what a patient sets in the phone's settings).
    cdp = context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    login(page, patient_record.user.email, PASSWORD)
    page.goto(follow_url(live_server, program, 1))
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32
    timer = page.get_by_role("region", name="Timer")
    timer.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(6_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for name in ("Pause", "Skip", "Start again"):
        button = timer.get_by_role("button", name=re.compile(f"^{name}$"))
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, name
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, name
    shoot(page, "timer-200-percent-360")
    context.close()
