from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Home programs"

    def ready(self):
        from clinic import events

        from . import portal_page, tasks
        from .handouts import fonts  # noqa: F401  (registers the handout fonts check)

        # The clinic's details and a patient's precautions are printed on handouts: render the
        # stored copies again in the background (clinic/events.py says why this way round).
        events.clinic_details_changed.connect(
            tasks.on_clinic_details_changed, dispatch_uid="programs_handouts_clinic_details"
        )
        events.precautions_changed.connect(
            tasks.on_precautions_changed, dispatch_uid="programs_handouts_precautions"
        )
        # Every write that changes what a patient's program page shows retires its kept copy.
        portal_page.connect()
