"""Is this request htmx swapping in part of a page? One answer for every view and middleware."""

from django.utils.cache import patch_vary_headers

# The request headers `is_htmx_request` reads: a response that depends on it varies on them.
HTMX_REQUEST_HEADERS = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request")


def is_htmx_request(request) -> bool:
    """An htmx request whose response replaces part of a page (a fragment will do).

    Not a boosted link or form, whose response becomes the whole body, and not a history
    restore: when htmx has no copy of a page the browser goes Back to, it fetches the page and
    puts the response in place of the whole document, so that needs the full page.
    """
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def vary_on_htmx(response):
    """Mark a response that is a fragment or a page depending on `is_htmx_request`, so no cache
    hands a fragment to a request for the page."""
    patch_vary_headers(response, HTMX_REQUEST_HEADERS)
    return response
