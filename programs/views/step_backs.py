"""Step backs and the ease-off notice: the therapist's review page and decisions, the builder's
pre-approved regression, and what the patient's portal pages read (`portal_safety`).

Models in programs/step_back.py, writes in programs/services/step_backs.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit
from clinic.permissions import staff_required, therapist_required
from clinic.screening import screening_status

from .. import figures, services
from ..models import Exercise, Program, ProgramItem
from ..services import step_backs as service
from ..step_back import EaseOffNotice, ItemRegression, StepBack, patient_items, swapped_item
from .builder import builder_url


def portal_safety(program: Program, items: list[dict], *, clearance_flags) -> tuple[list, dict]:
    """The patient's items with any pending step back swapped in, and what the program and
    follow pages add: the open ease-off notice, and the state the cached cards depend on."""
    items = patient_items(program, items)
    tags = None
    for item in items:
        if item.get("step_back_why"):
            if tags is None:
                tags = program.patient.precaution_tags()
            item["cautions"] = services.patient_cautions(item["exercise"], tags)
            # portal_figure serves the easier exercise's picture at this place (see below).
            item["has_figure"] = _drawable(item["exercise"].get("figure"))
    notice = EaseOffNotice.objects.open().filter(program=program).first()
    stepped = [str(item["position"]) for item in items if item.get("step_back_why")]
    state = ("paused" if clearance_flags else "open") + ":" + ",".join(stepped)
    return items, {"ease_off": notice, "cards_state": state, "paused": bool(clearance_flags)}


def _drawable(figure) -> bool:
    if not figure:
        return False
    try:
        figures.validate_figure(figure)
    except (figures.FigureError, TypeError, AttributeError):
        return False
    return True


def patient_figure_item(user, revision, item: dict) -> dict:
    """The item whose picture a patient sees at this place: the easier exercise while a step
    back is pending there (as on their program page), else the item itself."""
    if not user.is_patient:
        return item
    step_back = StepBack.objects.filter(
        revision=revision,
        program__current_revision=revision,
        position=item["position"],
        status=StepBack.Status.PENDING,
    ).first()
    return swapped_item(item, step_back) if step_back else item


def _step_back(request, uuid) -> StepBack:
    return get_object_or_404(
        StepBack.objects.for_user(request.user).select_related(
            "program__patient",
            "program__current_revision",
            "from_exercise",
            "to_exercise",
            "triggered_by",
            "decided_by",
            "reverted_by",
            "published_revision",
        ),
        uuid=uuid,
    )


def _detail_page(request, step_back: StepBack, *, error: str = "", reason: str = "", status=200):
    program = step_back.program
    return render(
        request,
        "programs/step_back_detail.html",
        {
            "step_back": step_back,
            "program": program,
            "patient": program.patient,
            "log": step_back.triggered_by,
            "draft_dirty": program.has_unpublished_changes,
            "screening": screening_status(program.patient),
            "error": error,
            "reason": reason,
        },
        status=status,
    )


@staff_required
@require_GET
def step_back_detail(request, uuid):
    """The proposed revision: the item and its regression side by side, the log behind it."""
    step_back = _step_back(request, uuid)
    audit.log_event(
        request,
        audit.Action.VIEW,
        patient=step_back.program.patient,
        obj=step_back,
        detail="Step back",
    )
    return _detail_page(request, step_back)


def _decide(request, uuid, action, done: str):
    """Accept or revert (both publish): a refusal shows the page again with the reason kept."""
    step_back = _step_back(request, uuid)
    reason = request.POST.get("screening_override_reason", "")
    try:
        action(step_back=step_back, by=request.user, screening_override_reason=reason)
    except ValidationError as error:
        step_back.refresh_from_db()
        return _detail_page(
            request, step_back, error=" ".join(error.messages), reason=reason, status=400
        )
    messages.success(request, done)
    return redirect(step_back.get_absolute_url())


@therapist_required
@require_POST
def step_back_accept(request, uuid):
    return _decide(
        request, uuid, service.accept_step_back, _("Accepted: the easier version is published.")
    )


@therapist_required
@require_POST
def step_back_reject(request, uuid):
    step_back = _step_back(request, uuid)
    try:
        service.reject_step_back(step_back=step_back, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rejected: the patient is back on the original."))
    return redirect(step_back.get_absolute_url())


@therapist_required
@require_POST
def step_back_revert(request, uuid):
    return _decide(
        request,
        uuid,
        service.revert_step_back,
        _("The original exercise is published again."),
    )


@therapist_required
@require_POST
def ease_off_acknowledge(request, uuid):
    notice = get_object_or_404(
        EaseOffNotice.objects.for_user(request.user).select_related("program__patient"), uuid=uuid
    )
    try:
        service.acknowledge_ease_off(notice=notice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Acknowledged: the patient's ease-off notice is closed."))
    return redirect(notice.program.patient.get_absolute_url())


def _int_or_none(value: str):
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError(_("Whole numbers only."))
    return int(value)


def _regression_page(request, program, item, *, errors=None, typed=None, status=200):
    suggested, others = service.regression_choices(item.exercise)
    try:
        current = item.regression
    except ItemRegression.DoesNotExist:
        current = None
    typed = typed or {}
    if not typed and current is not None:
        typed = {"regression": current.exercise.slug} | {
            f"regression_{name}": getattr(current, name) or ""
            for name in service.REGRESSION_DOSE_FIELDS
        }
    return render(
        request,
        "programs/item_regression.html",
        {
            "program": program,
            "patient": program.patient,
            "item": item,
            "current": current,
            "suggested": suggested,
            "others": others,
            "errors": errors or {},
            "typed": typed,
            "dose_fields": [
                ("sets", _("Sets")),
                ("reps", _("Reps")),
                ("hold_s", _("Hold (seconds)")),
                ("duration_min", _("Minutes")),
            ],
        },
        status=status,
    )


@therapist_required
@require_http_methods(["GET", "POST"])
def item_regression(request, uuid, item_id):
    """Pre-approve (or remove) the easier version of one draft item, used after a flare-up."""
    program = get_object_or_404(
        Program.objects.for_user(request.user).select_related("patient"), uuid=uuid
    )
    item = get_object_or_404(
        ProgramItem.objects.select_related("exercise", "regression__exercise"),
        pk=item_id,
        program=program,
    )
    if request.method == "GET":
        audit.log_event(
            request,
            audit.Action.VIEW,
            patient=program.patient,
            obj=program,
            detail=f"Easier version for {item.exercise.name}",
        )
        return _regression_page(request, program, item)
    typed = {
        key: request.POST.get(key, "")
        for key in ["regression"]
        + [f"regression_{name}" for name in service.REGRESSION_DOSE_FIELDS]
    }
    errors = {}
    dose = {}
    for name in service.REGRESSION_DOSE_FIELDS:
        try:
            dose[name] = _int_or_none(typed[f"regression_{name}"])
        except ValidationError as error:
            errors[f"regression_{name}"] = " ".join(error.messages)
    exercise = None
    slug = typed["regression"].strip()
    if slug and slug != "none":
        exercise = Exercise.objects.for_user(request.user).filter(slug=slug).first()
        if exercise is None:
            errors["regression"] = _("Choose an exercise from the list.")
    if not errors:
        try:
            service.set_item_regression(
                item=item,
                by=request.user,
                expected_version=program.version,
                exercise=exercise,
                dose=dose,
            )
        except ValidationError as error:
            found = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, messages_ in found.items():
                key = (
                    field
                    if field.startswith("regression")
                    else (
                        f"regression_{field}"
                        if field in service.REGRESSION_DOSE_FIELDS
                        else "regression"
                    )
                )
                errors[key] = " ".join(messages_)
    if errors:
        return _regression_page(request, program, item, errors=errors, typed=typed, status=400)
    messages.success(
        request,
        _("Easier version saved for %(name)s.") % {"name": item.exercise.name}
        if exercise
        else _("No easier version for %(name)s.") % {"name": item.exercise.name},
    )
    return redirect(builder_url(program) + f"#item-{item.pk}")
