"""WCAG 2.2 AA across the patient portal, on a 360 × 740 phone with the text at 200 %.

Every portal page a patient can open (home, program, each follow-along page, the log, progress,
reminders, messages, signed-in devices, the record page and the check-in alert a red-flag log
brings up) is checked for:

- reflow (1.4.4, 1.4.10): nothing wider than the screen, so nothing is cut off or needs
  scrolling sideways;
- target size (2.5.8): every control is at least 24 × 24 CSS px, or its 24 px circle touches no
  other control; links inside a sentence are exempt, as the criterion allows;
- non-text contrast (1.4.11): an empty checkbox's or radio's border is at least 3:1 against
  what is behind it;
- axe-core, every WCAG A/AA rule up to 2.2 and axe's best practices, every impact.

The log is filled by keyboard alone, in order, with a focus indicator of at least 3:1 against
the background on every stop; the timer starts and pauses from the keyboard with focus kept.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from clinic.models import ClinicProfile
from tests.e2e.conftest import save_screenshot
from tests.factories import PASSWORD
from tests.programs.portal_helpers import program_with

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"width": 360, "height": 740}


# 200 % text as the patient sets it in the phone's settings: the browser's own default font
# size doubles (not a page zoom), so rem sizes and em media queries follow, as on the phone.
# The CDP session is returned to be kept: once it is let go, the font sizes go back.
def large_text(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    return cdp


# The checks that run in the page (window.wcagChecks), added to every page of the context.
CHECKS = Path(__file__).with_name("wcag_checks.js").read_text()
OVERFLOW = "() => wcagChecks.overflow()"
TARGETS = "() => wcagChecks.targets()"
CHECK_BORDERS = "() => wcagChecks.checkBorders()"
FOCUS = "() => wcagChecks.focus()"
BROKEN_WORDS = "() => wcagChecks.brokenWords()"
COVERED = "() => wcagChecks.covered()"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(animation => animation instanceof CSSTransition)
            .map(animation => animation.finished.catch(() => null)))"""
    )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def page_problems(page) -> list[str]:
    """Everything this module checks on the page as it is now, at 200 % text."""
    root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert root == 32, "the text is not at 200 %"
    problems = []
    overflow = page.evaluate(OVERFLOW)
    if overflow["scrollWidth"] > overflow["clientWidth"]:
        problems.append(
            f"wider than the screen: {overflow['scrollWidth']} > {overflow['clientWidth']} px "
            f"({', '.join(overflow['wide'])})"
        )
    problems += [f"word cut across lines: {w}" for w in page.evaluate(BROKEN_WORDS)]
    problems += [f"text covered: {c}" for c in page.evaluate(COVERED)]
    problems += [f"target under 24 px: {t}" for t in page.evaluate(TARGETS)]
    problems += [f"faint checkbox: {c}" for c in page.evaluate(CHECK_BORDERS)]
    problems += axe_violations(page)
    return problems


def screenshot(page, name: str) -> None:
    """The first screen of the page at 200 % text, under artifacts/screenshots/ (gitignored).
    Not a full-page shot: taking one resets the browser's font sizes to 100 %. Taken only with
    RESTORE_SHOTS=1."""
    save_screenshot(page, name, full_page=False)


@pytest.fixture
def program(patient_record):
    """A program like the demo's: an AIS stretch, then holds, each with its picture; the
    clinic's contact card with addresses as long as the demo clinic's."""
    profile = ClinicProfile.load()
    profile.phone = "(555) 010-2040"
    profile.email = "frontdesk@restore-physiotherapy.example"
    profile.website = "https://harborview-restore-physiotherapy.example/"
    profile.address = "12 Harborview Road\nSuite 4"
    profile.save()
    return program_with(patient_record, items=3, ais=True)


@pytest.fixture
def phone(browser, live_server, login, patient_record):
    context = browser.new_context(viewport=SMALL_PHONE)
    context.add_init_script(CHECKS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    cdp = large_text(context, page)
    login(page, patient_record.user.email, PASSWORD)
    yield page
    cdp.detach()
    context.close()


def portal_pages(program) -> dict[str, str]:
    """Every page of the portal, by a short name (for the screenshots) to its path."""
    kw = {"uuid": program.uuid}
    positions = range(1, len(program.current_revision.snapshot["items"]) + 1)
    return {
        "home": reverse("programs:portal-home"),
        "program": reverse("programs:portal-program", kwargs=kw),
        **{
            f"follow-{n}": reverse("programs:portal-follow", kwargs={**kw, "position": n})
            for n in positions
        },
        "log": reverse("programs:portal-log", kwargs=kw),
        "progress": reverse("programs:portal-progress"),
        "reminders": reverse("programs:portal-reminders"),
        "messages": reverse("clinic:portal-messages"),
        "devices": reverse("clinic:portal-devices"),
        "record": reverse("interop:portal-record"),
    }


def test_every_portal_page_reflows_has_big_targets_firm_borders_and_no_axe_violations(
    phone, live_server, program
):
    problems = {}
    for name, path in portal_pages(program).items():
        phone.goto(live_server.url + path)
        found = page_problems(phone)
        if found:
            problems[path] = found
        screenshot(phone, f"wcag-200pct-{name}")
    assert not problems, "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items()
    )


def test_the_log_with_its_error_messages_passes_at_200_percent(phone, live_server, program):
    phone.goto(live_server.url + reverse("programs:portal-log", kwargs={"uuid": program.uuid}))
    phone.get_by_role("button", name="Save today's log").click()
    phone.wait_for_load_state("networkidle")
    expect(phone.get_by_text("Some answers are missing.")).to_be_visible()
    problems = page_problems(phone)
    screenshot(phone, "wcag-200pct-log-errors")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("answer", "tier"),
    [
        ("Any new trouble peeing, or leaking?", "E"),
        ("Fever, chills or night sweats, or feeling generally unwell?", "U"),
    ],
)
def test_the_check_in_alert_pages_pass_at_200_percent(phone, live_server, program, answer, tier):
    phone.goto(live_server.url + reverse("programs:portal-log", kwargs={"uuid": program.uuid}))
    phone.get_by_label(answer).check()
    phone.get_by_role("button", name="Save today's log").click()
    phone.wait_for_load_state("networkidle")
    expect(phone.locator(f".tier-{tier}-alert")).to_be_visible()
    problems = page_problems(phone)
    screenshot(phone, f"wcag-200pct-check-in-alert-{tier}")
    assert not problems, "\n".join(problems)
    # The focus ring shows on the red panel too (white there).
    faint = [f"{s['name']}: {s['why']}" for s in tab_through(phone) if not s["ok"]]
    assert not faint, "focus not visible at 3:1:\n" + "\n".join(faint)


def tab_through(page, limit: int = 200) -> list[dict]:
    """Press Tab until focus leaves the page or comes round again; the focus report per stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop["name"] == "body" or (stops and stop["name"] == stops[0]["name"]):
            break
        stops.append(stop)
    return stops


def test_the_log_is_filled_by_keyboard_in_order_with_a_visible_focus(
    phone, live_server, program, patient_record
):
    phone.goto(live_server.url + reverse("programs:portal-log", kwargs={"uuid": program.uuid}))
    form_order = phone.evaluate(
        """() => Array.from(document.querySelectorAll('form.log-form input:not([type=hidden]),'
                 + 'form.log-form textarea, form.log-form button'))
              .filter(el => el.getClientRects().length)
              .map(el => el.type === 'radio' ? 'radio:' + el.name : el.id || el.name || el.type)"""
    )
    stops = tab_through(phone)
    faint = [f"{s['name']}: {s['why']}" for s in stops if not s["ok"]]
    assert not faint, "focus not visible at 3:1:\n" + "\n".join(faint)
    # Every field of the log, in the order it reads; a radio group is one Tab stop (the arrow
    # keys move inside it).
    wanted = [key for n, key in enumerate(form_order) if n == 0 or key != form_order[n - 1]]
    reached = [s["key"] for s in stops if s["inLog"]]
    assert reached == wanted

    # Filled without a mouse: arrows choose within a group, Space ticks, Enter sends.
    phone.locator("form.log-form input[name=back_pain]").first.focus()
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    expect(phone.locator("form.log-form input[name=back_pain]:checked")).to_have_value("2")
    phone.locator("form.log-form input[name=leg_pain]").first.focus()
    phone.keyboard.press("ArrowRight")
    expect(phone.locator("form.log-form input[name=leg_pain]:checked")).to_have_value("1")
    phone.locator("form.log-form input[name=leg_symptoms]").first.focus()
    phone.keyboard.press("Space")
    box = phone.locator("form.log-form input[name=exercises_done]").first
    box.focus()
    phone.keyboard.press("Space")
    expect(box).to_be_checked()
    none = phone.locator("#id_none_of_these")
    none.focus()
    phone.keyboard.press("Space")
    expect(none).to_be_checked()
    phone.get_by_role("button", name="Save today's log").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Saved — thank you.")).to_be_visible()
    assert patient_record.session_logs.count() == 1


def test_the_timer_starts_and_pauses_from_the_keyboard_with_focus_kept(phone, live_server, program):
    phone.clock.install()
    follow = reverse("programs:portal-follow", kwargs={"uuid": program.uuid, "position": 2})
    phone.goto(live_server.url + follow)
    stops = tab_through(phone)
    faint = [f"{s['name']}: {s['why']}" for s in stops if not s["ok"]]
    assert not faint, "focus not visible at 3:1:\n" + "\n".join(faint)
    start = phone.locator("[data-action=start]")
    start.focus()
    phone.keyboard.press("Enter")
    expect(start).to_have_accessible_name("Pause")
    phone.clock.run_for(2_000)
    assert phone.evaluate(FOCUS)["ok"]
    expect(start).to_be_focused()
    phone.keyboard.press("Space")
    expect(start).to_have_accessible_name("Resume")
    expect(start).to_be_focused()
