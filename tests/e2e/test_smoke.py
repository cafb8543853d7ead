"""The login page and each role's start page load in a real browser, accessibly."""

import itertools

import pytest

from tests.demo import seed_demo
from tests.e2e.conftest import DESKTOP, PHONE, TABLET
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_login_page_is_accessible(page, live_server, viewport, assert_accessible, shoot):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", name="Log in").is_visible()
    assert_accessible(page)
    shoot(page, f"login-{viewport['width']}")


def test_clinic_admin_reaches_staff_page_by_the_menu(
    page, live_server, admin, login, assert_accessible
):
    page.set_viewport_size(DESKTOP)
    login(page, admin.email, PASSWORD)
    # The admin's longer menu folds behind its button below 1400 px, as on a laptop.
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("link", name="Staff").click()
    assert page.get_by_role("heading", name="Staff").is_visible()
    assert_accessible(page)


# Pages opened on a phone, a tablet or a desktop: nothing may run off the right edge.
STAFF_PAGES = {
    "maya@restore.example": ["/", "/patients/", "/library/", "/templates/"],
    "admin@restore.example": ["/", "/patients/", "/staff/", "/clinic/", "/audit/"],
}
PATIENT_PHONE_PAGES = ["/portal/progress/", "/accounts/password/change/", "/portal/"]
# What is wider than the screen: the page itself, a visible table that must be scrolled, or a
# label sticking out of its card.
TOO_WIDE = """() => {
    const wide = [document.documentElement.scrollWidth > window.innerWidth ? "the page" : null];
    for (const box of document.querySelectorAll(".table-responsive")) {
        if (box.offsetParent && box.scrollWidth > box.clientWidth + 1) {
            wide.push(box.querySelector("table")?.className || "a table");
        }
    }
    for (const chip of document.querySelectorAll(".card .chip")) {
        const card = chip.closest(".card").getBoundingClientRect();
        if (chip.getBoundingClientRect().right > card.right + 1) wide.push(chip.textContent.trim());
    }
    return wide.filter(Boolean);
}"""


@pytest.mark.django_db(transaction=True)
def test_pages_fit_phone_tablet_and_desktop_with_the_demo_data(page, live_server, login):

    from clinic.models import Intake, Patient

    seed_demo()
    natarajan = Patient.objects.get(last_name="Natarajan")
    intake = Intake.objects.get(patient=natarajan)
    for (email, paths), viewport in itertools.product(
        STAFF_PAGES.items(), (PHONE, TABLET, DESKTOP)
    ):
        page.set_viewport_size(viewport)
        page.context.clear_cookies()
        login(page, email, "restore-demo-2026")
        for path in [*paths, natarajan.get_absolute_url(), intake.get_absolute_url()]:
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            overflow = page.evaluate(TOO_WIDE)
            assert not overflow, f"{email} {path} at {viewport}: too wide: {overflow}"

    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    login(page, "priya@patient.example", "restore-demo-2026")
    for path in PATIENT_PHONE_PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert not page.evaluate(TOO_WIDE), path
    page.get_by_role("link", name="Log today's session").click()
    page.wait_for_load_state("load")
    assert not page.evaluate(TOO_WIDE), page.url


def _outline(page) -> str:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`; }"
    )


@pytest.mark.django_db(transaction=True)
def test_keyboard_focus_is_plain_to_see_and_a_chosen_score_stays_readable(
    page, live_server, therapist, patient_record, login
):
    from django.urls import reverse

    from tests.clinic import intake_data as data

    page.set_viewport_size(DESKTOP)
    login(page, therapist.email, PASSWORD)
    # The menu's links, a button and a checkbox: the 3 px dark-ink outline, not Bootstrap's ring.
    page.get_by_role("link", name="Patients").first.focus()
    assert _outline(page) == "solid 3px rgb(31, 45, 61)"
    page.goto(live_server.url + reverse("clinic:patient-list"))
    page.get_by_role("button", name="Search").focus()
    assert _outline(page) == "solid 3px rgb(31, 45, 61)"
    page.get_by_role("checkbox", name="My patients").focus()
    assert _outline(page) == "solid 3px rgb(31, 45, 61)"

    # A pain score with an error: the chosen number stays white on teal.
    intake = data.start(patient_record, therapist)
    page.goto(
        live_server.url
        + reverse("clinic:intake-section", kwargs={"uuid": intake.uuid, "slug": "pain"})
    )
    least = page.get_by_role("group", name="Back pain at its least in the last 24 hours")
    least.get_by_text("8", exact=True).click()
    worst = page.get_by_role("group", name="Back pain at its worst in the last 24 hours")
    worst.get_by_text("2", exact=True).click()
    page.get_by_role("button", name="Save", exact=True).click()
    chosen = least.locator(".form-check-inline:has(input:checked) .form-check-label")
    assert chosen.evaluate("label => getComputedStyle(label).color") == "rgb(255, 255, 255)"
    assert "is higher than the worst" in least.locator("xpath=..").inner_text()
