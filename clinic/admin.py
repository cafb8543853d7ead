from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import (
    AuditEvent,
    ClinicProfile,
    ImagingReport,
    Intake,
    IntakeAmendment,
    OutcomeMeasure,
    Patient,
    PSFSActivity,
    RedFlag,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "title", "role"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "role", "password1", "password2"]})]


@admin.register(ClinicProfile)
class ClinicProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email"]


class NoDeleteAdmin(admin.ModelAdmin):
    """Clinical history is never destroyed, not even from the Django admin."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Patient)
class PatientAdmin(NoDeleteAdmin):
    list_display = ["last_name", "first_name", "date_of_birth", "therapist", "archived_at"]
    list_filter = ["therapist", "archived_at"]
    search_fields = ["first_name", "last_name", "email", "phone"]
    readonly_fields = ["uuid", "created_at", "updated_at"]


@admin.register(Intake)
class IntakeAdmin(NoDeleteAdmin):
    list_display = ["patient", "visit_date", "therapist", "status"]
    list_filter = ["status"]
    readonly_fields = ["uuid", "created_at", "updated_at"]


@admin.register(RedFlag)
class RedFlagAdmin(NoDeleteAdmin):
    list_display = ["patient", "code", "tier", "status", "created_at"]
    list_filter = ["tier", "status"]
    readonly_fields = ["uuid", "created_at", "updated_at"]


@admin.register(IntakeAmendment)
class IntakeAmendmentAdmin(NoDeleteAdmin):
    list_display = ["intake", "section", "amended_by", "created_at"]
    readonly_fields = ["uuid", "intake", "section", "changes", "reason", "amended_by", "created_at"]


@admin.register(ImagingReport)
class ImagingReportAdmin(NoDeleteAdmin):
    """Read-only: reports arrive through the checked upload, and are filed in error in the app.
    The file itself is not linked: media is never at a public URL."""

    list_display = ["patient", "entry_label", "original_name", "uploaded_at", "filed_in_error_at"]
    list_select_related = ["patient"]
    exclude = ["file"]
    readonly_fields = [f.name for f in ImagingReport._meta.fields if f.name != "file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(NoDeleteAdmin):
    list_display = ["patient", "instrument", "taken_on", "score", "band"]
    list_filter = ["instrument"]
    readonly_fields = ["uuid", "created_at", "updated_at"]


@admin.register(PSFSActivity)
class PSFSActivityAdmin(NoDeleteAdmin):
    list_display = ["patient", "name", "retired_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, even for superusers."""

    list_display = ["seq", "at", "actor", "role", "action", "patient", "object_type", "ip"]
    list_filter = ["action", "role"]
    search_fields = ["actor", "object_id", "request_id"]
    list_select_related = ["patient"]
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
