from django.core.management import call_command
from django.test import override_settings


def seed_demo():
    """`manage.py seed_demo` as `make run` runs it (with DEBUG on; it refuses otherwise)."""
    with override_settings(DEBUG=True):
        call_command("seed_demo", "--quiet-logins")


def seed_scale(*args):
    with override_settings(DEBUG=True):
        call_command("seed_scale", *args)
