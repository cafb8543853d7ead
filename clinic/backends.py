"""How a signed-in person is loaded for each request: Django's backend, plus the clinic's rule."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Subquery

from .models import ClinicProfile, User


class ClinicBackend(ModelBackend):
    """Django's ModelBackend. The user it loads for each request also carries
    `clinic_requires_two_factor`, read in the same query, so a change of the clinic's rule
    reaches every open session at its next request (clinic.middleware.TwoFactorMiddleware)
    without a query of its own."""

    def get_user(self, user_id):
        # The clinic's one profile row, as ClinicProfile.load() keeps it.
        rule = ClinicProfile.objects.filter(pk=1).values("require_staff_2fa")[:1]
        try:
            user = User._default_manager.annotate(clinic_requires_two_factor=Subquery(rule)).get(
                pk=user_id
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
