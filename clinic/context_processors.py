from django.utils.functional import SimpleLazyObject

from .messaging import unread_for_patient
from .models import ClinicProfile


def clinic(request):
    """The clinic's details for the header, loaded once per request and only when used; and
    the portal's unread-messages badge (one query, on the pages of a patient only)."""
    return {
        "clinic": SimpleLazyObject(ClinicProfile.load),
        "unread_messages": SimpleLazyObject(lambda: unread_for_patient(request.user)),
    }
