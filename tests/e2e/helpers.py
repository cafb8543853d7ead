"""Small steps the browser journeys share: answering questions by their visible wording."""

import re
from io import BytesIO
from pathlib import Path

from playwright.sync_api import Download, Page, expect
from pypdf import PdfReader


def answer_all(page: Page, value: str) -> None:
    """Tick `value` for every radio group on the page that has that choice."""
    for radio in page.locator(f'input[type="radio"][value="{value}"]').all():
        radio.check()


def answer(page: Page, question: str, choice: str) -> None:
    """Pick `choice` in the radio group whose visible question starts with `question`."""
    group = page.get_by_role("group", name=re.compile("^" + re.escape(question)))
    group.get_by_role("radio", name=choice, exact=True).check()


def save_and_continue(page: Page, next_title: str | None = None) -> None:
    """Press the section's "Save and continue" button and wait for the next page."""
    page.get_by_role("button", name=re.compile("^Save and continue")).click()
    if next_title:
        expect(page.get_by_role("heading", level=1, name=next_title)).to_be_visible()


HANDOUTS = Path(__file__).resolve().parents[2] / "artifacts" / "handouts"


def pdf_text(download: Download, *, keep_as: str) -> str:
    """The text of a downloaded PDF, after checking that it is one. A copy is kept as
    artifacts/handouts/<keep_as> (gitignored) for a person to look at."""
    HANDOUTS.mkdir(parents=True, exist_ok=True)
    download.save_as(HANDOUTS / keep_as)
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-"), f"{download.suggested_filename} is not a PDF"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def open_log_out(page: Page):
    """The "Log out" button, visible: on a phone it sits in the account menu behind "Show menu".

    Each menu is opened only once it is known to be closed, and the next step waits for the one
    before it (the navbar's collapse animates, and a click on the account menu during it can be
    lost on a busy machine); a menu that did not open (a click
    lost while the page was still busy with a download, say) is tried again."""
    button = page.get_by_role("button", name="Log out")
    for _attempt in range(3):
        if button.is_visible():
            return button
        try:
            menu = page.get_by_role("button", name="Show menu")
            if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
                menu.click()
                expect(menu).to_have_attribute("aria-expanded", "true", timeout=3_000)
            account = page.get_by_role("button", name=re.compile("account menu$"))
            if account.get_attribute("aria-expanded") != "true":
                account.click()
            expect(button).to_be_visible(timeout=5_000)
        except AssertionError:
            continue
    expect(button).to_be_visible()
    return button
