"""Display helpers for program pages built from revision snapshots: dates and pictures.

A published revision shows exactly what was prescribed, so its pictures are drawn from the pose
data frozen in the snapshot (``item["exercise"]["figure"]``), never from the live library.
Drawing is a few milliseconds a picture, so each one is cached under a hash of everything that
shapes it (pose data, which picture, size, title and the renderer's own version): a 50-exercise
revision costs one cache round trip, not 100 drawings, and a changed renderer never serves a
stale picture.
"""

import hashlib
import json
import logging
from datetime import date

from django import template
from django.core.cache import cache
from django.template.defaultfilters import date as format_date
from django.utils.safestring import SafeString

from programs import figures, library

register = template.Library()
logger = logging.getLogger(__name__)

PICTURE_SIZE = (320, 240)
PICTURE_KINDS = ("start", "end")
PICTURE_CACHE_SECONDS = 30 * 24 * 60 * 60  # keyed by content: never stale, only evicted


@register.filter
def iso_date(value, fmt: str = "j M Y") -> str:
    """Format a snapshot's "YYYY-MM-DD" string like a date; anything else is shown as is."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)), fmt)
    except ValueError:
        return str(value)


def picture_title(name: str, which: str) -> str:
    position = "Start" if which == "start" else "End"
    return f"{position} position: {name}" if name else f"{position} position"


def picture_cache_key(figure: dict, which: str, size: tuple, title: str) -> str:
    shape = {
        "figure": figure,
        "which": which,
        "size": list(size),
        "title": title,
        "renderer": library._renderer_fingerprint(),
    }
    encoded = json.dumps(shape, sort_keys=True, separators=(",", ":"), default=str).encode()
    return "snapshot-picture:" + hashlib.sha256(encoded).hexdigest()


def has_pictures(figure) -> bool:
    return isinstance(figure, dict) and "start" in figure and "end" in figure


def _draw(figure: dict, which: str, size: tuple, title: str) -> str:
    try:
        return figures.render_svg(figure, which, size=size, title=title)
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError):
        # Pose data that cannot be drawn (hand-edited, say) loses its picture, not the page.
        logger.exception("snapshot picture %r of %r cannot be drawn", which, title)
        return ""


def snapshot_pictures(
    exercises: list[dict], *, size: tuple = PICTURE_SIZE
) -> list[dict[str, SafeString]]:
    """The start and end pictures of each snapshot exercise, as inline SVG.

    One dict per exercise, in order: ``{"start": svg, "end": svg}``, or ``{}`` when the exercise
    has no pose data (or it cannot be drawn). Only our own renderer's output is marked safe: it
    builds every tag itself and XML-escapes all text, including the title.
    """
    wanted: dict[str, tuple[dict, str, str]] = {}
    keys_per_exercise: list[dict[str, str]] = []
    for exercise in exercises:
        figure = exercise.get("figure")
        keys: dict[str, str] = {}
        if has_pictures(figure):
            for which in PICTURE_KINDS:
                title = picture_title(str(exercise.get("name") or ""), which)
                key = picture_cache_key(figure, which, size, title)
                keys[which] = key
                wanted[key] = (figure, which, title)
        keys_per_exercise.append(keys)
    drawn = cache.get_many(list(wanted)) if wanted else {}
    missing = {
        key: _draw(figure, which, size, title)
        for key, (figure, which, title) in wanted.items()
        if key not in drawn
    }
    if missing:
        cache.set_many(missing, PICTURE_CACHE_SECONDS)
        drawn.update(missing)
    return [
        # Reviewed: output of our own pose renderer, which XML-escapes every title.
        {which: SafeString(drawn[key]) for which, key in keys.items() if drawn.get(key)}  # nosec B703
        for keys in keys_per_exercise
    ]
