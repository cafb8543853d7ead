"""The re-assessment visit: start one after a signed intake, save its draft, read it, sign it,
and amend its progress note once signed. Therapists write; the clinic admin reads; patients
never see it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, redflags
from ..exam.display import exam_summary
from ..exam.forms import ObjectiveExamForm
from ..models import AuditEvent, OutcomeMeasure, Patient, RedFlag
from ..permissions import staff_required, therapist_required
from ..questionnaires.models import MeasureSchedule
from ..reassessment import carry
from ..reassessment.exam_changes import exam_changes
from ..reassessment.forms import AmendForm, ReassessmentForm
from ..reassessment.models import Reassessment
from ..reassessment.services import (
    amend_reassessment,
    last_signed_intake,
    record_reassessment,
    record_visit_exam,
    sign_reassessment,
)

Action = AuditEvent.Action

# The measures a re-assessment repeats when the record names none: pain, disability,
# function and leg symptoms. Otherwise the visit repeats the patient's scheduled measures and
# those with a baseline (see measures_due), linked from the visit and dated on it.
SCHEDULED_MEASURES = ("nprs", "rmdq", "psfs", "sbi")
# A risk screen, not an outcome: repeated only when it is on the patient's schedule.
NOT_REPEATED_UNLESS_SCHEDULED = frozenset({"start_back"})


def measures_due(patient, visit_date) -> list[str]:
    """The instruments a visit on `visit_date` repeats, in the instrument list's order: those on
    the patient's current schedule and those recorded before the visit (a baseline to compare
    with), the STarT Back screen only when scheduled. The default set when there are neither."""
    scheduled = set(
        MeasureSchedule.objects.filter(patient=patient, ended_at__isnull=True).values_list(
            "instrument", flat=True
        )
    )
    earlier = set(
        OutcomeMeasure.objects.filter(patient=patient, taken_on__lt=visit_date).values_list(
            "instrument", flat=True
        )
    )
    due = scheduled | (earlier - NOT_REPEATED_UNLESS_SCHEDULED)
    if not due:
        due = set(SCHEDULED_MEASURES)
    return [slug for slug in OutcomeMeasure.Instrument.values if slug in due]


def _visit_for(request, uuid, visit) -> Reassessment:
    """The visit, if the user may see its patient; 404 otherwise (also for another patient's
    uuid in the path)."""
    return get_object_or_404(
        Reassessment.objects.for_user(request.user).select_related(
            "patient", "intake", "performed_by", "signed_by"
        ),
        uuid=visit,
        patient__uuid=uuid,
    )


def _form_page(request, patient, form, *, visit=None, source=None):
    return render(
        request,
        "clinic/reassessments/form.html",
        {
            "patient": patient,
            "form": form,
            "visit": visit,
            "intake": visit.intake if visit else form.intake,
            "source": source,
            "error_items": form.error_items() if form.is_bound else [],
            "note": redflags.SCREENING_NOTE,
        },
    )


def _save(request, patient, form, visit=None):
    try:
        saved, flags = record_reassessment(
            patient=patient,
            by=request.user,
            visit_date=form.cleaned_data["visit_date"],
            statuses=form.statuses(),
            values=form.values(),
            screen_answers=form.screen_answers(),
            note=form.note(),
            reassessment=visit,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if any(flag.tier in RedFlag.CLEARANCE_TIERS for flag in flags):
        messages.error(request, _("A red flag is open: tell the patient what to do now (below)."))
    else:
        messages.success(request, _("Re-assessment saved. Sign it when the note is complete."))
    return redirect(saved)


@therapist_required
@require_http_methods(["GET", "POST"])
def reassessment_create(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    if patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to re-assess."))
        return redirect(patient)
    intake = last_signed_intake(patient)
    if intake is None:
        messages.error(
            request, _("A re-assessment follows a signed intake: sign the intake first.")
        )
        return redirect(patient)
    before, source = carry.previous_values(intake)
    form = ReassessmentForm(request.POST or None, before=before)
    form.intake = intake
    if request.method == "POST" and form.is_valid():
        response = _save(request, patient, form)
        if response is not None:
            return response
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail="new re-assessment")
    return _form_page(request, patient, form, source=source)


@therapist_required
@require_http_methods(["GET", "POST"])
def reassessment_edit(request, uuid, visit):
    visit = _visit_for(request, uuid, visit)
    if visit.is_signed:
        messages.info(
            request, _("This re-assessment is signed and locked. Corrections are amendments.")
        )
        return redirect("clinic:reassessment-amend", uuid=uuid, visit=visit.uuid)
    before = {row["key"]: row.get("before") for row in visit.carried}
    form = ReassessmentForm(request.POST or None, before=before, visit=visit)
    if request.method == "POST" and form.is_valid():
        response = _save(request, visit.patient, form, visit)
        if response is not None:
            return response
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=visit.patient, obj=visit, detail="edit")
    return _form_page(request, visit.patient, form, visit=visit)


@staff_required
@require_GET
def reassessment_detail(request, uuid, visit):
    visit = _visit_for(request, uuid, visit)
    patient = visit.patient
    flags = list(visit.raised_flags.select_related("decided_by").by_severity("created_at"))
    if visit.exam_id:
        flags += [f for f in visit.exam.raised_flags.by_severity("created_at") if f not in flags]
    open_urgent = [f for f in flags if f.is_open and f.tier in RedFlag.CLEARANCE_TIERS]
    screen = [
        {
            "code": code,
            "question": question,
            "answer": visit.screen_answers.get(code),
            "tier": redflags.QUESTIONS_BY_CODE[code].tier,
            "instruction": redflags.QUESTIONS_BY_CODE[code].instruction,
        }
        for code, question in redflags.SHORT_FORM_QUESTIONS.items()
    ]
    visit_measures = list(
        OutcomeMeasure.objects.filter(patient=patient, taken_on=visit.visit_date).order_by(
            "instrument", "id"
        )
    )
    audit.log_event(request, Action.VIEW, patient=patient, obj=visit)
    done = {m.instrument for m in visit_measures}
    # The measures due at this visit and not yet recorded on its date.
    measure_links = [
        (
            OutcomeMeasure.Instrument(slug).label,
            reverse("clinic:measure-create", kwargs={"uuid": patient.uuid, "instrument": slug})
            + f"?taken_on={visit.visit_date.isoformat()}&next={visit.get_absolute_url()}",
        )
        for slug in measures_due(patient, visit.visit_date)
        if slug not in done
    ]
    exam = visit.exam
    previous_exam = exam.previous_exam() if exam else None
    return render(
        request,
        "clinic/reassessments/detail.html",
        {
            "exam": exam,
            "previous_exam": previous_exam,
            "summary": exam_summary(exam, previous_exam) if exam else None,
            "exam_changes": exam_changes(exam, previous_exam) if exam else [],
            "visit": visit,
            "patient": patient,
            "screen": screen,
            "flags": flags,
            "open_urgent": open_urgent,
            "tier": min((f.tier for f in open_urgent), default=None),
            "tier_instructions": redflags.TIER_INSTRUCTIONS,
            "visit_measures": visit_measures,
            "measure_links": measure_links,
            "amendments": list(visit.amendments.select_related("amended_by")),
            "is_clinician": request.user.is_therapist,
        },
    )


@therapist_required
@require_POST
def reassessment_sign(request, uuid, visit):
    visit = _visit_for(request, uuid, visit)
    try:
        sign_reassessment(reassessment=visit, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Signed. The re-assessment is locked; corrections are amendments.")
        )
    return redirect(visit)


@therapist_required
@require_http_methods(["GET", "POST"])
def reassessment_amend(request, uuid, visit):
    visit = _visit_for(request, uuid, visit)
    if not visit.is_signed:
        return redirect("clinic:reassessment-edit", uuid=uuid, visit=visit.uuid)
    form = AmendForm(
        request.POST or None,
        initial={
            name: getattr(visit, name)
            for name in ("patient_change", "exam_change", "plan", "plan_note")
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            amend_reassessment(
                reassessment=visit,
                note=form.note(),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Amendment recorded; the original text is kept with it."))
            return redirect(visit)
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=visit.patient, obj=visit, detail="amend")
    return render(
        request,
        "clinic/reassessments/amend.html",
        {"visit": visit, "patient": visit.patient, "form": form},
    )


@therapist_required
@require_http_methods(["GET", "POST"])
def reassessment_exam(request, uuid, visit):
    """Repeat the objective exam at this visit, compared with the patient's previous exam."""
    visit = _visit_for(request, uuid, visit)
    if visit.exam_id is not None:
        return redirect("clinic:exam-amend", uuid=visit.exam.uuid)
    if visit.is_signed:
        messages.info(request, _("This re-assessment is signed and locked."))
        return redirect(visit)
    patient = visit.patient
    previous = patient.objective_exams.filter(performed_on__lte=visit.visit_date)
    previous = previous.latest_first().first()
    form = ObjectiveExamForm(request.POST or None, previous=previous, default_date=visit.visit_date)
    if request.method == "POST" and form.is_valid():
        try:
            _visit, flags = record_visit_exam(
                reassessment=visit,
                data=form.findings_data(),
                by=request.user,
                performed_on=form.cleaned_data["performed_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if any(flag.blocks_program for flag in flags):
                messages.error(
                    request, _("The exam raised a red flag: tell the patient now (below).")
                )
            else:
                messages.success(request, _("Objective exam saved with the re-assessment."))
            return redirect(visit)
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, obj=visit, detail="objective exam")
    return render(
        request,
        "clinic/exam/form.html",
        {
            "form": form,
            "patient": patient,
            "intake": None,
            "exam": None,
            "reason_form": None,
            "amending": False,
            "error_items": form.error_items() if form.is_bound else [],
        },
    )
