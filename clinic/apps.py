from django.apps import AppConfig


class ClinicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from . import (  # noqa: F401  (signal receivers)
            audit,
            checks,  # noqa: F401  (registers the deploy checks)
            middleware,
            two_factor,
        )
