from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Pages composed from both apps: they may import clinic and programs; nothing imports them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Pages"
