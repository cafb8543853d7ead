"""Small display helpers for program pages built from revision snapshots."""

from datetime import date

from django import template
from django.template.defaultfilters import date as format_date

register = template.Library()


@register.filter
def iso_date(value, fmt: str = "j M Y") -> str:
    """Format a snapshot's "YYYY-MM-DD" string like a date; anything else is shown as is."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)), fmt)
    except ValueError:
        return str(value)
