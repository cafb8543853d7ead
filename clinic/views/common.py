"""Helpers the clinic's view modules share."""

from django.shortcuts import get_object_or_404

from ..models import Intake


def intake_for(request, uuid) -> Intake:
    """The intake, with its patient and therapist, if the user may see it; 404 otherwise."""
    return get_object_or_404(
        Intake.objects.for_user(request.user).select_related("patient", "therapist"), uuid=uuid
    )
