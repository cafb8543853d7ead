"""A patient cannot reach another patient's program, and nothing private survives logging out:
not even behind the browser's back button.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, SIZES
from tests.e2e.helpers import open_log_out, pdf_text
from tests.factories import PASSWORD, published_program

pytestmark = pytest.mark.django_db(transaction=True)


def other_patients_addresses(program) -> list[str]:
    """The addresses of the other patient's program a patient might paste: the portal page and
    the printable PDF (of the program, and of its published version)."""
    return [
        reverse("programs:portal-program", kwargs={"uuid": program.uuid}),
        reverse("programs:handout-pdf", kwargs={"uuid": program.uuid}),
        reverse("programs:revision-handout-pdf", kwargs={"uuid": program.current_revision.uuid}),
    ]


def test_patient_cannot_open_another_patients_program_and_logout_hides_everything(
    page,
    live_server,
    patient,
    patient_record,
    other_patient_record,
    login,
    assert_accessible,
    shoot,
):
    mine = published_program(patient=patient_record, items=2, title="Pat's evening routine")
    theirs = published_program(
        patient=other_patient_record, items=2, title="Olive's private routine"
    )
    page.set_viewport_size(PHONE)
    login(page, patient.email, PASSWORD)
    expect(page.get_by_role("heading", level=1, name=mine.title)).to_be_visible()
    program_url = page.url

    # Pasting the other patient's addresses: the same not-found page as a made-up address.
    for address in other_patients_addresses(theirs):
        response = page.goto(f"{live_server.url}{address}")
        assert response.status == 404, address
        expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
        expect(page.get_by_text("Olive")).to_have_count(0)
        expect(page.get_by_text(theirs.title)).to_have_count(0)
    assert_accessible(page)
    shoot(page, "privacy-not-found", SIZES)

    # Back to her own program, then log out from the menu.
    with page.expect_response(program_url) as program_page:
        page.get_by_role("link", name="Go to your start page").click()
    expect(page.get_by_role("heading", level=1, name=mine.title)).to_be_visible()
    assert "no-store" in program_page.value.headers["cache-control"]
    # Her own handout downloads: the not-found answers above are about whose it is. From a
    # second tab of the same session, so that the logout below starts from a page that has
    # done nothing but show her program (twice on CI's loaded machine, the menu of the page
    # the download started from did not open in three tries over 25 s; alone it always does).
    handout_tab = page.context.new_page()
    handout_tab.goto(program_url)
    with handout_tab.expect_download(timeout=60_000) as handout:  # a first download renders it
        handout_tab.get_by_role("link", name="Download the printable handout (PDF)").click(
            timeout=60_000
        )
    assert handout.value.suggested_filename == "rivera-home-program-v1.pdf"
    assert mine.title in pdf_text(handout.value, keep_as="privacy-own-handout.pdf")
    handout_tab.close()
    page.bring_to_front()
    open_log_out(page).click()
    # Logging out first sends anything kept offline (static/js/offline.js): give it time.
    expect(page.get_by_role("heading", name="Log in")).to_be_visible(timeout=15_000)

    # The back button asks the server again (no-store; the session cookie's Vary would do it
    # in Chromium as well), and the server sends her to the login page.
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.go_back()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert program_url in requested
    assert "/accounts/login/" in page.url
    expect(page.get_by_text(mine.title)).to_have_count(0)
    expect(page.get_by_text("Rivera")).to_have_count(0)
    assert_accessible(page)
    shoot(page, "privacy-after-logout-back", SIZES)
