"""Display helpers for program pages built from revision snapshots: dates and pictures.

A published revision shows exactly what was prescribed, so its pictures are drawn from the pose
data frozen in the snapshot (``item["exercise"]["figure"]``), never from the live library.
They come from the pictures' one cache (`programs.figures.figure_svgs`): a 50-exercise revision
costs one cache round trip, not 100 drawings, and a changed renderer never serves a stale picture.
"""

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from programs import figures
from programs.services import parse_iso_date
from programs.translations import exercise_name

register = template.Library()

PICTURE_SIZE = (320, 240)
PICTURE_KINDS = ("start", "end")


@register.filter
def display_date(value, fmt: str = "j M Y") -> str:
    """A snapshot's "YYYY-MM-DD" string shown as a date; anything else is shown as is."""
    if not value:
        return ""
    parsed = parse_iso_date(value)
    return format_date(parsed, fmt) if parsed else str(value)


def picture_title(name: str, which: str) -> str:
    """The picture's title (what a screen reader says), in the active language."""
    if which == "start":
        return (
            gettext("Start position: %(name)s") % {"name": name}
            if name
            else gettext("Start position")
        )
    return gettext("End position: %(name)s") % {"name": name} if name else gettext("End position")


def has_pictures(figure) -> bool:
    return isinstance(figure, dict) and "start" in figure and "end" in figure


def snapshot_pictures(
    exercises: list[dict], *, size: tuple = PICTURE_SIZE
) -> list[dict[str, SafeString]]:
    """The start and end pictures of each snapshot exercise, as inline SVG.

    One dict per exercise, in order: ``{"start": svg, "end": svg}``, or ``{}`` when the exercise
    has no pose data (or it cannot be drawn). Only our own renderer's output is marked safe: it
    builds every tag itself and XML-escapes all text, including the title.
    """
    wanted: list[tuple[dict, str, tuple, str]] = []
    owners: list[tuple[int, str]] = []  # (exercise index, which) of each wanted picture
    for n, exercise in enumerate(exercises):
        figure = exercise.get("figure")
        if has_pictures(figure):
            for which in PICTURE_KINDS:
                name = exercise_name(exercise, get_language() or "en")
                title = picture_title(str(name or ""), which)
                wanted.append((figure, which, size, title))
                owners.append((n, which))
    pictures: list[dict[str, SafeString]] = [{} for _ in exercises]
    for (n, which), svg in zip(owners, figures.figure_svgs(wanted), strict=True):
        if svg:
            # Reviewed: output of our own pose renderer, which XML-escapes every title.
            pictures[n][which] = SafeString(svg)  # nosec B703
    return pictures
