"""Small steps the browser journeys share: answering questions by their visible wording."""

import re

from playwright.sync_api import Page, expect


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
