from django.urls import path

from .views import library, portal

app_name = "programs"

urlpatterns = [
    # Library
    path("library/", library.exercise_list, name="exercise-list"),
    path("library/new/", library.exercise_create, name="exercise-create"),
    path("library/<slug:slug>/", library.exercise_detail, name="exercise-detail"),
    path("library/<slug:slug>/edit/", library.exercise_edit, name="exercise-edit"),
    path("library/<slug:slug>/media/", library.exercise_media, name="exercise-media"),
    path("library/<slug:slug>/archive/", library.exercise_archive, name="exercise-archive"),
    path("library/<slug:slug>/unarchive/", library.exercise_unarchive, name="exercise-unarchive"),
    path("library/<slug:slug>/reset/", library.exercise_reset, name="exercise-reset"),
    path("library/<slug:slug>/photo/", library.exercise_photo, name="exercise-photo"),
    path(
        "library/<slug:slug>/picture/<str:which>.svg",
        library.exercise_figure,
        name="exercise-figure",
    ),
    # Patient portal
    path("portal/", portal.portal_home, name="portal-home"),
]
