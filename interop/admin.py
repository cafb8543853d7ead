from django.contrib import admin

from clinic.admin import NoDeleteAdmin

from .models import AccessRequest, IntegrationToken


@admin.register(AccessRequest)
class AccessRequestAdmin(NoDeleteAdmin):
    """Read-only here: requests are made, extended and fulfilled through the clinic's pages."""

    list_display = ["patient", "requested_at", "channel", "due_on", "status"]
    list_filter = ["status", "channel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IntegrationToken)
class IntegrationTokenAdmin(NoDeleteAdmin):
    """Read-only here: a token is shown once when made on the Integrations page."""

    list_display = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
