"""Helpers the clinic's view modules share."""

from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import Intake


def intake_for(request, uuid) -> Intake:
    """The intake, with its patient and therapist, if the user may see it; 404 otherwise."""
    return get_object_or_404(
        Intake.objects.for_user(request.user).select_related("patient", "therapist"), uuid=uuid
    )


def local_next(request, target: str) -> str:
    """`target` if it is a path on this site, else "". Only a path: redirect() would take a
    bare word ("0") for a URL name and fail."""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
