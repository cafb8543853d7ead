from django.urls import include, path

from . import views

page_patterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("patients/<uuid:uuid>/", views.patient_detail, name="patient-detail"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include((page_patterns, "pages"))),
]
