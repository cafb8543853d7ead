"""URLs of the privacy and security work, added to the `clinic` namespace by clinic/urls.py."""

from django.urls import path

from . import security_views, two_factor

urlpatterns = [
    path("audit/", security_views.audit_list, name="audit-list"),
    path("audit/export.csv", security_views.audit_export, name="audit-export"),
    path("patients/<uuid:uuid>/export/", security_views.patient_export, name="patient-export"),
    path("account/two-factor/", two_factor.two_factor, name="two-factor"),
    path("account/two-factor/off/", two_factor.two_factor_remove, name="two-factor-remove"),
    path("account/two-factor/verify/", two_factor.two_factor_verify, name="two-factor-verify"),
    path(
        "staff/<int:pk>/two-factor/reset/",
        two_factor.staff_two_factor_reset,
        name="staff-two-factor-reset",
    ),
]
