"""Render a published revision to a PDF handout, once, and keep it.

`render_handout` is the one entry point (the download views and `manage.py render_handout` both
call it). It works out a cache key from everything the PDF depends on, returns the stored
`HandoutFile` when that key has been rendered before, and otherwise renders through WeasyPrint
with the deny-by-default fetcher, stores the result under handouts/ in the default storage, and
(after commit) deletes the files it supersedes (see pruning.py). When the file cannot be stored
(the media disk is full), it raises `HandoutNotStored` with the rendered PDF, so the download is
served anyway and nothing half-written is kept; the next request renders and stores it again.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from clinic.languages import patient_language
from clinic.models import ClinicProfile, Patient
from programs.models import HandoutFile, ProgramRevision

from .content import Assets, handout_context
from .fetcher import HandoutURLFetcher
from .keys import STYLESHEET, UA_STYLESHEET, handout_key
from .pruning import prune_superseded_on_commit

if TYPE_CHECKING:
    # WeasyPrint is imported where a handout is rendered, not when the URLs are loaded: it
    # costs most of a second, and most processes (and requests) never render one.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

logger = logging.getLogger(__name__)

TEMPLATE = "programs/handouts/handout.html"

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
DEFAULT_PAPER = "letter"

# One FontConfiguration and one parsed stylesheet per process: fonts are found and the CSS is
# parsed once, then reused by every render. WeasyPrint's font configuration is not safe to share
# between threads rendering at the same time, so renders in one process take turns.
_render_lock = threading.Lock()
_font_config: FontConfiguration | None = None
_stylesheets: dict[str, list[CSS]] = {}
_html_class = None

# The templates' indentation between tags: a line break and spaces that HTML would collapse to
# nothing or one space between blocks. Dropping it leaves WeasyPrint fewer text boxes to make
# and lay out. Only runs that hold a line break go, so a space typed between two inline tags on
# one line ("<b>Take care:</b> <span>") stays; user text is escaped, so it holds no tags.
_LAYOUT_WHITESPACE = re.compile(r">[ \t]*\n\s*<")


class HandoutError(ValueError):
    """The handout cannot be made with these options."""


class HandoutNotStored(Exception):
    """The handout was rendered but its file could not be stored (a full disk, say). `pdf` is
    the rendered PDF, to serve this once; `handout` is the unsaved row (key, options, size).
    Nothing was kept: no row and no partial file."""

    def __init__(self, *, handout: HandoutFile, pdf: bytes):
        super().__init__(f"Handout {handout.key} rendered but not stored.")
        self.handout = handout
        self.pdf = pdf


@dataclass
class RenderedHandout:
    pdf: bytes
    pages: int
    fetcher: HandoutURLFetcher  # what the render asked for, and what it was refused


def _stylesheets_for(paper: str) -> list[CSS]:
    """The parsed stylesheets for a paper size, made once per process (call under the lock)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    if paper not in _stylesheets:
        fetcher = HandoutURLFetcher()
        _stylesheets[paper] = [
            CSS(filename=STYLESHEET, font_config=_font_config, url_fetcher=fetcher),
            # Our own constant, never user text.
            CSS(
                string=f"@page {{ size: {PAPER_SIZES[paper]}; }}",
                font_config=_font_config,
                url_fetcher=fetcher,
            ),
        ]
    return _stylesheets[paper]


def render_handout_html(
    *,
    revision: ProgramRevision,
    patient: Patient,
    clinic: ClinicProfile,
    paper: str = DEFAULT_PAPER,
    large_print: bool = False,
    precaution_tags: list[str] | None = None,
    dense_cards: frozenset[int] = frozenset(),
    language: str | None = None,
    bilingual: bool = False,
) -> tuple[str, HandoutURLFetcher]:
    """The handout's HTML and the fetcher that may serve exactly its pictures, in `language`
    (the patient's language when not given), with English beside it when `bilingual`."""
    assets = Assets()
    language = language or patient_language(patient)
    with translation.override(language):
        context = handout_context(
            revision=revision,
            patient=patient,
            clinic=clinic,
            paper=paper,
            large_print=large_print,
            dense_cards=dense_cards,
            assets=assets,
            precaution_tags=(
                patient.precaution_tags() if precaution_tags is None else precaution_tags
            ),
            language=language,
            bilingual=bilingual,
        )
        html = _LAYOUT_WHITESPACE.sub("><", render_to_string(TEMPLATE, context))
    logo = [clinic.logo.name] if clinic.logo else []
    return html, HandoutURLFetcher(assets=assets.files, media_names=logo)


def render_handout_pdf(
    *,
    revision: ProgramRevision,
    patient: Patient | None = None,
    clinic: ClinicProfile | None = None,
    paper: str = DEFAULT_PAPER,
    large_print: bool = False,
    precaution_tags: list[str] | None = None,
    language: str | None = None,
    bilingual: bool = False,
) -> RenderedHandout:
    """Render the PDF now, without storing it. Most callers want `render_handout`.

    The handout is in `language`, by default the patient's (`clinic.languages`)."""
    if paper not in PAPER_SIZES:
        raise HandoutError(f"Unknown paper size {paper!r}; use one of {sorted(PAPER_SIZES)}.")
    patient = patient or revision.program.patient
    clinic = clinic or ClinicProfile.load()
    options = {
        "revision": revision,
        "patient": patient,
        "clinic": clinic,
        "paper": paper,
        "large_print": large_print,
        "precaution_tags": precaution_tags,
        "language": language or patient_language(patient),
        "bilingual": bilingual,
    }
    html, fetcher = render_handout_html(**options)
    with _render_lock:
        document = _layout(html, fetcher, paper)
        # Large print gives each exercise its own page. The few cards whose text runs over it
        # (a long note, several cautions) are set again a size smaller, so the patient never
        # has to turn the page in the middle of an exercise. Costs a second layout only then.
        split = split_cards(document) if large_print else frozenset()
        if split:
            html, fetcher = render_handout_html(**options, dense_cards=split)
            document = _layout(html, fetcher, paper)
        pdf = document.write_pdf()
    return RenderedHandout(pdf=pdf, pages=len(document.pages), fetcher=fetcher)


def handout_html_class():
    """WeasyPrint's HTML document with the handout's own user-agent stylesheet.

    WeasyPrint matches every element against its full HTML5 user-agent sheet (hundreds of
    rules for forms, frames, right-to-left text, ...); handout_ua.css keeps only what our
    templates use. WeasyPrint has no public option for this: `_ua_stylesheets` is the method
    its own test suite overrides. The version is pinned in requirements.txt, and
    tests/programs/test_handout_ua.py fails if an upgrade stops calling it.
    """
    global _html_class
    if _html_class is None:
        from weasyprint import CSS, HTML

        ua = [CSS(filename=UA_STYLESHEET)]

        class HandoutHTML(HTML):
            def _ua_stylesheets(self, forms=False):
                return ua

        _html_class = HandoutHTML
    return _html_class


def _layout(html: str, fetcher: HandoutURLFetcher, paper: str):
    # Only our own stylesheets and no attachments; nothing in the HTML can add either, because
    # every value in it was escaped by the template.
    html_class = handout_html_class()
    return html_class(string=html, url_fetcher=fetcher, media_type="print").render(
        font_config=_font_config, stylesheets=_stylesheets_for(paper), attachments=[]
    )


def split_cards(document) -> frozenset[int]:
    """The numbers of the exercise cards that start on one page and end on another, read from
    the anchors (`card-N` on the card's head, `card-N-end` after its last line)."""
    page_of = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    return frozenset(
        int(anchor.removeprefix("card-"))
        for anchor, page in page_of.items()
        if re.fullmatch(r"card-\d+", anchor) and page_of.get(f"{anchor}-end", page) != page
    )


def render_handout(
    *,
    revision: ProgramRevision,
    paper: str = DEFAULT_PAPER,
    large_print: bool = False,
    bilingual: bool = False,
) -> HandoutFile:
    """The stored handout of this revision with these options, rendering it only if needed.

    It is in the patient's language; `bilingual` adds English beside it (an English-speaking
    patient's handout is the same either way, and stored once)."""
    if paper not in PAPER_SIZES:
        raise HandoutError(f"Unknown paper size {paper!r}; use one of {sorted(PAPER_SIZES)}.")
    patient = revision.program.patient
    clinic = ClinicProfile.load()
    tags = patient.precaution_tags()
    language = patient_language(patient)
    bilingual = bool(bilingual) and language != "en"
    key = handout_key(
        revision=revision,
        patient=patient,
        clinic=clinic,
        paper=paper,
        large_print=large_print,
        precaution_tags=tags,
        language=language,
        bilingual=bilingual,
    )
    stored = HandoutFile.objects.filter(key=key).first()
    if stored is not None and stored.file.storage.exists(stored.file.name):
        return stored

    rendered = render_handout_pdf(
        revision=revision,
        patient=patient,
        clinic=clinic,
        paper=paper,
        large_print=large_print,
        precaution_tags=tags,
        language=language,
        bilingual=bilingual,
    )
    handout = stored or HandoutFile(
        revision=revision, key=key, paper=paper, large_print=large_print, bilingual=bilingual
    )
    handout.size = len(rendered.pdf)
    handout.pages = rendered.pages
    # The name the file will be written under, worked out before writing: a write that fails
    # halfway (no space left) leaves a partial file there, which must not be kept.
    field = handout.file.field
    name = field.storage.get_available_name(
        field.generate_filename(handout, f"{key}.pdf"), max_length=field.max_length
    )
    try:
        handout.file.save(f"{key}.pdf", ContentFile(rendered.pdf), save=False)
    except OSError as error:
        _delete_partial(field.storage, name)
        logger.error("Handout %s rendered but not stored: %s", key, error)
        raise HandoutNotStored(handout=handout, pdf=rendered.pdf) from error
    try:
        with transaction.atomic():
            handout.save()
    except IntegrityError:
        # Another request stored the same key while this one rendered: theirs is identical.
        handout.file.delete(save=False)
        return HandoutFile.objects.get(key=key)
    # The files this one replaces (same revision and options, older inputs) are never asked
    # for again: delete them once this row is committed.
    prune_superseded_on_commit(handout=handout)
    return handout


def _delete_partial(storage, name: str) -> None:
    """Remove what a failed write left under `name` (if deleting fails too, the orphan sweep in
    pruning.py removes it later)."""
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        logger.exception("Could not delete the partial handout file %s.", name)
