from django.urls import include, path

from . import offline, views

page_patterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("patients/<uuid:uuid>/", views.patient_detail, name="patient-detail"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service-worker"),
    path("favicon.ico", offline.favicon, name="favicon"),
    path("", include((page_patterns, "pages"))),
]
