"""Checks over every template file."""

from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[1] / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_no_comment_tag_runs_over_a_line(path):
    """Django's {# #} comments end at the line's end: one left open is printed on the page."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        assert line.count("{#") == line.count("#}"), f"{path.name}:{number}: use {{% comment %}}"
