from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),
    path("", include("clinic.urls")),
    path("", include("programs.urls")),
    path("", include("interop.urls")),
    path("django-admin/", admin.site.urls),
]

handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
