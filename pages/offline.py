"""Installing the portal and using it offline: the web app manifest, the service worker, the
favicon, and the per-session id that names the patient's offline copy.

None of these responses holds patient data: they are the same for everyone, anonymous
included, but for the service worker's offline page, written in the reader's language. The
service worker is a static file (static/sw.js) served from the site's root so that its scope
can be the whole site; what it keeps, and when it is cleared, is described in
docs/architecture.md ("Offline and installable").
"""

import json
import re

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clinic.models import ClinicProfile

THEME_COLOR = "#0b6e69"  # --restore-teal in static/css/restore.css
BACKGROUND_COLOR = "#f6f4ef"  # --restore-sand
START_URL = "/portal/"


def offline_id(request) -> str:
    """A name for this login's offline copy: derived from the session key (never the key
    itself, which is the login), so it changes with every login and a phone shared by two
    patients never shows one the other's saved program."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if not key or not request.user.is_authenticated:
        return ""
    return salted_hmac("restore.offline-id", key).hexdigest()[:24]


def _static_file(path: str) -> bytes:
    found = finders.find(path)
    if not found:
        raise Http404
    with open(found, "rb") as handle:
        return handle.read()


_OFFLINE_PAGE_LINE = re.compile(r"^var OFFLINE_PAGE = .*;$", re.MULTILINE)


def _offline_page_line() -> str:
    """sw.js's words for its "not saved" page, in the language of this request."""
    words = {
        "lang": get_language(),
        "title": _("Offline"),
        "text": _(
            "You are offline, and this page is not saved on this phone. Reconnect to the "
            "internet and try again."
        ),
        "link": _("Your saved program"),
    }
    return "var OFFLINE_PAGE = " + json.dumps(words, ensure_ascii=False) + ";"


def _public(response: HttpResponse, *, max_age: int) -> HttpResponse:
    response["Cache-Control"] = f"max-age={max_age}"
    # The same for everyone: NoStoreMiddleware leaves it cacheable (marked private).
    response.holds_no_patient_data = True
    return response


@require_safe
def manifest(request):
    clinic = ClinicProfile.load()
    data = {
        "id": START_URL,
        "name": f"{clinic.name} · Restore",
        "short_name": "Restore",
        "description": _("Your home exercise program from your clinic."),
        "lang": get_language(),
        "start_url": START_URL,
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-192.png"),
                "sizes": "192x192",
                "type": "image/png",
                "purpose": "maskable",
            },
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    return _public(response, max_age=3600)


@require_safe
def service_worker(request):
    """static/sw.js, from the root so that it may look after the portal and its pictures.

    `no-cache`: the browser checks for a new worker on every visit rather than keeping an old
    one for a day."""
    source = _static_file("sw.js").decode()
    source = _OFFLINE_PAGE_LINE.sub(lambda _match: _offline_page_line(), source, count=1)
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response = _public(response, max_age=0)
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def favicon(request):
    response = HttpResponse(_static_file("icons/favicon.ico"), content_type="image/x-icon")
    return _public(response, max_age=86400)
