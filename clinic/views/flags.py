"""A red flag: its page, and the clinician's recorded decision on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import audit, redflags, services
from ..forms import FlagDecisionForm
from ..models import AuditEvent, RedFlag
from ..permissions import staff_required, therapist_required

Action = AuditEvent.Action


@staff_required
@require_GET
def flag_detail(request, uuid):
    flag = get_object_or_404(
        RedFlag.objects.for_user(request.user).select_related(
            "patient", "intake", "raised_by", "decided_by"
        ),
        uuid=uuid,
    )
    form = FlagDecisionForm(flag=flag) if flag.is_open and request.user.is_therapist else None
    audit.log_event(request, Action.VIEW, patient=flag.patient, obj=flag)
    return render(request, "clinic/flags/detail.html", _flag_context(flag, form))


def _flag_context(flag, form):
    question = redflags.QUESTIONS_BY_CODE.get(flag.code)
    return {
        "flag": flag,
        "patient": flag.patient,
        "form": form,
        "question": question,
        "instruction": redflags.TIER_INSTRUCTIONS.get(flag.tier, ""),
        "reason_label": dict(redflags.OVERRIDE_REASONS).get(flag.decision_reason, ""),
    }


@therapist_required
@require_POST
def flag_decide(request, uuid):
    flag = get_object_or_404(
        RedFlag.objects.for_user(request.user).select_related("patient", "intake"), uuid=uuid
    )
    if not flag.is_open:
        messages.info(request, "A decision on this flag is already recorded.")
        return redirect(flag)
    form = FlagDecisionForm(request.POST, flag=flag)
    if form.is_valid():
        try:
            services.record_flag_decision(
                flag=flag,
                reason=form.cleaned_data["reason"],
                note=form.decision_note(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Decision recorded.")
            return redirect(flag.patient)
    return render(request, "clinic/flags/detail.html", _flag_context(flag, form))
