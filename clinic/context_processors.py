from django.utils.functional import SimpleLazyObject

from .models import ClinicProfile


def clinic(request):
    """The clinic's details for the header, loaded once per request and only when used."""
    return {"clinic": SimpleLazyObject(ClinicProfile.load)}
