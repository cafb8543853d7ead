from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from django.views.i18n import JavaScriptCatalog

from .forms import EmailAuthenticationForm, ThrottledPasswordResetForm
from .views import (
    account,
    audit_log,
    deliveries,
    exams,
    export,
    flags,
    home_program_consent,
    imaging_reports,
    intake,
    invitations,
    measures,
    patients,
    reassessments,
    secure_messages,
    staff,
    two_factor,
)

clinic_patterns = [
    # Staff accounts and the clinic's details (clinic admin).
    path("staff/", staff.staff_list, name="staff-list"),
    path("staff/new/", staff.staff_create, name="staff-create"),
    path("staff/<int:pk>/edit/", staff.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/active/", staff.staff_set_active, name="staff-set-active"),
    path(
        "staff/<int:pk>/two-factor/reset/",
        two_factor.staff_two_factor_reset,
        name="staff-two-factor-reset",
    ),
    path("clinic/", staff.clinic_profile_edit, name="clinic-profile"),
    path("clinic/logo/", staff.clinic_logo, name="clinic-logo"),
    # Patients, and everything started from one patient's page.
    path("patients/", patients.patient_list, name="patient-list"),
    path("patients/new/", patients.patient_create, name="patient-create"),
    path("patients/<uuid:uuid>/edit/", patients.patient_edit, name="patient-edit"),
    path("patients/<uuid:uuid>/archive/", patients.patient_archive, name="patient-archive"),
    path("patients/<uuid:uuid>/restore/", patients.patient_restore, name="patient-restore"),
    path("patients/<uuid:uuid>/export/", export.patient_export, name="patient-export"),
    path("patients/<uuid:uuid>/intakes/new/", intake.intake_create, name="intake-create"),
    path(
        "patients/<uuid:uuid>/measures/<slug:instrument>/new/",
        measures.measure_create,
        name="measure-create",
    ),
    # Re-assessment visits (clinic/reassessment/).
    path(
        "patients/<uuid:uuid>/reassessments/new/",
        reassessments.reassessment_create,
        name="reassessment-create",
    ),
    path(
        "patients/<uuid:uuid>/reassessments/<uuid:visit>/",
        reassessments.reassessment_detail,
        name="reassessment-detail",
    ),
    path(
        "patients/<uuid:uuid>/reassessments/<uuid:visit>/edit/",
        reassessments.reassessment_edit,
        name="reassessment-edit",
    ),
    path(
        "patients/<uuid:uuid>/reassessments/<uuid:visit>/sign/",
        reassessments.reassessment_sign,
        name="reassessment-sign",
    ),
    path(
        "patients/<uuid:uuid>/reassessments/<uuid:visit>/amend/",
        reassessments.reassessment_amend,
        name="reassessment-amend",
    ),
    path(
        "patients/<uuid:uuid>/reassessments/<uuid:visit>/exam/",
        reassessments.reassessment_exam,
        name="reassessment-exam",
    ),
    # An intake (one episode), section by section.
    path("intakes/<uuid:uuid>/", intake.intake_detail, name="intake-detail"),
    path("intakes/<uuid:uuid>/sign/", intake.intake_sign, name="intake-sign"),
    path(
        "intakes/<uuid:uuid>/home-program-consent/",
        home_program_consent.intake_home_program_consent,
        name="intake-home-program-consent",
    ),
    path("intakes/<uuid:uuid>/safety/", intake.intake_instruction, name="intake-instruction"),
    # The objective exam (clinic/exam/): before the section slugs, which would take "exam".
    path("intakes/<uuid:uuid>/exam/", exams.intake_exam, name="intake-exam"),
    path("exams/<uuid:uuid>/", exams.exam_detail, name="exam-detail"),
    path("exams/<uuid:uuid>/amend/", exams.exam_amend, name="exam-amend"),
    path(
        "intakes/<uuid:uuid>/reports/new/",
        imaging_reports.imaging_report_add,
        name="imaging-report-add",
    ),
    path("intakes/<uuid:uuid>/<slug:slug>/", intake.intake_section, name="intake-section"),
    path("intakes/<uuid:uuid>/<slug:slug>/amend/", intake.intake_amend, name="intake-amend"),
    # Imaging and test report files.
    path(
        "imaging-reports/<uuid:uuid>/download/",
        imaging_reports.imaging_report_download,
        name="imaging-report-download",
    ),
    path(
        "imaging-reports/<uuid:uuid>/filed-in-error/",
        imaging_reports.imaging_report_filed_in_error,
        name="imaging-report-filed-in-error",
    ),
    # Red flags and outcome measures.
    path("flags/<uuid:uuid>/", flags.flag_detail, name="flag-detail"),
    path("flags/<uuid:uuid>/decide/", flags.flag_decide, name="flag-decide"),
    path("flags/<uuid:uuid>/referred/", flags.flag_referred, name="flag-referred"),
    path("flags/<uuid:uuid>/declined/", flags.flag_declined, name="flag-declined"),
    path("flags/<uuid:uuid>/outcome/", flags.flag_outcome, name="flag-outcome"),
    path("flags/<uuid:uuid>/follow-ups/", flags.flag_follow_up_add, name="flag-follow-up-add"),
    path("follow-ups/<uuid:uuid>/done/", flags.follow_up_done, name="flag-follow-up-done"),
    path("measures/<uuid:uuid>/", measures.measure_detail, name="measure-detail"),
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
    # The audit log (clinic admin).
    path("audit/", audit_log.audit_list, name="audit-list"),
    path("audit/export.csv", audit_log.audit_export, name="audit-export"),
    # Two-factor sign-in, for the signed-in staff member.
    path("account/two-factor/", two_factor.two_factor, name="two-factor"),
    path("account/two-factor/off/", two_factor.two_factor_remove, name="two-factor-remove"),
    path("account/two-factor/verify/", two_factor.two_factor_verify, name="two-factor-verify"),
]

# Messages sent through the outbox: one patient's, and the clinic's (clinic admin).
clinic_patterns += [
    path("patients/<uuid:uuid>/messages/", deliveries.patient_messages, name="patient-messages"),
    path("deliveries/", deliveries.delivery_list, name="delivery-list"),
    path("deliveries/<uuid:uuid>/resend/", deliveries.message_resend, name="message-resend"),
]

# Secure messages: the patient's thread in the portal, and the same thread for the care team.
clinic_patterns += [
    path("portal/messages/", secure_messages.portal_messages, name="portal-messages"),
    path("portal/messages/send/", secure_messages.portal_message_send, name="portal-message-send"),
    path("patients/<uuid:uuid>/thread/", secure_messages.patient_thread, name="patient-thread"),
    path(
        "patients/<uuid:uuid>/thread/send/",
        secure_messages.patient_thread_send,
        name="patient-thread-send",
    ),
]

# Remembered devices ("keep me signed in"): the patient's own list, and the care team's.
from .views import devices  # noqa: E402

clinic_patterns += [
    path("portal/devices/", devices.portal_devices, name="portal-devices"),
    path(
        "portal/devices/<int:pk>/sign-out/",
        devices.portal_device_revoke,
        name="portal-device-revoke",
    ),
    path(
        "portal/devices/sign-out-everywhere/",
        devices.portal_sign_out_everywhere,
        name="portal-sign-out-everywhere",
    ),
    path("patients/<uuid:uuid>/devices/", devices.patient_devices, name="patient-devices"),
    path(
        "patients/<uuid:uuid>/devices/<int:pk>/sign-out/",
        devices.patient_device_revoke,
        name="patient-device-revoke",
    ),
]

# Self-service links: the address a patient follows from an email or a QR code.
from .views import self_service  # noqa: E402

clinic_patterns += [
    path("f/<str:token>/", self_service.link_open, name="link-open"),
    path(
        "patients/<uuid:uuid>/self-intake/send/",
        self_service.patient_intake_send,
        name="patient-intake-send",
    ),
    path("links/<uuid:uuid>/revoke/", self_service.link_revoke, name="link-revoke"),
    path(
        "patients/self-intakes/<uuid:uuid>/withdraw/",
        self_service.self_intake_withdraw,
        name="self-intake-withdraw",
    ),
    path(
        "portal/forms/<str:kind>/<uuid:uuid>/open/",
        self_service.portal_form_open,
        name="portal-form-open",
    ),
]

# The patient's pre-visit intake, step by step, by link (clinic/views/self_intake.py).
from .views import self_intake  # noqa: E402

clinic_patterns += [
    path("f/<str:token>/intake/", self_intake.self_intake_start, name="self-intake"),
    path("f/<str:token>/intake/sign/", self_intake.self_intake_sign, name="self-intake-sign"),
    path(
        "f/<str:token>/intake/advice/",
        self_intake.self_intake_advice,
        name="self-intake-advice",
    ),
    path(
        "f/<str:token>/intake/<slug:step>/",
        self_intake.self_intake_step,
        name="self-intake-step",
    ),
]

# A pre-visit intake the patient filled in: the therapist's side-by-side review, per section.
from .views import self_intake_review  # noqa: E402

clinic_patterns += [
    path(
        "patients/self-intakes/<uuid:uuid>/review/",
        self_intake_review.self_intake_review,
        name="self-intake-review",
    ),
    path(
        "patients/self-intakes/<uuid:uuid>/review/<slug:slug>/confirm/",
        self_intake_review.self_intake_confirm,
        name="self-intake-confirm",
    ),
    path(
        "patients/self-intakes/<uuid:uuid>/review/<slug:slug>/correct/",
        self_intake_review.self_intake_correct,
        name="self-intake-correct",
    ),
]

# Django's form views take PUT like a POST, and the reset link's view answers any method
# before it checks: these pages answer only what a browser sends.
form_page = require_http_methods(["GET", "HEAD", "POST"])

account_patterns = [
    path(
        "login/",
        form_page(
            auth_views.LoginView.as_view(
                authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("session/keepalive/", account.session_keepalive, name="session-keepalive"),
    path("language/", account.set_language, name="set-language"),
    # Our JavaScript's words in the page's language (static/js/*.js call gettext()).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path(
        "password/change/",
        form_page(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        form_page(auth_views.PasswordResetView.as_view(form_class=ThrottledPasswordResetForm)),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        form_page(auth_views.PasswordResetConfirmView.as_view()),
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

# Outcome questionnaires at home: staff schedule and send them; the patient answers by link.
from .views import questionnaires  # noqa: E402

clinic_patterns += [
    path(
        "patients/<uuid:uuid>/questionnaires/schedule/",
        questionnaires.schedule_create,
        name="questionnaire-schedule",
    ),
    path(
        "patients/<uuid:uuid>/questionnaires/send/",
        questionnaires.send_now,
        name="questionnaire-send",
    ),
    path(
        "questionnaire-schedules/<uuid:uuid>/end/",
        questionnaires.schedule_end,
        name="questionnaire-schedule-end",
    ),
    path(
        "questionnaires/<uuid:uuid>/cancel/",
        questionnaires.request_cancel,
        name="questionnaire-cancel",
    ),
    path(
        "f/<str:token>/questionnaire/",
        questionnaires.questionnaire_answer,
        name="questionnaire-answer",
    ),
    path("measures/<uuid:uuid>/finish/", measures.measure_finish, name="measure-finish"),
]
