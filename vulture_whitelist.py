"""Names vulture cannot see used: Django or a library passes them, by convention.

`make lint` runs vulture at 80 % confidence, where it reports only arguments nothing reads. The
ones below are part of a signature the framework calls, so they stay. Vulture only needs to see
each name used once; list here only what it actually reports, with the convention that needs it.
"""

from types import SimpleNamespace

# Stands for the framework that reads these names.
framework = SimpleNamespace()

_ = (
    # Signal receivers: Django passes the sender to every receiver (clinic.audit,
    # clinic.middleware, clinic.two_factor).
    framework.sender,
    # System checks: Django calls each one with app_configs (clinic.checks, demo.checks).
    framework.app_configs,
    # Middleware: Django calls process_view(request, view_func, view_args, view_kwargs).
    framework.view_func,
    framework.view_args,
    framework.view_kwargs,
    # Upload handlers: Django calls file_complete(file_size) (clinic.imaging_reports).
    framework.file_size,
    # FileField(upload_to=...): Django calls it with (instance, filename) (clinic.models).
    framework.filename,
    # django-axes calls AXES_LOCKOUT_CALLABLE(request, original_response, credentials).
    framework.original_response,
)
