"""Every word a reader sees in a template sits inside a translate tag.

A simple scan: the template's literal text (Django's own lexer splits it from the tags and
variables), read as HTML; each text node, and each attribute a reader sees or hears (title,
placeholder, aria-label, alt), must have no words left once translated tags, variables,
punctuation, numbers and a few names that stay the same in every language are taken out.
Script and style content is not text a reader sees.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)

# Words that read the same in every language: our name, and the names of measures and codes.
ALLOWED = {
    "Restore",
    "NPRS",
    "ODI",
    "NDI",
    "PSFS",
    "LEFS",
    "QuickDASH",
    "DASH",
    "FABQ",
    "PHQ",
    "GAD",
    "PDF",
    "CSV",
    "FHIR",
    "JSON",
    "MRN",
    "ROM",
    "MMT",
    "SLR",
    "ULTT",
    "L",
    "R",
}
SEEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-confirm")
MARK = " "  # stands in for a tag or a variable in the scanned text (keeps HTML tags whole)
_WORD = re.compile(r"[^\W\d_]+")
# A filter that prints its own argument: {{ x|default:"not recorded" }} needs _("...").
_PRINTED_ARGUMENT = re.compile(r"\|(?:default|default_if_none|yesno):(\"[^\"]*\"|'[^']*')")


class _TextNodes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in SEEN_ATTRIBUTES and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.found.append(data)


def _literal_text(source: str) -> str:
    """The template with every tag and variable replaced by MARK, translated blocks dropped."""
    parts = []
    hidden = None  # the end tag of the block being skipped (comment, blocktranslate)
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        if hidden:
            if token.token_type == TokenType.BLOCK and contents.split()[0] == hidden:
                hidden = None
            parts.append(MARK)
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = contents.split()[0] if contents else ""
            if name in ("blocktranslate", "blocktrans"):
                hidden = "end" + name
            elif name == "comment":
                hidden = "endcomment"
            elif name == "block" and contents.endswith("class"):
                hidden = "endblock"  # a CSS class for the page, not text
        parts.append(MARK)
    return "".join(parts)


def unmarked_text(path: Path) -> list[str]:
    """The visible texts of a template that still hold words outside translate tags."""
    source = path.read_text()
    parser = _TextNodes()
    parser.feed(_literal_text(source))
    parser.close()
    unmarked = [
        argument.strip("\"'")
        for token in Lexer(source).tokenize()
        if token.token_type == TokenType.VAR
        for argument in _PRINTED_ARGUMENT.findall(token.contents)
        if _WORD.search(argument) and argument.strip("\"'") not in ("true,false", "false,true")
    ]
    for text in parser.found:
        words = [word for word in _WORD.findall(text) if word not in ALLOWED]
        if words:
            unmarked.append(" ".join(text.split()))
    return unmarked


def _report(folders: list[str], excluded: tuple[str, ...] = ()) -> list[str]:
    problems = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.html")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(excluded):
                continue
            problems += [f"{relative}: {text!r}" for text in unmarked_text(path)]
    return problems


def test_scan_finds_words_outside_translate_tags(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "{% load i18n %}<h1>{% translate 'Staff' %}</h1>"
        "<p>{% blocktranslate trimmed with n=count %}{{ n }} patients{% endblocktranslate %}</p>"
        "{# a comment #}{% comment %}Not shown{% endcomment %}<script>var x = 'word';</script>"
        '<a href="{% url "x" %}" title="Open">{{ name }} · 12</a><span>NPRS: 4/10</span>'
        '<button data-confirm="Sure?">Save now</button>'
        '{{ x|default:"none" }}{{ y|default:_("none") }}'
        '<i aria-hidden="{{ z|yesno:"true,false" }}"></i>'
    )
    assert unmarked_text(page) == ["none", "Open", "Sure?", "Save now"]


def test_clinic_staff_pages_are_marked():
    """templates/clinic (marker A's folders; self-service and questionnaires are checked by
    the completeness test)."""
    problems = _report(
        ["templates/clinic"],
        excluded=("templates/clinic/selfservice/", "templates/clinic/questionnaires/"),
    )
    assert not problems, "Text outside translate tags:\n" + "\n".join(problems)


def test_programs_pages_interop_and_demo_staff_pages_are_marked():
    """templates/programs, pages, interop and demo (marker B's folders; the handouts are the
    patient's, checked by the completeness test)."""
    problems = _report(
        ["templates/programs", "templates/pages", "templates/interop", "templates/demo"],
        excluded=("templates/programs/handouts/",),
    )
    assert not problems, "Text outside translate tags:\n" + "\n".join(problems)
