"""The gate in front of every page a patient reaches by link (`<str:token>` in the URL).

`link_view(purpose)` lets a request through only with a live link of that purpose: the view
then finds it on `request.patient_link` (its patient loaded) and sees nothing else. Anything
else gets one plain page that says the link doesn't work any more, with the clinic's name and
phone and nothing about the patient (404). Wrong tokens are counted per client IP
(clinic/throttles.py); past the limit every link from that IP gets the same page (429) until
the window ends, so guessing tokens is pointless.

Every response of a link view says `Cache-Control: no-store` (a shared tablet keeps nothing)
and `Referrer-Policy: no-referrer` (the token in the address never leaks to another site).

Audited: every GET of a live link (a VIEW row with the patient, the link and its purpose; the
writes a view makes are audited by its services) and every refused attempt that named a real
link that has ended (LINK_REFUSED, with why). A token that names no link is only counted: it
has no patient to file the row under.
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from clinic import audit, throttles

from .links import find_link, why_dead
from .models import PatientLink

ACTOR = "patient (by link)"
ANY_PURPOSE = None


def no_store(response):
    """The headers every response of a link view carries."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["Referrer-Policy"] = "no-referrer"
    return response


def invalid_link_response(request, *, status: int = 404):
    """'This link doesn't work any more', with the clinic's name and phone, nothing else."""
    response = render(
        request,
        "clinic/selfservice/link_invalid.html",
        status=status,
    )
    return no_store(response)


def _audit(request, *, action: str, link: PatientLink, detail: str) -> None:
    user = request.user if request.user.is_authenticated else None
    audit.record(
        action=action,
        user=user,
        actor="" if user else ACTOR,
        patient=link.patient,
        obj=link,
        detail=detail,
        context=audit.context_from_request(request),
    )


def link_view(purpose: str | None):
    """Decorator for views whose URL has <str:token>: a live link of that purpose sets
    request.patient_link (select_related patient) and runs the view; otherwise the clear
    'this link does not work' page with the clinic's phone (404). Rate limited per IP.
    Audits every open. Every response gets Cache-Control: no-store and Referrer-Policy:
    no-referrer. `ANY_PURPOSE` (only for the address the email and QR code carry, which
    sends each link on to its form)."""
    if purpose is not ANY_PURPOSE and purpose not in PatientLink.Purpose.values:
        raise ValueError(f"Unknown link purpose {purpose!r}.")

    def decorator(view):
        @wraps(view)
        def wrapper(request, token, *args, **kwargs):
            ip = audit.client_ip(request)
            if throttles.attempts_blocked("form-link", ip=ip):
                return invalid_link_response(request, status=429)
            link = find_link(token)
            if link is None or purpose not in (ANY_PURPOSE, link.purpose):
                throttles.count_attempt("form-link", ip=ip)
                return invalid_link_response(request)
            reason = why_dead(link)
            if reason:
                _audit(
                    request,
                    action=audit.Action.LINK_REFUSED,
                    link=link,
                    detail=f"{link.get_purpose_display()} link refused: {reason}",
                )
                return invalid_link_response(request)
            if request.method in ("GET", "HEAD"):
                _audit(
                    request,
                    action=audit.Action.VIEW,
                    link=link,
                    detail=f"{link.get_purpose_display()} opened by link",
                )
            request.patient_link = link
            try:
                response = view(request, token, *args, **kwargs)
            except Http404:  # e.g. a step that does not exist: the same plain page
                return invalid_link_response(request)
            return no_store(response)

        return wrapper

    return decorator
