from django.contrib import admin

from .models import (
    Contraindication,
    Exercise,
    Program,
    ProgramItem,
    ProgramRevision,
    ProtocolTemplate,
    SessionLog,
    TemplateItem,
)
from .services import refresh_checkin_summary


class ContraindicationInline(admin.TabularInline):
    model = Contraindication
    extra = 0


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "category", "source", "archived"]
    list_filter = ["category", "source", "archived"]
    search_fields = ["name", "slug", "summary", "target_muscles"]
    # Set by load_library only: it is how the loader tells the clinic's edits from its own.
    readonly_fields = ["library_hash"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["progressions"]
    inlines = [ContraindicationInline]

    def has_delete_permission(self, request, obj=None):
        return False  # archive instead: programs refer to exercises


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0
    autocomplete_fields = ["exercise"]


@admin.register(ProtocolTemplate)
class ProtocolTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "archived"]
    inlines = [TemplateItemInline]


class ProgramItemInline(admin.TabularInline):
    model = ProgramItem
    extra = 0
    autocomplete_fields = ["exercise"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "patient", "therapist", "status", "updated_at"]
    list_filter = ["status"]
    inlines = [ProgramItemInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_checkin_summary(program=obj)  # the start date may have changed

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgramRevision)
class ProgramRevisionAdmin(admin.ModelAdmin):
    list_display = ["program", "number", "published_at", "published_by"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_checkin_summary(program=obj.program)  # it may be the first revision

    def has_change_permission(self, request, obj=None):
        return False  # published revisions are immutable

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SessionLog)
class SessionLogAdmin(admin.ModelAdmin):
    list_display = ["patient", "date", "back_pain", "leg_pain", "leg_symptoms"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The admin's change view is one transaction, so the summaries change with the log.
        refresh_checkin_summary(program=obj.program)
        moved_from = form.initial.get("program") if change else None
        if moved_from is not None and moved_from != obj.program_id:
            refresh_checkin_summary(program=Program.objects.get(pk=moved_from))

    def has_delete_permission(self, request, obj=None):
        return False
