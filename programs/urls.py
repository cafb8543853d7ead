from django.urls import path

from .views import portal

app_name = "programs"

urlpatterns = [
    # Patient portal
    path("portal/", portal.portal_home, name="portal-home"),
    path("portal/progress/", portal.portal_progress, name="portal-progress"),
    path("portal/programs/<uuid:uuid>/", portal.portal_program, name="portal-program"),
    path(
        "portal/programs/<uuid:uuid>/exercises/<int:position>/follow/",
        portal.portal_follow,
        name="portal-follow",
    ),
    path("portal/programs/<uuid:uuid>/log/", portal.portal_log, name="portal-log"),
    path(
        "portal/revisions/<uuid:uuid>/exercises/<int:position>/<slug:which>.svg",
        portal.portal_figure,
        name="portal-figure",
    ),
]
