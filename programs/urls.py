from django.urls import path

from .views import handouts, portal

app_name = "programs"

urlpatterns = [
    # Patient portal
    path("portal/", portal.portal_home, name="portal-home"),
    # Handouts
    path("programs/<uuid:uuid>/handout.pdf", handouts.handout_pdf, name="handout-pdf"),
    path(
        "revisions/<uuid:uuid>/handout.pdf",
        handouts.revision_handout_pdf,
        name="revision-handout-pdf",
    ),
]
