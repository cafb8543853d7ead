from django.conf import settings
from django.core.management.base import CommandError


def refuse_without_debug(command: str) -> None:
    """Demo and benchmark data are fictional people with a published password: never on a
    production server, which runs with DEBUG off."""
    if not settings.DEBUG:
        raise CommandError(
            f"{command} creates demo accounts with the password printed in the README, so it "
            "only runs with DEBUG on (DJANGO_DEBUG=1), never on a production server."
        )
