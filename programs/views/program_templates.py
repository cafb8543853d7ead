"""Protocol templates: the clinic's starting points for home programs.

Staff read them; therapists start programs from them, save programs as templates and archive
them. Templates are never deleted: programs started from one keep pointing at it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit
from clinic.models import AuditEvent
from clinic.permissions import staff_required, therapist_required

from .. import services
from ..forms import SaveAsTemplateForm, StartFromTemplateForm
from ..models import Program, ProtocolTemplate, TemplateItem
from ..services import VersionConflict
from .builder import builder_url, get_program
from .program_pages import conflict_message, report_left_out


def _get_template(request, uuid) -> ProtocolTemplate:
    return get_object_or_404(ProtocolTemplate.objects.for_user(request.user), uuid=uuid)


@staff_required
@require_GET
def template_list(request):
    show_archived = request.GET.get("archived") == "1"
    templates = (
        ProtocolTemplate.objects.for_user(request.user)
        .filter(archived=show_archived)
        .select_related("created_by")
        .annotate(item_count=Count("items"))
        .prefetch_related(
            Prefetch(
                "items",
                queryset=TemplateItem.objects.select_related("exercise").order_by("order", "id"),
            )
        )
    )
    return render(
        request,
        "programs/template_list.html",
        {"templates": templates, "show_archived": show_archived},
    )


@staff_required
@require_GET
def template_detail(request, uuid):
    template = _get_template(request, uuid)
    items = template.items.select_related("exercise").prefetch_related(
        "exercise__contraindications"
    )
    form = StartFromTemplateForm(user=request.user, initial={"start_date": timezone.localdate()})
    return render(
        request,
        "programs/template_detail.html",
        {"template": template, "items": items, "form": form},
    )


@therapist_required
@require_POST
def template_start(request, uuid):
    """Start a program for a chosen patient from this template, then open the builder."""
    template = _get_template(request, uuid)
    form = StartFromTemplateForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = services.create_program(
                patient=data["patient"],
                by=request.user,
                title=data["title"],
                start_date=data["start_date"],
                review_date=data["review_date"],
                template=template,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            report_left_out(request, result)
            return redirect(builder_url(result.program))
    items = template.items.select_related("exercise").prefetch_related(
        "exercise__contraindications"
    )
    return render(
        request,
        "programs/template_detail.html",
        {"template": template, "items": items, "form": form},
        status=422,
    )


@therapist_required
@require_POST
def template_archive(request, uuid):
    template = _get_template(request, uuid)
    services.archive_template(template=template)
    messages.success(
        request,
        _("“{name}” is archived. Programs started from it are kept.").format(name=template.name),
    )
    return redirect(template)


@therapist_required
@require_POST
def template_restore(request, uuid):
    template = _get_template(request, uuid)
    services.restore_template(template=template)
    messages.success(
        request, _("“{name}” is back in the template list.").format(name=template.name)
    )
    return redirect(template)


@therapist_required
@require_http_methods(["GET", "POST"])
def program_save_template(request, uuid):
    program: Program = get_program(request, uuid)
    form = SaveAsTemplateForm(
        request.POST or None,
        initial={"version": program.version, "name": f"{program.title} (template)"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            template = services.save_program_as_template(
                program=program,
                name=data["name"],
                description=data["description"],
                by=request.user,
                expected_version=data["version"],
            )
        except VersionConflict as conflict:
            form.add_error(
                None,
                _("{conflict} Look at the program again before saving it as a template.").format(
                    conflict=conflict_message(conflict)
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = str(conflict.program.version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Saved “{name}” as a clinic template.").format(name=template.name)
            )
            return redirect(template)
    items = program.items.select_related("exercise")
    if request.method == "GET":
        audit.log_event(
            request,
            AuditEvent.Action.VIEW,
            patient=program.patient,
            obj=program,
            detail="save as template",
        )
    return render(
        request,
        "programs/program_save_template.html",
        {"program": program, "form": form, "items": items},
        status=422 if form.errors else 200,
    )
