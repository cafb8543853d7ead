"""Moving pictures and the clinic's video on a phone: reduced motion starts the pictures paused
on the start position with a Play button; the video plays and seeks through range requests."""

from django.core.files import File

from demo import video_data
from programs.models import Exercise
from programs.videos import check_video, upload_exercise_video
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD
from tests.programs.portal_helpers import program_with


def _program_with_video(patient_record):
    program = program_with(patient_record, items=1)
    slug = program.current_revision.items[0]["exercise"]["slug"]
    with video_data.ASSET.open("rb") as handle:
        upload_exercise_video(
            exercise=Exercise.objects.get(slug=slug),
            video=check_video(File(handle, name="bridge.webm")),
            by=program.therapist,
        )
    return program


def test_reduced_motion_starts_the_pictures_paused_and_play_starts_them(
    browser, live_server, patient_record, login, assert_accessible, shoot
):
    program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    picture = page.locator("#figure-1")
    button = page.locator("[data-motion-toggle='figure-1']")
    assert "/start.svg" in picture.get_attribute("src")
    assert button.inner_text().strip().startswith("Play")
    assert button.get_attribute("data-motion-state") == "paused"
    # The name says what a press does; no aria-pressed beside it ("Play, pressed").
    assert button.get_attribute("aria-pressed") is None
    assert "start position" in picture.get_attribute("alt")
    assert picture.bounding_box()["width"] > 300  # the picture fills the card on a phone
    button.click()
    assert "/animated.svg" in picture.get_attribute("src")
    assert button.inner_text().strip().startswith("Pause")
    assert "Moving picture" in picture.get_attribute("alt")
    button.click()
    assert "/start.svg" in picture.get_attribute("src")
    shoot(page, "portal-reduced-motion-phone")
    assert_accessible(page)
    context.close()


def test_without_reduced_motion_the_pictures_move_and_pause_on_request(
    browser, live_server, patient_record, login
):
    program = program_with(patient_record, items=1)
    context = browser.new_context(viewport=PHONE, reduced_motion="no-preference")
    page = context.new_page()
    login(page, patient_record.user.email, PASSWORD)
    page.set_viewport_size(DESKTOP)
    picture = page.locator("#figure-1")
    assert picture.bounding_box()["width"] > 300  # beside the card's text on a wide screen
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/portal/programs/{program.uuid}/exercises/1/follow/")
    picture = page.locator("#figure-1")
    assert "/animated.svg" in picture.get_attribute("src")
    page.get_by_role("button", name="Pause the moving picture").click()
    assert "/start.svg" in picture.get_attribute("src")
    page.get_by_role("button", name="Play the moving picture").click()
    assert "/animated.svg" in picture.get_attribute("src")
    context.close()


def test_the_video_plays_and_seeks_through_range_requests(
    browser, live_server, patient_record, login, assert_accessible, shoot
):
    program = _program_with_video(patient_record)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    statuses = []
    page.on(
        "response",
        lambda response: statuses.append(response.status) if "/videos/" in response.url else None,
    )
    login(page, patient_record.user.email, PASSWORD)
    page.goto(f"{live_server.url}/portal/programs/{program.uuid}/exercises/1/follow/")
    video = page.locator("video.exercise-video")
    assert video.get_attribute("preload") == "none"
    assert video.get_attribute("poster").endswith("/start.svg")
    seeked = page.evaluate(
        """async () => {
            const v = document.querySelector("video.exercise-video");
            v.muted = true;
            await v.play();
            await new Promise((r) => setTimeout(r, 300));
            v.pause();
            const done = new Promise((r) => v.addEventListener("seeked", r, { once: true }));
            v.currentTime = 3;
            await done;
            return { time: v.currentTime, ready: v.readyState, error: v.error && v.error.code };
        }"""
    )
    assert seeked["error"] is None
    assert abs(seeked["time"] - 3) < 0.5
    assert 206 in statuses  # the browser asked for a byte range and got one
    shoot(page, "portal-video-phone")
    assert_accessible(page)
    context.close()
