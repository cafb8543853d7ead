"""Demo data never reaches production: `check --deploy` fails while a demo account exists, or
while an account that can see patients' records still has the demo password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from django.db.models import Q

from .clinic_data import DEMO_PASSWORD

# Every demo and benchmark account uses one of these reserved (RFC 2606) domains.
DEMO_EMAIL_DOMAINS = ("restore.example", "patient.example", "scale.example")


def demo_accounts():
    query = Q()
    for domain in DEMO_EMAIL_DOMAINS:
        query |= Q(email__iendswith=f"@{domain}")
    return get_user_model().objects.filter(query)


def accounts_with_demo_password() -> list[str]:
    """Emails of staff and superuser accounts whose password is the demo password.

    Only accounts that can see other people's records are tried: each try costs a full
    password hash, and a clinic has a handful of staff but thousands of patients."""
    User = get_user_model()
    can_see_records = User.objects.filter(Q(is_superuser=True) | ~Q(role=User.Role.PATIENT))
    found = []
    for user in can_see_records.only("email", "password"):
        if user.password and check_password(DEMO_PASSWORD, user.password):
            found.append(user.email)
    return found


@register(Tags.security, deploy=True)
def no_demo_accounts(app_configs, **kwargs):
    try:
        demo = list(demo_accounts().order_by("role", "email").values_list("email", flat=True)[:5])
        weak = accounts_with_demo_password()
    except DatabaseError:
        # No database yet (a fresh checkout): there is no account to worry about either.
        return []
    errors = []
    if demo:
        errors.append(
            Error(
                f"Demo accounts exist in this database ({', '.join(demo)}…).",
                hint="Demo data is for development only: deploy with a fresh database, "
                "without running seed_demo or seed_scale.",
                id="restore.E010",
            )
        )
    if weak:
        errors.append(
            Error(
                f"These accounts have the demo password printed in the README: {', '.join(weak)}.",
                hint="Change their passwords before going live.",
                id="restore.E011",
            )
        )
    return errors
