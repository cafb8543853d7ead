from django.urls import path

from .views import (
    builder,
    handouts,
    library,
    portal,
    program_pages,
    program_templates,
    summaries,
    videos,
)
from .views import reminders as reminder_views
from .views import step_backs as step_back_views
from .views import translations as translation_views

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
    path(
        "library/<slug:slug>/translations/<slug:language>/",
        translation_views.exercise_translation,
        name="exercise-translation",
    ),
    path(
        "library/<slug:slug>/translations/<slug:language>/review/",
        translation_views.exercise_translation_review,
        name="exercise-translation-review",
    ),
    path("library/<slug:slug>/photo/", library.exercise_photo, name="exercise-photo"),
    path("library/<slug:slug>/video/", videos.exercise_video_upload, name="exercise-video-upload"),
    path("videos/<uuid:uuid>/", videos.exercise_video, name="exercise-video"),
    path("videos/<uuid:uuid>/poster/", videos.exercise_video_poster, name="exercise-video-poster"),
    path(
        "videos/<uuid:uuid>/archive/",
        videos.exercise_video_archive,
        name="exercise-video-archive",
    ),
    path(
        "library/<slug:slug>/picture/<str:which>.svg",
        library.exercise_figure,
        name="exercise-figure",
    ),
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
    path("portal/programs/<uuid:uuid>/done/", portal.portal_done, name="portal-done"),
    path("portal/programs/<uuid:uuid>/move/", portal.portal_move, name="portal-move"),
    path("portal/programs/<uuid:uuid>/days/", portal.portal_days, name="portal-days"),
    path(
        "portal/revisions/<uuid:uuid>/exercises/<int:position>/<slug:which>.svg",
        portal.portal_figure,
        name="portal-figure",
    ),
    # Programs and builder
    path("patients/<uuid:uuid>/programs/", program_pages.program_list, name="program-list"),
    path("patients/<uuid:uuid>/programs/new/", program_pages.program_create, name="program-create"),
    path("programs/<uuid:uuid>/", program_pages.program_detail, name="program-detail"),
    path("programs/<uuid:uuid>/preview/", program_pages.program_preview, name="program-preview"),
    path("programs/<uuid:uuid>/builder/", builder.program_builder, name="program-builder"),
    path("programs/<uuid:uuid>/builder/search/", builder.builder_search, name="builder-search"),
    path("programs/<uuid:uuid>/details/", builder.program_details_update, name="program-details"),
    path("programs/<uuid:uuid>/items/add/", builder.item_add, name="program-item-add"),
    path(
        "programs/<uuid:uuid>/items/reorder/", builder.items_reorder, name="program-items-reorder"
    ),
    path(
        "programs/<uuid:uuid>/items/<int:item_id>/",
        builder.item_update,
        name="program-item-update",
    ),
    path(
        "programs/<uuid:uuid>/items/<int:item_id>/override/",
        builder.item_override,
        name="program-item-override",
    ),
    path(
        "programs/<uuid:uuid>/items/<int:item_id>/remove/",
        builder.item_remove,
        name="program-item-remove",
    ),
    path("programs/<uuid:uuid>/publish/", program_pages.program_publish, name="program-publish"),
    path("programs/<uuid:uuid>/archive/", program_pages.program_archive, name="program-archive"),
    path("programs/<uuid:uuid>/restore/", program_pages.program_restore, name="program-restore"),
    path("revisions/<uuid:uuid>/", program_pages.revision_detail, name="revision-detail"),
    # Templates
    path("templates/", program_templates.template_list, name="template-list"),
    path("templates/<uuid:uuid>/", program_templates.template_detail, name="template-detail"),
    path("templates/<uuid:uuid>/start/", program_templates.template_start, name="template-start"),
    path(
        "templates/<uuid:uuid>/archive/",
        program_templates.template_archive,
        name="template-archive",
    ),
    path(
        "templates/<uuid:uuid>/restore/",
        program_templates.template_restore,
        name="template-restore",
    ),
    path(
        "programs/<uuid:uuid>/save-as-template/",
        program_templates.program_save_template,
        name="program-save-template",
    ),
    # Handouts
    path("programs/<uuid:uuid>/handout.pdf", handouts.handout_pdf, name="handout-pdf"),
    path("patients/<uuid:uuid>/summary.pdf", summaries.patient_summary_pdf, name="patient-summary"),
    path(
        "revisions/<uuid:uuid>/handout.pdf",
        handouts.revision_handout_pdf,
        name="revision-handout-pdf",
    ),
]

# Exercise reminders: the patient's page in the portal, and the one-click stop link in every
# reminder email (no sign-in: the signed token is the key).
urlpatterns += [
    path("portal/reminders/", reminder_views.portal_reminders, name="portal-reminders"),
    path(
        "portal/reminders/save/", reminder_views.portal_reminders_save, name="portal-reminders-save"
    ),
    path(
        "portal/reminders/pause/",
        reminder_views.portal_reminders_pause,
        name="portal-reminders-pause",
    ),
    path(
        "portal/reminders/resume/",
        reminder_views.portal_reminders_resume,
        name="portal-reminders-resume",
    ),
    path(
        "portal/reminders/stop/", reminder_views.portal_reminders_stop, name="portal-reminders-stop"
    ),
    path(
        "portal/reminders.ics",
        reminder_views.portal_reminders_calendar,
        name="portal-reminders-calendar",
    ),
    path("reminders/stop/<str:token>/", reminder_views.reminder_stop, name="reminder-stop"),
]

# Step backs after a flare-up and the ease-off notice (programs/views/step_backs.py).
urlpatterns += [
    path("step-backs/<uuid:uuid>/", step_back_views.step_back_detail, name="step-back-detail"),
    path(
        "step-backs/<uuid:uuid>/accept/",
        step_back_views.step_back_accept,
        name="step-back-accept",
    ),
    path(
        "step-backs/<uuid:uuid>/reject/",
        step_back_views.step_back_reject,
        name="step-back-reject",
    ),
    path(
        "step-backs/<uuid:uuid>/revert/",
        step_back_views.step_back_revert,
        name="step-back-revert",
    ),
    path(
        "ease-off/<uuid:uuid>/acknowledge/",
        step_back_views.ease_off_acknowledge,
        name="ease-off-acknowledge",
    ),
    path(
        "programs/<uuid:uuid>/items/<int:item_id>/regression/",
        step_back_views.item_regression,
        name="program-item-regression",
    ),
]
