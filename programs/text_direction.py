"""Which way a piece of typed text reads, for printed pages.

Browsers work out `dir="auto"` from the first letter; WeasyPrint does not, so the PDFs (handouts,
summaries) say `dir="rtl"` themselves where a name or note starts with a right-to-left letter.
"""

import unicodedata


def text_direction(text: str) -> str:
    """ "rtl" when the first letter of `text` is written right to left (Arabic, Hebrew, ...),
    else "auto" (digits and punctuation decide nothing; a browser reading "auto" agrees)."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "auto"
    return "auto"
