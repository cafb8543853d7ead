"""The exercise library in a real browser: live search, filters, the moving picture."""

import pytest

from programs.library import load_library
from tests.e2e.conftest import DESKTOP, TABLET
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shipped_library(db):
    load_library()


def test_live_search_updates_results_without_a_reload(
    page, live_server, therapist, shipped_library, login, assert_accessible, shoot
):
    page.set_viewport_size(DESKTOP)
    login(page, therapist.email, PASSWORD)
    page.get_by_role("link", name="Library").click()
    assert page.get_by_role("heading", name="Exercise library").is_visible()
    assert_accessible(page)
    page.evaluate("window.__sameDocument = true")

    page.get_by_label("Search").fill("piriformis")
    page.wait_for_url("**/library/?q=piriformis*")
    page.wait_for_load_state("networkidle")

    assert page.evaluate("window.__sameDocument") is True  # swapped in place, not reloaded
    titles = page.locator("article.exercise-card h2").all_inner_texts()
    assert any("piriformis" in t.lower() for t in titles)
    assert len(titles) < 36
    announced = page.locator("#library-announcer").text_content()
    assert f"{len(titles)} exercise" in announced and "piriformis" in announced

    page.get_by_label("Search").fill("")
    page.get_by_label("Safe for").select_option("osteoporosis")
    page.wait_for_url("**safe_for=osteoporosis*")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument") is True
    assert "safe for osteoporosis" in page.locator("#exercise-results").inner_text().lower()
    shoot(page, "library-safe-for-osteoporosis")


def test_exercise_page_animates_and_can_be_paused(
    page, live_server, therapist, shipped_library, login, assert_accessible, shoot
):
    page.set_viewport_size(TABLET)
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/library/ais-straight-leg-hamstring/")
    svg = "document.querySelector('#exercise-animation svg')"

    first = page.evaluate(f"{svg}.getCurrentTime()")
    page.wait_for_timeout(400)
    assert page.evaluate(f"{svg}.getCurrentTime()") > first
    assert page.locator("#exercise-animation animate").count() > 0
    assert page.locator("img[src*='picture/start.svg']").evaluate("img => img.naturalWidth") > 0
    assert_accessible(page)
    shoot(page, "library-exercise-tablet")

    page.get_by_role("button", name="Pause the moving picture").click()
    assert page.evaluate(f"{svg}.animationsPaused()") is True


def test_reduced_motion_shows_still_pictures_only(
    browser, live_server, therapist, shipped_library, login
):
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/library/ais-straight-leg-hamstring/")

    assert not page.locator("#exercise-animation").is_visible()
    assert page.locator("img[src*='picture/end.svg']").is_visible()
    assert page.evaluate("document.querySelector('#exercise-animation svg').animationsPaused()")
    context.close()


def test_edit_form_is_accessible_and_adds_precaution_rows(
    page, live_server, therapist, shipped_library, login, assert_accessible
):
    page.set_viewport_size(DESKTOP)
    login(page, therapist.email, PASSWORD)
    page.goto(f"{live_server.url}/library/glute-bridge/edit/")
    assert_accessible(page)
    rows = page.locator("#rules-rows tr")
    before = rows.count()

    page.get_by_role("button", name="Add another precaution").click()

    assert rows.count() == before + 1
    assert page.locator("#id_rules-TOTAL_FORMS").input_value() == str(before + 1)
