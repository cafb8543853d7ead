"""Small template helpers for the patient portal."""

import re

from django import template

from programs.services import parse_iso_date

register = template.Library()


@register.filter
def tel_href(phone: str) -> str:
    """'(617) 555-0142' -> 'tel:+16175550142' for a tap-to-call link (US numbers get +1)."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if digits else ""


# Snapshot dates are ISO strings: `{{ snapshot.review_date|parse_iso_date|date:"j F Y" }}`.
register.filter("parse_iso_date", parse_iso_date)


@register.filter
def pain_band(value: int | None) -> str:
    """A CSS modifier for a 0–10 pain score: low, mid or high."""
    if value is None:
        return ""
    return "low" if value <= 3 else "mid" if value <= 6 else "high"
