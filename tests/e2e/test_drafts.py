"""Form drafts (static/js/session.js): what was typed survives a session that ended, and only
then is it 'put back'."""

import time

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

RESTORED = "We put back what you had typed before you were logged out"


def test_a_form_sent_after_the_session_ended_is_put_back_after_logging_in(
    page, live_server, admin, login
):
    page.set_viewport_size(DESKTOP)
    login(page, admin.email, PASSWORD)
    page.goto(live_server.url + reverse("clinic:staff-create"))
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Okoye")
    # The session ends while the form is open (the CSRF cookie stays, as it does then).
    kept = [c for c in page.context.cookies() if c["name"] != settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies(kept)
    page.get_by_role("button", name="Add and send email").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(RESTORED)).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Robin")
    expect(page.get_by_label("Last name")).to_have_value("Okoye")


def test_a_form_sent_at_once_and_shown_again_with_an_error_says_nothing_of_a_logout(
    page, live_server, admin, login
):
    page.set_viewport_size(DESKTOP)
    login(page, admin.email, PASSWORD)
    url = live_server.url + reverse("clinic:staff-create")
    page.goto(url)

    # The server takes a moment to answer, so the typing pause (400 ms) ends before the page
    # that comes back: it must not save over the draft that was sent.
    def slow(route):
        time.sleep(0.8)
        route.continue_()

    page.route(
        url, lambda route: slow(route) if route.request.method == "POST" else route.continue_()
    )
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Add and send email").click()
    expect(page.get_by_text("Enter a valid email address")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Robin")  # kept by the server
    page.wait_for_timeout(300)
    expect(page.get_by_text(RESTORED)).to_have_count(0)
