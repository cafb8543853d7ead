"""The objective exam: record or change it at an intake, read it, amend it once locked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import audit, redflags
from ..exam import services
from ..exam.display import exam_summary
from ..exam.forms import ObjectiveExamForm
from ..exam.models import ObjectiveExam
from ..forms import AmendmentReasonForm
from ..models import AuditEvent
from ..permissions import staff_required, therapist_required
from .common import intake_for

Action = AuditEvent.Action


def _exam_for(request, uuid) -> ObjectiveExam:
    return get_object_or_404(
        ObjectiveExam.objects.for_user(request.user).select_related(
            "patient", "intake", "performed_by"
        ),
        uuid=uuid,
    )


def _after_save(request, exam, raised):
    """The safety instruction first if the exam raised an emergency or urgent flag."""
    blocking = [flag for flag in raised if flag.blocks_program]
    if blocking and exam.intake_id and all(f.intake_id == exam.intake_id for f in blocking):
        return redirect("clinic:intake-instruction", uuid=exam.intake.uuid)
    if raised:
        messages.warning(
            request,
            _("The exam raised %(n)s red flag(s): see the top of the exam.") % {"n": len(raised)},
        )
    messages.success(request, _("Objective exam saved."))
    return redirect(exam)


def _form_context(request, form, *, patient, intake=None, exam=None, reason_form=None):
    return {
        "form": form,
        "patient": patient,
        "intake": intake,
        "exam": exam,
        "reason_form": reason_form,
        "amending": reason_form is not None,
        "error_items": form.error_items(reason_form) if form.is_bound else [],
    }


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_exam(request, uuid):
    """The exam taken at this intake: recorded, or changed while the intake is a draft."""
    intake = intake_for(request, uuid)
    exam = ObjectiveExam.objects.filter(intake=intake).first()
    if exam is not None and exam.is_locked:
        messages.info(
            request, _("This exam is locked with the signed intake: corrections are amendments.")
        )
        return redirect("clinic:exam-amend", uuid=exam.uuid)
    patient = intake.patient
    if patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to record an exam."))
        return redirect(intake)
    previous = exam.previous_exam() if exam else patient.objective_exams.latest_first().first()
    form = ObjectiveExamForm(
        request.POST or None, exam=exam, previous=previous, default_date=intake.visit_date
    )
    if request.method == "POST" and form.is_valid():
        try:
            if exam is None:
                exam, raised = services.record_exam(
                    patient=patient,
                    by=request.user,
                    data=form.findings_data(),
                    intake=intake,
                    performed_on=form.cleaned_data["performed_on"],
                )
            else:
                raised = services.update_exam(
                    exam=exam,
                    by=request.user,
                    data=form.findings_data(),
                    performed_on=form.cleaned_data["performed_on"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_save(request, exam, raised)
    if request.method == "GET":
        audit.log_event(
            request, Action.VIEW, patient=patient, obj=exam or intake, detail="objective exam form"
        )
    return render(
        request,
        "clinic/exam/form.html",
        _form_context(request, form, patient=patient, intake=intake, exam=exam),
    )


@therapist_required
@require_http_methods(["GET", "POST"])
def exam_amend(request, uuid):
    """Correct a locked exam: the amendment keeps each finding as it was. An exam of a visit
    still in draft (a re-assessment not yet signed) is changed in place instead."""
    exam = _exam_for(request, uuid)
    locked = exam.is_locked
    if not locked and exam.intake_id is not None:
        return redirect("clinic:intake-exam", uuid=exam.intake.uuid)
    if exam.patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to change the exam."))
        return redirect(exam)
    form = ObjectiveExamForm(
        request.POST or None, exam=exam, previous=exam.previous_exam(), ask_date=not locked
    )
    reason_form = AmendmentReasonForm(request.POST or None) if locked else None
    if (
        request.method == "POST"
        and form.is_valid()
        and (reason_form is None or reason_form.is_valid())
    ):
        try:
            if locked:
                _amendment, raised = services.amend_exam(
                    exam=exam,
                    by=request.user,
                    data=form.findings_data(),
                    reason=reason_form.cleaned_data["reason"],
                )
            else:
                raised = services.update_exam(
                    exam=exam,
                    by=request.user,
                    data=form.findings_data(),
                    performed_on=form.cleaned_data["performed_on"],
                )
        except ValidationError as error:
            (reason_form or form).add_error(None, error)
        else:
            return _after_save(request, exam, raised)
    if request.method == "GET":
        audit.log_event(
            request, Action.VIEW, patient=exam.patient, obj=exam, detail="amend objective exam"
        )
    return render(
        request,
        "clinic/exam/form.html",
        _form_context(
            request,
            form,
            patient=exam.patient,
            intake=exam.intake,
            exam=exam,
            reason_form=reason_form,
        ),
    )


@staff_required
@require_GET
def exam_detail(request, uuid):
    exam = _exam_for(request, uuid)
    previous = exam.previous_exam()
    flags = list(exam.raised_flags.select_related("intake").by_severity("created_at"))
    audit.log_event(request, Action.VIEW, patient=exam.patient, obj=exam)
    open_blocking = [f for f in flags if f.blocks_program]
    return render(
        request,
        "clinic/exam/detail.html",
        {
            "exam": exam,
            "patient": exam.patient,
            "intake": exam.intake,
            "previous": previous,
            "summary": exam_summary(exam, previous),
            "flags": flags,
            "open_flags": [f for f in flags if f.is_open],
            "instruction": redflags.TIER_INSTRUCTIONS[min(f.tier for f in open_blocking)]
            if open_blocking
            else "",
            "amendments": list(exam.amendments.select_related("amended_by")),
            "is_clinician": request.user.is_therapist,
        },
    )
