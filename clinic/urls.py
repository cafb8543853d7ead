from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import invitations, reports, security_urls, security_views, views
from .forms import EmailAuthenticationForm

clinic_patterns = [
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/new/", views.staff_create, name="staff-create"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/active/", views.staff_set_active, name="staff-set-active"),
    path("clinic/", views.clinic_profile_edit, name="clinic-profile"),
    path("clinic/logo/", views.clinic_logo, name="clinic-logo"),
    # Patients, and everything started from one patient's page.
    path("patients/", views.patient_list, name="patient-list"),
    path("patients/new/", views.patient_create, name="patient-create"),
    path("patients/<uuid:uuid>/edit/", views.patient_edit, name="patient-edit"),
    path("patients/<uuid:uuid>/archive/", views.patient_archive, name="patient-archive"),
    path("patients/<uuid:uuid>/restore/", views.patient_restore, name="patient-restore"),
    path("patients/<uuid:uuid>/intakes/new/", views.intake_create, name="intake-create"),
    path(
        "patients/<uuid:uuid>/measures/<slug:instrument>/new/",
        views.measure_create,
        name="measure-create",
    ),
    # An intake (one episode), section by section.
    path("intakes/<uuid:uuid>/", views.intake_detail, name="intake-detail"),
    path("intakes/<uuid:uuid>/sign/", views.intake_sign, name="intake-sign"),
    path("intakes/<uuid:uuid>/safety/", views.intake_instruction, name="intake-instruction"),
    path("intakes/<uuid:uuid>/reports/new/", reports.imaging_report_add, name="imaging-report-add"),
    path("intakes/<uuid:uuid>/<slug:slug>/", views.intake_section, name="intake-section"),
    path("intakes/<uuid:uuid>/<slug:slug>/amend/", views.intake_amend, name="intake-amend"),
    # Imaging and test report files (CLINICAL §1.13).
    path(
        "imaging-reports/<uuid:uuid>/download/",
        reports.imaging_report_download,
        name="imaging-report-download",
    ),
    path(
        "imaging-reports/<uuid:uuid>/filed-in-error/",
        reports.imaging_report_filed_in_error,
        name="imaging-report-filed-in-error",
    ),
    # Red flags and outcome measures.
    path("flags/<uuid:uuid>/", views.flag_detail, name="flag-detail"),
    path("flags/<uuid:uuid>/decide/", views.flag_decide, name="flag-decide"),
    path("measures/<uuid:uuid>/", views.measure_detail, name="measure-detail"),
    # Portal invitations
    path(
        "patients/<uuid:uuid>/invitation/",
        invitations.patient_invitation,
        name="patient-invitation",
    ),
    path("patients/<uuid:uuid>/invite/", invitations.patient_invite, name="patient-invite"),
    path(
        "invitation/<uidb64>/<token>/",
        invitations.invitation_accept,
        name="invitation-accept",
    ),
]
clinic_patterns += security_urls.urlpatterns

account_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("session/keepalive/", security_views.session_keepalive, name="session-keepalive"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("accounts/", include(account_patterns)),
    path("", include((clinic_patterns, "clinic"))),
]
