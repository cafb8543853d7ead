from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("clinic.urls")),
    path("", include("programs.urls")),
    path("django-admin/", admin.site.urls),
]

handler403 = "clinic.views.permission_denied"
handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"
