from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("portal/", views.portal_home, name="portal-home"),
]
