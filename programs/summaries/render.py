"""Render a progress or discharge summary to a one-page PDF, the way handouts are rendered.

The same safe path as `programs.handouts.render`: a Django template with autoescaping on (every
value in it is escaped, so nothing a patient or clinician typed becomes markup), our one
stylesheet passed by the renderer (the template links none), and the handout's deny-by-default
`HandoutURLFetcher`, allowed exactly the clinic logo. WeasyPrint is imported here, and this
module only by the view that renders, so loading the URLs never pays for it.

Summaries are rendered on request (a fraction of a second) and not stored: each one reflects
the record at the moment it is asked for.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from programs.handouts.fetcher import HandoutURLFetcher, media_url

from .content import Summary

TEMPLATE = "programs/summaries/summary.html"
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "summary.css"

# One font configuration and parsed stylesheet per process, used by one render at a time
# (WeasyPrint's font configuration is not safe to share between threads rendering at once).
_lock = threading.Lock()
_cache: dict = {}


@dataclass
class RenderedSummary:
    pdf: bytes
    pages: int
    fetcher: HandoutURLFetcher
    compact: bool  # set a size smaller to fit the page
    trimmed: bool  # with fewer rows and shorter notes too (Summary.trimmed)


def summary_html(summary: Summary, *, compact: bool = False) -> tuple[str, HandoutURLFetcher]:
    """The summary's HTML and the fetcher that may serve exactly its logo."""
    clinic = summary.clinic
    logo = clinic.logo.name if clinic.logo else ""
    html = render_to_string(
        TEMPLATE,
        {"summary": summary, "logo_url": media_url(logo) if logo else "", "compact": compact},
    )
    return html, HandoutURLFetcher(media_names=[logo] if logo else [])


def _stylesheets():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    if "fonts" not in _cache:
        _cache["fonts"] = FontConfiguration()
        _cache["css"] = [
            CSS(
                filename=STYLESHEET,
                font_config=_cache["fonts"],
                url_fetcher=HandoutURLFetcher(),
            )
        ]
    return _cache["fonts"], _cache["css"]


def render_summary_pdf(summary: Summary) -> RenderedSummary:
    """The one-page PDF. A record too full for the usual type size is set again a size
    smaller, and if that is not enough, with fewer rows and shorter notes (each further layout
    costs time only for such a record)."""
    attempts = ((summary, False), (summary, True), (summary.trimmed(), True))
    with _lock:
        for attempt, compact in attempts:
            html, fetcher = summary_html(attempt, compact=compact)
            document = _layout(html, fetcher)
            if len(document.pages) == 1:
                break
        pdf = document.write_pdf()
    return RenderedSummary(
        pdf=pdf,
        pages=len(document.pages),
        fetcher=fetcher,
        compact=compact,
        trimmed=attempt is not summary,
    )


def _layout(html: str, fetcher: HandoutURLFetcher):
    from weasyprint import HTML

    fonts, stylesheets = _stylesheets()
    # Only our stylesheet and no attachments; nothing in the HTML can add either, because every
    # value in it was escaped by the template.
    return HTML(string=html, url_fetcher=fetcher, media_type="print").render(
        font_config=fonts, stylesheets=stylesheets, attachments=[]
    )
