"""The only way a handout render may read anything: a deny-by-default URL fetcher.

WeasyPrint asks its `url_fetcher` for every image, stylesheet, font and attachment a document
mentions. Handouts carry text that people typed (titles, notes, names, clinic details), so the
fetcher answers only three kinds of URL and refuses everything else:

- ``restore-asset:<name>``: pictures generated for this render (exercise figures, the QR code),
  held in memory and handed to the fetcher by the renderer;
- ``file://`` paths inside our static folders (settings.STATICFILES_DIRS) or the exercise media
  folder (MEDIA_ROOT/exercises), or exactly the clinic logo, after resolving ``..`` and symlinks;
- nothing else: no http(s), ftp, data:, other schemes, other files, and never a redirect.

Files are read from disk, checked against a short list of types by extension *and* by their
first bytes, and limited in size (per file and per render).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

ASSET_SCHEME = "restore-asset"

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_TEXT_BYTES = 1024 * 1024
MAX_FONT_BYTES = 2 * 1024 * 1024
MAX_BYTES_PER_RENDER = 64 * 1024 * 1024


class FetchDenied(ValueError):
    """A handout asked for something it may not have. WeasyPrint logs it and leaves it out."""


@dataclass(frozen=True)
class FileType:
    mime: str
    max_bytes: int

    def matches(self, head: bytes) -> bool:
        return _SIGNATURES[self.mime](head)


def _svg_head(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith((b"<svg", b"<?xml"))


_SIGNATURES = {
    "image/png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "image/webp": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    "image/svg+xml": _svg_head,
    "text/css": lambda h: b"\x00" not in h,
    "font/woff2": lambda h: h.startswith(b"wOF2"),
    "font/woff": lambda h: h.startswith(b"wOFF"),
    "font/ttf": lambda h: h.startswith((b"\x00\x01\x00\x00", b"true")),
    "font/otf": lambda h: h.startswith(b"OTTO"),
}

RASTER_TYPES = {
    ".png": FileType("image/png", MAX_IMAGE_BYTES),
    ".jpg": FileType("image/jpeg", MAX_IMAGE_BYTES),
    ".jpeg": FileType("image/jpeg", MAX_IMAGE_BYTES),
    ".webp": FileType("image/webp", MAX_IMAGE_BYTES),
}
# Our own static files may also be vector pictures, stylesheets and fonts.
STATIC_TYPES = {
    **RASTER_TYPES,
    ".svg": FileType("image/svg+xml", MAX_TEXT_BYTES),
    ".css": FileType("text/css", MAX_TEXT_BYTES),
    ".woff2": FileType("font/woff2", MAX_FONT_BYTES),
    ".woff": FileType("font/woff", MAX_FONT_BYTES),
    ".ttf": FileType("font/ttf", MAX_FONT_BYTES),
    ".otf": FileType("font/otf", MAX_FONT_BYTES),
}
ASSET_TYPES = {"image/svg+xml", "image/png"}


def static_roots() -> list[Path]:
    roots = []
    for entry in settings.STATICFILES_DIRS:
        path = entry[1] if isinstance(entry, list | tuple) else entry
        roots.append(Path(path).resolve())
    return roots


def exercise_media_root() -> Path:
    return (Path(settings.MEDIA_ROOT) / "exercises").resolve()


class HandoutURLFetcher(URLFetcher):
    """Serves generated assets, our static files and exercise media; refuses everything else.

    `requested` records every URL WeasyPrint asked for and `denied` the ones refused, so tests
    (and anyone debugging a missing picture) can see exactly what a render tried to read.
    """

    def __init__(
        self,
        *,
        assets: Mapping[str, tuple[bytes, str]] | None = None,
        allowed_files: Iterable[Path] = (),
    ):
        # No protocol is allowed to reach urllib and no handler follows a redirect: `fetch`
        # below never calls the opener at all.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.handlers.clear()
        self.assets = dict(assets or {})
        self.allowed_files = {Path(p).resolve() for p in allowed_files}
        self.requested: list[str] = []
        self.denied: list[str] = []
        self._served_bytes = 0

    # WeasyPrint calls fetch(); `open` and `__call__` route there too in the base class.
    def fetch(self, url, headers=None):
        self.requested.append(url)
        try:
            return self._serve(url)
        except FetchDenied as error:
            self.denied.append(url)
            # The URL itself may carry typed text (PHI): log only why it was refused.
            logger.warning("Handout render: refused a resource (%s)", error)
            raise

    def open(self, url, data=None, timeout=None):
        raise FetchDenied("the handout fetcher does not open URLs through urllib")

    def _serve(self, url: str) -> URLFetcherResponse:
        if not isinstance(url, str) or len(url) > 2048:
            raise FetchDenied("unusable URL")
        scheme, _, rest = url.partition(":")
        scheme = scheme.lower()
        if scheme == ASSET_SCHEME:
            return self._serve_asset(url, rest)
        if scheme == "file":
            return self._serve_file(url)
        raise FetchDenied(f"scheme {scheme[:20]!r} is not allowed")

    def _serve_asset(self, url: str, name: str) -> URLFetcherResponse:
        if name not in self.assets:
            raise FetchDenied("unknown generated asset")
        body, mime = self.assets[name]
        if mime not in ASSET_TYPES:
            raise FetchDenied("generated asset of a type that is not allowed")
        self._count(len(body))
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    def _serve_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchDenied("file URL with a host")
        if parts.query or parts.fragment:
            raise FetchDenied("file URL with a query or fragment")
        raw = Path(url2pathname(unquote(parts.path)))
        if not raw.is_absolute():
            raise FetchDenied("relative file path")
        try:
            path = raw.resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise FetchDenied("no such file") from error
        file_type = self._type_for(path)
        if not path.is_file():
            raise FetchDenied("not a regular file")
        size = path.stat().st_size
        if size > file_type.max_bytes:
            raise FetchDenied("file too large")
        with path.open("rb") as handle:
            body = handle.read(file_type.max_bytes + 1)
        if len(body) > file_type.max_bytes:
            raise FetchDenied("file too large")
        if not file_type.matches(body[:16]):
            raise FetchDenied("file content does not match its type")
        self._count(len(body))
        return URLFetcherResponse(url, body=body, headers={"Content-Type": file_type.mime})

    def _type_for(self, path: Path) -> FileType:
        """The allowed type of a resolved path, or FetchDenied if it is outside every root."""
        suffix = path.suffix.lower()
        if path in self.allowed_files or path.is_relative_to(exercise_media_root()):
            types = RASTER_TYPES
        elif any(path.is_relative_to(root) for root in static_roots()):
            types = STATIC_TYPES
        else:
            raise FetchDenied("file outside the handout's folders")
        if suffix not in types:
            raise FetchDenied("file type not allowed")
        return types[suffix]

    def _count(self, size: int) -> None:
        self._served_bytes += size
        if self._served_bytes > MAX_BYTES_PER_RENDER:
            raise FetchDenied("handout render read too much data")
