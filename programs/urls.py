from django.urls import path

from .views import portal

app_name = "programs"

urlpatterns = [
    # Patient portal
    path("portal/", portal.portal_home, name="portal-home"),
]
