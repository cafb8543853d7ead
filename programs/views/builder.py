"""The program builder: library search, adding, dosing, ordering and removing exercises.

Only therapists build programs (prescribing is a clinician's act): the clinic admin and
patients get 403 on every builder URL. Any therapist of the clinic may edit any program.

The builder talks htmx: each write returns the changed fragment plus an out-of-band
`#builder-status` carrying the program's new version. Every write sends the version its page
was built from; if someone else saved in between, the service raises VersionConflict and the
view answers 409 with the program as it is now, who changed it and when, and what this user
typed still in the form.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clinic import audit
from clinic.htmx import is_htmx_request
from clinic.models import AuditEvent
from clinic.permissions import therapist_required
from clinic.precautions import PRECAUTION_LABELS
from clinic.screening import OVERRIDE_MIN_LENGTH, screening_status

from .. import services
from ..forms import (
    AddItemForm,
    BuilderSearchForm,
    OverrideForm,
    ProgramDetailsForm,
    ProgramItemForm,
    PublishForm,
    ReorderForm,
    VersionForm,
)
from ..models import (
    Exercise,
    Program,
    ProgramItem,
)
from ..services import Clash, VersionConflict, exercise_clashes

SEARCH_LIMIT = 40
Action = AuditEvent.Action


def get_program(request, uuid) -> Program:
    programs = Program.objects.for_user(request.user).select_related(
        # The patient's login too: its language names the bilingual handout link.
        "patient__user",
        "therapist",
        "updated_by",
        "current_revision",
    )
    return get_object_or_404(programs, uuid=uuid)


def builder_url(program: Program) -> str:
    return reverse("programs:program-builder", kwargs={"uuid": program.uuid})


# --- what the pages show about each item ------------------------------------------------------


@dataclass
class ItemRow:
    """One program item with its clashes against the patient's precautions."""

    item: ProgramItem
    clashes: list[Clash]
    form: ProgramItemForm | None = None
    override_form: OverrideForm | None = None
    conflict_diff: list[tuple[str, str, str]] = field(default_factory=list)
    saved: bool = False

    @property
    def hidden(self) -> list[Clash]:
        return [c for c in self.clashes if c.is_hide]

    @property
    def approvals(self) -> list[Clash]:
        return [c for c in self.clashes if c.is_approval]

    @property
    def cautions(self) -> list[Clash]:
        return [c for c in self.clashes if c.is_caution]

    @property
    def needs_override(self) -> bool:
        return bool(self.hidden) and not self.item.override_reason.strip()

    @property
    def needs_approval(self) -> bool:
        return bool(self.approvals) and not self.item.override_reason.strip()

    @property
    def dose_text(self) -> str:
        return services.dose_text(self.item)

    @property
    def frequency_text(self) -> str:
        return services.frequency_text(self.item.times_per_day, self.item.days_per_week)

    @property
    def open(self) -> bool:
        """Show the dose form unfolded: it has errors or a conflict to look at."""
        return bool(self.conflict_diff) or bool(self.form is not None and self.form.errors)


def program_items(program: Program) -> list[ProgramItem]:
    return list(
        program.items.select_related(
            "exercise", "override_by", "regression__exercise"
        ).prefetch_related("exercise__contraindications")
    )


def _row(item: ProgramItem, tags: list[str], version: int, **extra) -> ItemRow:
    row = ItemRow(item=item, clashes=exercise_clashes(item.exercise, tags), **extra)
    if row.form is None:
        row.form = ProgramItemForm(instance=item, initial={"version": version})
    if row.override_form is None and (row.hidden or row.approvals):
        row.override_form = OverrideForm(
            initial={"version": version, "override_reason": item.override_reason},
            prefix=f"override-{item.pk}",
        )
    return row


@dataclass
class SearchResult:
    exercise: Exercise
    clashes: list[Clash]
    in_program: int
    form: AddItemForm | None = None

    @property
    def hidden(self) -> list[Clash]:
        return [c for c in self.clashes if c.is_hide]


def _search_results(
    request,
    program: Program,
    tags: list[str],
    query: str,
    category: str,
    counts: Counter | None = None,
) -> list[SearchResult]:
    exercises = Exercise.objects.for_user(request.user).active()
    if query:
        exercises = exercises.quick_search(query)
    if category:
        exercises = exercises.filter(category=category)
    exercises = exercises.prefetch_related("contraindications")[:SEARCH_LIMIT]
    if counts is None:
        counts = Counter(program.items.order_by().values_list("exercise_id", flat=True))
    return [
        SearchResult(
            exercise=exercise,
            clashes=exercise_clashes(exercise, tags),
            in_program=counts[exercise.pk],
        )
        for exercise in exercises
    ]


def _status_context(program: Program, rows: list[ItemRow], flags) -> dict:
    unexplained = [row for row in rows if row.needs_override]
    awaiting_approval = [row for row in rows if row.needs_approval]
    return {
        "program": program,
        "flags": flags,
        "screening": screening_status(program.patient),
        "item_count": len(rows),
        "unexplained": unexplained,
        "awaiting_approval": awaiting_approval,
        # The names inside one translated sentence each (a list is no sentence fragment).
        "unexplained_names": ", ".join(row.item.exercise.name for row in unexplained),
        "awaiting_names": ", ".join(row.item.exercise.name for row in awaiting_approval),
    }


def _builder_context(request, program: Program, **extra) -> dict:
    tags = program.patient.precaution_tags()
    flags = list(program.patient.clearance_flags())
    typed_rows = extra.pop("rows_override", {})
    items = program_items(program)
    rows = [typed_rows.get(item.pk) or _row(item, tags, program.version) for item in items]
    in_program = Counter(item.exercise_id for item in items)
    search = BuilderSearchForm(request.GET)
    query, category = search.value("q"), search.value("category")
    context = {
        **_status_context(program, rows, flags),
        "patient": program.patient,
        "tags": tags,
        "tag_labels": [PRECAUTION_LABELS.get(tag, tag) for tag in tags],
        "rows": rows,
        "details_form": ProgramDetailsForm(instance=program, initial={"version": program.version}),
        "results": _search_results(request, program, tags, query, category, in_program),
        "query": query,
        "category": category,
        "categories": Exercise.Category.choices,
        "search_limit": SEARCH_LIMIT,
        "publish_form": PublishForm(initial={"version": program.version}),
        "override_min_length": OVERRIDE_MIN_LENGTH,
    }
    context.update(extra)
    return context


def builder_page_context(request, program: Program, **extra) -> dict:
    """The builder page's context, for a view elsewhere that shows the builder again."""
    return _builder_context(request, program, **extra)


def _status_oob(request, program: Program) -> str:
    """The `#builder-status` fragment (version, banner, publish button), swapped out of band."""
    tags = program.patient.precaution_tags()
    rows = [
        ItemRow(item=item, clashes=exercise_clashes(item.exercise, tags))
        for item in program_items(program)
    ]
    context = {
        **_status_context(program, rows, list(program.patient.clearance_flags())),
        "oob": True,
    }
    return render_to_string("programs/_builder_status.html", context, request=request)


def _result_oob(request, program: Program, exercise: Exercise) -> str:
    tags = program.patient.precaution_tags()
    exercise = Exercise.objects.prefetch_related("contraindications").get(pk=exercise.pk)
    result = SearchResult(
        exercise=exercise,
        clashes=exercise_clashes(exercise, tags),
        in_program=program.items.filter(exercise=exercise).count(),
    )
    return render_to_string(
        "programs/_builder_result.html",
        {"result": result, "program": program, "oob": True},
        request=request,
    )


def _fresh(program: Program) -> Program:
    return Program.objects.select_related(
        "patient", "therapist", "updated_by", "current_revision"
    ).get(pk=program.pk)


def _conflict_response(
    request, conflict: VersionConflict, *, notice: str, rows_override=None, details_form=None
):
    """409: the program as it is now, who changed it and when, and what this user typed."""
    program = _fresh(conflict.program)
    context = _builder_context(
        request,
        program,
        conflict={"by": program.updated_by, "at": program.updated_at, "notice": notice},
        rows_override=rows_override or {},
    )
    if details_form is not None:
        context["details_form"] = details_form
    if not is_htmx_request(request):
        return render(request, "programs/program_builder.html", context, status=409)
    response = render(request, "programs/_builder_workspace.html", context, status=409)
    response["HX-Retarget"] = "#builder-workspace"
    response["HX-Reswap"] = "innerHTML"
    response.write(_status_oob(request, program))
    return response


def _rebind_with_version(data, version: int):
    data = data.copy()
    for key in list(data):
        if key == "version" or key.endswith("-version"):
            data[key] = str(version)
    return data


# --- the builder page -------------------------------------------------------------------------


@therapist_required
@require_GET
def program_builder(request, uuid):
    program = get_program(request, uuid)
    if program.is_archived:
        messages.info(request, _("This program is archived. Restore it to edit it."))
        return redirect(program)
    context = _builder_context(request, program)
    audit.log_event(request, Action.VIEW, patient=program.patient, obj=program, detail="builder")
    return render(request, "programs/program_builder.html", context)


@therapist_required
@require_GET
def builder_search(request, uuid):
    program = get_program(request, uuid)
    tags = program.patient.precaution_tags()
    search = BuilderSearchForm(request.GET)
    query, category = search.value("q"), search.value("category")
    results = _search_results(request, program, tags, query, category)
    return render(
        request,
        "programs/_builder_search_results.html",
        {
            "program": program,
            "results": results,
            "query": query,
            "category": category,
            "search_limit": SEARCH_LIMIT,
        },
    )


# --- builder writes ---------------------------------------------------------------------------


def _bad_request(request, program: Program, message: str):
    """400 for malformed posts: the htmx builder re-renders its workspace with the message."""
    if not is_htmx_request(request):
        messages.error(request, message)
        return redirect(builder_url(program))
    context = _builder_context(request, _fresh(program), error=message)
    response = render(request, "programs/_builder_workspace.html", context, status=400)
    response["HX-Retarget"] = "#builder-workspace"
    response["HX-Reswap"] = "innerHTML"
    return response


def _refused(request, program: Program, error: ValidationError):
    """422 for a write the rules refuse (archived program or exercise, bad order...)."""
    message = " ".join(error.messages)
    if not is_htmx_request(request):
        messages.error(request, message)
        return redirect(builder_url(program))
    context = _builder_context(request, _fresh(program), error=message)
    response = render(request, "programs/_builder_workspace.html", context, status=422)
    response["HX-Retarget"] = "#builder-workspace"
    response["HX-Reswap"] = "innerHTML"
    return response


@therapist_required
@require_POST
def program_details_update(request, uuid):
    program = get_program(request, uuid)
    form = ProgramDetailsForm(request.POST, instance=_fresh(program))
    if form.is_valid():
        data = form.cleaned_data
        try:
            program = services.update_program_details(
                program=program,
                by=request.user,
                expected_version=data["version"],
                title=data["title"],
                goals=data["goals"],
                notes=data["notes"],
                start_date=data["start_date"],
                review_date=data["review_date"],
            )
        except VersionConflict as conflict:
            typed = ProgramDetailsForm(
                _rebind_with_version(request.POST, conflict.program.version),
                instance=_fresh(conflict.program),
            )
            return _conflict_response(
                request,
                conflict,
                notice=_(
                    "Your changes to the title, goals and notes were not saved. What you "
                    "typed is still in the form below; the other changes are shown as saved."
                ),
                details_form=typed,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                return _refused(request, program, error)
        else:
            if not is_htmx_request(request):
                messages.success(request, _("Program details saved."))
                return redirect(builder_url(program))
            program = _fresh(program)
            form = ProgramDetailsForm(instance=program, initial={"version": program.version})
            response = render(
                request,
                "programs/_builder_details.html",
                {
                    "program": program,
                    "details_form": form,
                    "details_saved": True,
                    "item_count": program.items.count(),
                },
            )
            response.write(_status_oob(request, program))
            return response
    status = 422
    if not is_htmx_request(request):
        context = _builder_context(request, program, details_form=form)
        return render(request, "programs/program_builder.html", context, status=status)
    return render(
        request,
        "programs/_builder_details.html",
        {"program": program, "details_form": form},
        status=status,
    )


@therapist_required
@require_POST
def item_add(request, uuid):
    program = get_program(request, uuid)
    form = AddItemForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, program, _("That exercise could not be added; try again."))
    exercise = get_object_or_404(
        Exercise.objects.for_user(request.user), pk=form.cleaned_data["exercise"]
    )
    try:
        item = services.add_program_item(
            program=program,
            exercise=exercise,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            override_reason=form.cleaned_data["override_reason"],
        )
    except VersionConflict as conflict:
        return _conflict_response(
            request,
            conflict,
            notice=_(
                "{name} was not added yet. Check the program as it is now, then add it again."
            ).format(name=exercise.name),
        )
    except ValidationError as error:
        if error.code != "override_required" or not is_htmx_request(request):
            return _refused(request, program, error)
        # Keep the reason field open with the message next to it.
        tags = program.patient.precaution_tags()
        exercise = Exercise.objects.prefetch_related("contraindications").get(pk=exercise.pk)
        form.add_error("override_reason", error)
        result = SearchResult(
            exercise=exercise,
            clashes=exercise_clashes(exercise, tags),
            in_program=program.items.filter(exercise=exercise).count(),
            form=form,
        )
        response = render(
            request,
            "programs/_builder_result.html",
            {"result": result, "program": program},
            status=422,
        )
        response["HX-Retarget"] = f"#result-{exercise.pk}"
        response["HX-Reswap"] = "outerHTML"
        return response
    if not is_htmx_request(request):
        messages.success(request, _("Added {name}.").format(name=exercise.name))
        return redirect(f"{builder_url(program)}#item-{item.pk}")
    program = _fresh(program)
    tags = program.patient.precaution_tags()
    item = ProgramItem.objects.select_related("exercise", "override_by").get(pk=item.pk)
    row = _row(item, tags, program.version, saved=True)
    response = render(request, "programs/_builder_item.html", {"row": row, "program": program})
    response.write(_status_oob(request, program))
    response.write(_result_oob(request, program, exercise))
    return response


def _item_or_conflict(request, program: Program, item_id: int, form_version: int | None, action):
    """The item, or a 409 when someone else removed it since this page was built."""
    item = program.items.select_related("exercise").filter(pk=item_id).first()
    if item is not None:
        return item, None
    if form_version is not None and form_version != program.version:
        conflict = VersionConflict(_fresh(program))
        return None, _conflict_response(
            request,
            conflict,
            notice=_(
                "The exercise you were changing was removed from the program. {action}"
            ).format(action=action),
        )
    return None, HttpResponse(status=404)


def _posted_version(request, prefix: str = "") -> int | None:
    value = request.POST.get(f"{prefix}-version" if prefix else "version", "")
    # ASCII digits only, and few: "²" is a digit to isdigit() but not to int().
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@therapist_required
@require_POST
def item_update(request, uuid, item_id):
    program = get_program(request, uuid)
    prefix = f"item-{item_id}"
    item, response = _item_or_conflict(
        request,
        program,
        item_id,
        _posted_version(request, prefix),
        _("Nothing you typed was saved; the program is shown as it is now."),
    )
    if response is not None:
        return response
    form = ProgramItemForm(request.POST, instance=item, prefix=prefix)
    tags = program.patient.precaution_tags()
    if not form.is_valid():
        item.refresh_from_db()  # the form wrote the typed values onto it
        if not is_htmx_request(request):
            row = _row(item, tags, program.version, form=form)
            context = _builder_context(request, program, rows_override={item.pk: row})
            return render(request, "programs/program_builder.html", context, status=422)
        row = _row(item, tags, program.version, form=form)
        return render(
            request, "programs/_builder_item.html", {"row": row, "program": program}, status=422
        )
    try:
        item = services.update_program_item(
            item=item,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            dose=form.dose(),
        )
    except VersionConflict as conflict:
        return _item_conflict(request, conflict, item_id, prefix, form)
    except ValidationError as error:
        return _refused(request, program, error)
    if not is_htmx_request(request):
        messages.success(request, _("Saved the dose for {name}.").format(name=item.exercise.name))
        return redirect(f"{builder_url(program)}#item-{item.pk}")
    program = _fresh(program)
    item = ProgramItem.objects.select_related("exercise", "override_by").get(pk=item.pk)
    row = _row(item, tags, program.version, saved=True)
    response = render(request, "programs/_builder_item.html", {"row": row, "program": program})
    response.write(_status_oob(request, program))
    return response


def _item_conflict(request, conflict, item_id: int, prefix: str, typed_form):
    """Show the item as saved now next to what this user typed, ready to save again."""
    program = _fresh(conflict.program)
    tags = program.patient.precaution_tags()
    current = (
        program.items.select_related("exercise", "override_by")
        .prefetch_related("exercise__contraindications")
        .filter(pk=item_id)
        .first()
    )
    if current is None:
        return _conflict_response(
            request,
            conflict,
            notice=_(
                "The exercise you were changing was removed from the program, so your "
                "changes to it were not saved."
            ),
        )
    typed = typed_form.cleaned_data
    diff = []
    for name in ProgramItemForm.Meta.fields:
        saved_value, typed_value = getattr(current, name), typed.get(name)
        if (saved_value or "") != (typed_value or ""):
            label = typed_form.fields[name].label
            if name == "side":
                saved_value, typed_value = (
                    current.get_side_display(),
                    dict(typed_form.fields["side"].choices).get(typed_value, typed_value),
                )
            diff.append((label, _display(saved_value), _display(typed_value)))
    form = ProgramItemForm(
        _rebind_with_version(request.POST, program.version), instance=current, prefix=prefix
    )
    row = _row(current, tags, program.version, form=form, conflict_diff=diff)
    return _conflict_response(
        request,
        conflict,
        notice=_(
            "Your changes to {name} were not saved yet. Compare them with the saved values "
            "below; your typing is kept in the form — save again to apply it."
        ).format(name=current.exercise.name),
        rows_override={current.pk: row},
    )


def _display(value) -> str:
    return "—" if value in (None, "") else str(value)


@therapist_required
@require_POST
def item_override(request, uuid, item_id):
    program = get_program(request, uuid)
    prefix = f"override-{item_id}"
    item, response = _item_or_conflict(
        request, program, item_id, _posted_version(request, prefix), _("Your note was not saved.")
    )
    if response is not None:
        return response
    form = OverrideForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _bad_request(request, program, _("The override could not be saved; try again."))
    tags = program.patient.precaution_tags()
    try:
        item = services.record_item_override(
            item=item,
            reason=form.cleaned_data["override_reason"],
            by=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except VersionConflict as conflict:
        return _conflict_response(
            request,
            conflict,
            notice=_(
                "Your reason for {name} was not saved: “{reason}”. Check the program and save "
                "it again."
            ).format(name=item.exercise.name, reason=form.cleaned_data["override_reason"]),
        )
    except ValidationError as error:
        if not is_htmx_request(request):
            return _refused(request, program, error)
        form.add_error("override_reason", error)
        item = ProgramItem.objects.select_related("exercise", "override_by").get(pk=item.pk)
        row = _row(item, tags, program.version, override_form=form)
        return render(
            request, "programs/_builder_item.html", {"row": row, "program": program}, status=422
        )
    if not is_htmx_request(request):
        messages.success(request, _("Saved the reason for {name}.").format(name=item.exercise.name))
        return redirect(f"{builder_url(program)}#item-{item.pk}")
    program = _fresh(program)
    item = ProgramItem.objects.select_related("exercise", "override_by").get(pk=item.pk)
    row = _row(item, tags, program.version, saved=True)
    response = render(request, "programs/_builder_item.html", {"row": row, "program": program})
    response.write(_status_oob(request, program))
    return response


@therapist_required
@require_POST
def item_remove(request, uuid, item_id):
    program = get_program(request, uuid)
    item, response = _item_or_conflict(
        request, program, item_id, _posted_version(request), _("It is already gone.")
    )
    if response is not None:
        return response
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, program, _("The exercise could not be removed; try again."))
    exercise = item.exercise
    try:
        services.remove_program_item(
            item=item, by=request.user, expected_version=form.cleaned_data["version"]
        )
    except VersionConflict as conflict:
        return _conflict_response(
            request,
            conflict,
            notice=_(
                "{name} was not removed. Check the program as it is now, then remove it again "
                "if you still want to."
            ).format(name=exercise.name),
        )
    except ValidationError as error:
        return _refused(request, program, error)
    if not is_htmx_request(request):
        messages.success(request, _("Removed {name}.").format(name=exercise.name))
        return redirect(builder_url(program))
    program = _fresh(program)
    response = HttpResponse("")
    response.write(_status_oob(request, program))
    response.write(_result_oob(request, program, exercise))
    return response


@therapist_required
@require_POST
def items_reorder(request, uuid):
    program = get_program(request, uuid)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, program, _("The new order could not be read; try again."))
    try:
        services.reorder_program_items(
            program=program,
            item_ids=form.cleaned_data["item"],
            by=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except VersionConflict as conflict:
        return _conflict_response(
            request,
            conflict,
            notice=_(
                "Your new order was not saved. The program is shown as it is now; "
                "drag or move the exercises again."
            ),
        )
    except ValidationError as error:
        return _bad_request(request, program, " ".join(error.messages))
    if not is_htmx_request(request):
        messages.success(request, _("New order saved."))
        return redirect(builder_url(program))
    return HttpResponse(_status_oob(request, _fresh(program)))
