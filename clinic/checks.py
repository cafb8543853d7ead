"""System checks that refuse an unsafe production configuration (`check --deploy`), and a
setting no server can run with (every `check`, `runserver`, `migrate`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def restore_production_settings(app_configs, **kwargs):
    errors = []
    if "dev-only-insecure-key" in settings.SECRET_KEY:
        errors.append(
            Error(
                "DJANGO_SECRET_KEY is the development key.",
                hint="Set DJANGO_SECRET_KEY to a long random value (see .env.example).",
                id="restore.E001",
            )
        )
    if not settings.DEBUG and settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        errors.append(
            Error(
                "Email goes to the console, so invitations and password resets never arrive.",
                hint="Set EMAIL_BACKEND to the SMTP backend and EMAIL_HOST (see .env.example).",
                id="restore.E002",
            )
        )
    if not settings.DEBUG and settings.SITE_URL.startswith("http://"):
        errors.append(
            Error(
                "SITE_URL is not https: links in emails and handout QR codes would be insecure.",
                hint="Set SITE_URL=https://your-clinic-host.",
                id="restore.E003",
            )
        )
    if settings.RESTORE_AUDIT_HMAC_KEY in (
        settings.RESTORE_AUDIT_HMAC_DEFAULT_KEY,
        settings.SECRET_KEY,
    ):
        errors.append(
            Error(
                "DJANGO_AUDIT_HMAC_KEY is not set: the audit log is keyed with a value derived "
                "from SECRET_KEY, which lives next to the database.",
                hint=(
                    "Set DJANGO_AUDIT_HMAC_KEY to a long random value of its own, e.g. "
                    "`python -c 'import secrets; print(secrets.token_hex(32))'` "
                    "(rotation: docs/operations.md)."
                ),
                id="restore.E004",
            )
        )
    return errors


AUDIT_LINK_WINDOW_RANGE = (60, 86400)


@register()
def restore_audit_link_window(app_configs, **kwargs):
    window = settings.RESTORE_AUDIT_LINK_WINDOW
    low, high = AUDIT_LINK_WINDOW_RANGE
    if isinstance(window, int) and low <= window <= high:
        return []
    return [
        Error(
            f"RESTORE_AUDIT_LINK_WINDOW is {window!r}: it must be a whole number of seconds "
            f"from {low} to {high}.",
            hint=(
                "The worker links audit rows every few seconds; the window is how long one may "
                "stay unlinked before verify_audit_log fails. 300 (five minutes) is the default "
                "(docs/operations.md)."
            ),
            id="restore.E005",
        )
    ]
