from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Fictional demo data for both apps, and the commands that seed it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo data"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check for demo accounts)
