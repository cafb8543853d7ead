"""Exercise pictures as the rest of the app gets them: drawn once, then served from the cache.

Every page, the portal and the PDF handout ask for pictures here, never the renderer itself, so
there is one cache and one renderer version. A picture is cached under a hash of everything that
shapes it: the pose data, which picture, its size, its title and `RENDERER_VERSION` (a hash of
every module of this package). Change any of them and the key changes, so a cached picture is
never stale and nothing ever needs clearing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from django.core.cache import cache

from . import svg
from .validate import FigureError

logger = logging.getLogger(__name__)

PICTURE_KINDS = ("start", "end", "animated")
CACHE_SECONDS = 30 * 24 * 60 * 60  # keyed by content: never stale, only evicted
# Cached for pose data that cannot be drawn, so a broken pose is not drawn again on every view.
UNDRAWABLE = ""


def _renderer_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


RENDERER_VERSION = _renderer_version()


def picture_key(figure: dict, which: str, size: tuple, title: str) -> str:
    """The cache key of one picture: a hash of everything that shapes it."""
    shape = {
        "figure": figure,
        "which": which,
        "size": list(size),
        "title": title,
        "renderer": RENDERER_VERSION,
    }
    encoded = json.dumps(shape, sort_keys=True, separators=(",", ":"), default=str).encode()
    return "figure-picture:" + hashlib.sha256(encoded).hexdigest()


def _draw(figure: dict, which: str, size: tuple, title: str) -> str:
    try:
        if which == "animated":
            return svg.render_animated_svg(figure, size=size, title=title)
        return svg.render_svg(figure, which, size=size, title=title)
    except FigureError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as error:
        # Malformed pose data (edited by hand in the admin, say) is a drawing error.
        raise FigureError(f"the pose description cannot be drawn: {error}") from error


def figure_svg(figure: dict, which: str, *, size: tuple = (320, 240), title: str = "") -> str:
    """One picture ("start", "end" or "animated") as SVG text, drawn at most once.

    Raises FigureError when the pose data cannot be drawn.
    """
    key = picture_key(figure, which, size, title)
    drawn = cache.get(key)
    if drawn is None:
        try:
            drawn = _draw(figure, which, size, title)
        except FigureError:
            cache.set(key, UNDRAWABLE, CACHE_SECONDS)
            raise
        cache.set(key, drawn, CACHE_SECONDS)
    if drawn == UNDRAWABLE:
        raise FigureError("the pose description cannot be drawn")
    return drawn


def figure_svgs(pictures: Iterable[tuple[dict, str, tuple, str]]) -> list[str]:
    """Many pictures, each (figure, which, size, title), in order, with one cache round trip.

    A picture whose pose data cannot be drawn is "" (and logged): it loses its picture, not the
    page. A page of 50 exercises costs one cache read, not 100 drawings.
    """
    wanted = [(picture_key(*picture), picture) for picture in pictures]
    drawn = cache.get_many([key for key, _ in wanted]) if wanted else {}
    missing: dict[str, str] = {}
    for key, (figure, which, size, title) in wanted:
        if key in drawn or key in missing:
            continue
        try:
            missing[key] = _draw(figure, which, size, title)
        except FigureError:
            logger.exception("picture %r of %r cannot be drawn", which, title)
            missing[key] = UNDRAWABLE
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
        drawn.update(missing)
    return [drawn[key] for key, _ in wanted]
