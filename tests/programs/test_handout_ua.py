"""The handout's own user-agent stylesheet (static/css/handout_ua.css) and the WeasyPrint hook
that passes it: a private method, so an upgrade that stops calling it must fail here."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from programs.handouts import render as handout_render
from programs.handouts.keys import UA_STYLESHEET

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "programs" / "handouts"
# Plain inline elements: the initial values are theirs, so the sheet needs no line for them.
NO_UA_RULES = {"span"}


def test_weasyprint_is_the_pinned_version_the_hook_was_written_for():
    import weasyprint

    requirements = (Path(settings.BASE_DIR) / "requirements.txt").read_text()
    pinned = re.search(r"^weasyprint==([\d.]+)$", requirements, re.MULTILINE)
    assert pinned, "requirements.txt must pin WeasyPrint to one version (render.py's UA hook)"
    assert weasyprint.__version__ == pinned.group(1)


def test_every_tag_the_handout_templates_use_has_a_line_in_the_ua_sheet():
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"<([a-z][a-z0-9]*)", template.read_text()))
    sheet = UA_STYLESHEET.read_text()
    listed = set(re.findall(r"(?<![\w.#-])([a-z][a-z0-9]*)(?=\s*[,{])", sheet))
    assert used - NO_UA_RULES <= listed, (
        f"add to handout_ua.css: {sorted(used - NO_UA_RULES - listed)}"
    )


def test_weasyprint_asks_the_handout_document_for_its_ua_sheet(monkeypatch):
    """The override is used: WeasyPrint calls `_ua_stylesheets` and gets only ours."""
    html_class = handout_render.handout_html_class()
    calls = []
    original = html_class._ua_stylesheets

    def spy(self, *args, **kwargs):
        sheets = original(self, *args, **kwargs)
        calls.append(sheets)
        return sheets

    monkeypatch.setattr(html_class, "_ua_stylesheets", spy)
    document = html_class(string="<h2 id=a>Title</h2><p>Text</p>").render()
    assert len(calls) == 1 and len(calls[0]) == 1
    # Our sheet's rules took effect: h2 is bold, 1.5em, and makes a PDF bookmark.
    label, *_ = document.make_bookmark_tree()[0]
    assert label == "Title"
    assert "a" in document.pages[0].anchors


@pytest.mark.parametrize("tag", ["head", "title", "meta"])
def test_document_head_is_not_drawn(tag):
    assert re.search(rf"\b{tag}\b[^{{]*{{ display: none", UA_STYLESHEET.read_text())
