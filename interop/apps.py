from django.apps import AppConfig


class InteropConfig(AppConfig):
    """The record leaving the clinic: FHIR export, the patient's right of access, the read-only
    FHIR API. It reads clinic and programs; neither of them imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "interop"
    verbose_name = "Interoperability and record access"
