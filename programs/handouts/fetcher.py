"""The only way a handout render may read anything: a deny-by-default URL fetcher.

WeasyPrint asks its `url_fetcher` for every image, stylesheet, font and attachment a document
mentions. Handouts carry text that people typed (titles, notes, names, clinic details), so the
fetcher answers only three kinds of URL and refuses everything else:

- ``restore-asset:<name>``: pictures generated for this render (exercise figures, the QR code),
  held in memory and handed to the fetcher by the renderer;
- ``restore-media:<storage name>``: exercise photos (names under ``exercises/``) and exactly
  the clinic logo, read through Django's default storage, so they are found wherever media
  lives (the file system, or S3 with MEDIA_STORAGE=s3). The name must be a plain relative path:
  no ``..``, no empty or ``.`` segments, no backslash, no control characters; on a file-system
  storage the file must also resolve inside the storage's folder (no symlink out of it);
- ``file://`` paths inside our static folders (settings.STATICFILES_DIRS), which always live
  on disk, after resolving ``..`` and symlinks;
- nothing else: no http(s), ftp, data:, other schemes, other files (media is never read by a
  ``file://`` path), and never a redirect.

Every file is checked against a short list of types by extension *and* by its first bytes, and
limited in size (per file and per render); media may only be raster pictures.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.files.storage import Storage, storages
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

ASSET_SCHEME = "restore-asset"
MEDIA_SCHEME = "restore-media"
# Media folders a handout may read any picture from; other media only by its exact name.
MEDIA_PREFIXES = ("exercises/",)
MAX_MEDIA_NAME = 255

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


def media_url(name: str) -> str:
    """The URL a handout uses for a stored media file (a photo or the logo)."""
    return f"{MEDIA_SCHEME}:{quote(name, safe='/')}"


def clean_media_name(raw: str) -> str:
    """A storage name as a plain relative path, or FetchDenied."""
    name = unquote(raw)
    if not name or len(name) > MAX_MEDIA_NAME:
        raise FetchDenied("unusable media name")
    if name.startswith("/") or "\\" in name or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise FetchDenied("media name that is not a plain relative path")
    if any(part in ("", ".", "..") for part in name.split("/")):
        raise FetchDenied("media name with an empty, . or .. segment")
    return name


class HandoutURLFetcher(URLFetcher):
    """Serves generated assets, our static files and exercise media; refuses everything else.

    `requested` records every URL WeasyPrint asked for and `denied` the ones refused, so tests
    (and anyone debugging a missing picture) can see exactly what a render tried to read.
    """

    def __init__(
        self,
        *,
        assets: Mapping[str, tuple[bytes, str]] | None = None,
        media_names: Iterable[str] = (),
        storage: Storage | None = None,
    ):
        # No protocol is allowed to reach urllib and no handler follows a redirect: `fetch`
        # below never calls the opener at all.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.handlers.clear()
        self.assets = dict(assets or {})
        # Media readable by exact name, outside MEDIA_PREFIXES: the clinic logo.
        self.media_names = frozenset(media_names)
        self._storage = storage
        self.requested: list[str] = []
        self.denied: list[str] = []
        self._served_bytes = 0

    @property
    def storage(self) -> Storage:
        return self._storage if self._storage is not None else storages["default"]

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
        if scheme == MEDIA_SCHEME:
            return self._serve_media(url, rest)
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
        return self._respond(url, body, file_type)

    def _respond(self, url: str, body: bytes, file_type: FileType) -> URLFetcherResponse:
        """The checks every file passes once read: its size, its first bytes, the total."""
        if len(body) > file_type.max_bytes:
            raise FetchDenied("file too large")
        if not file_type.matches(body[:16]):
            raise FetchDenied("file content does not match its type")
        self._count(len(body))
        return URLFetcherResponse(url, body=body, headers={"Content-Type": file_type.mime})

    def _type_for(self, path: Path) -> FileType:
        """The allowed type of a resolved path, or FetchDenied if it is outside every root."""
        if not any(path.is_relative_to(root) for root in static_roots()):
            raise FetchDenied("file outside the handout's folders")
        suffix = path.suffix.lower()
        if suffix not in STATIC_TYPES:
            raise FetchDenied("file type not allowed")
        return STATIC_TYPES[suffix]

    def _serve_media(self, url: str, raw_name: str) -> URLFetcherResponse:
        name = clean_media_name(raw_name)
        if name not in self.media_names and not name.startswith(MEDIA_PREFIXES):
            raise FetchDenied("media outside the handout's folders")
        suffix = Path(name).suffix.lower()
        if suffix not in RASTER_TYPES:
            raise FetchDenied("media type not allowed")
        file_type = RASTER_TYPES[suffix]
        storage = self.storage
        self._check_stays_inside(storage, name)
        try:
            if storage.size(name) > file_type.max_bytes:
                raise FetchDenied("file too large")
            with storage.open(name, "rb") as handle:
                body = handle.read(file_type.max_bytes + 1)
        except FetchDenied:
            raise
        except Exception as error:  # a missing file, or the storage's own error (S3)
            raise FetchDenied("media file could not be read") from error
        return self._respond(url, body, file_type)

    @staticmethod
    def _check_stays_inside(storage: Storage, name: str) -> None:
        """On a file-system storage, refuse a name that a symlink leads out of its folder."""
        try:
            local = storage.path(name)
        except NotImplementedError:
            return  # object storage: names are keys, there is no link to follow
        except Exception as error:  # e.g. SuspiciousFileOperation from safe_join
            raise FetchDenied("media name outside the storage") from error
        location = getattr(storage, "location", None)
        if not location:
            raise FetchDenied("a local storage without a folder to check against")
        root = Path(location).resolve()
        try:
            resolved = Path(local).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise FetchDenied("no such file") from error
        if resolved != root.joinpath(*name.split("/")) or not resolved.is_file():
            raise FetchDenied("media file is a link or not a regular file")

    def _count(self, size: int) -> None:
        self._served_bytes += size
        if self._served_bytes > MAX_BYTES_PER_RENDER:
            raise FetchDenied("handout render read too much data")
