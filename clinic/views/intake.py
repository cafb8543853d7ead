"""An intake, section by section: start, save, amend after signing, read, sign, and the
safety instruction shown when an emergency or urgent red flag is raised."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from .. import audit, bodychart, imaging_reports, redflags, services
from ..exam.display import exam_summary
from ..exam.models import ObjectiveExam
from ..forms import AmendmentReasonForm, SignIntakeForm
from ..intake.sections import SECTION_BY_SLUG, SECTIONS, BodyChartSection, next_section
from ..models import AuditEvent, Patient, RedFlag
from ..permissions import staff_required, therapist_required
from ..selfservice import review as self_review
from .common import intake_for

Action = AuditEvent.Action


def _section_context(intake, form, section, *, amending=False, reason_form=None):
    return {
        "intake": intake,
        "patient": form.patient,
        "form": form,
        "section": section,
        "sections": SECTIONS,
        "completed": set(intake.completed_sections) if intake else set(),
        "amending": amending,
        "reason_form": reason_form,
        "error_items": form.summary_items(reason_form) if form.is_bound else [],
        "tier_instructions": redflags.TIER_INSTRUCTIONS,
        "next": next_section(section.slug),
        **_bodychart_form_context(form, section),
    }


def _after_save(request, intake, section, raised):
    """Where to go after saving a section: the safety instruction first, if one was raised."""
    if any(flag.blocks_program for flag in raised):
        return redirect("clinic:intake-instruction", uuid=intake.uuid)
    if raised:
        messages.warning(
            request,
            ngettext(
                "%(count)d red flag raised for clinician review: see the top of the intake.",
                "%(count)d red flags raised for clinician review: see the top of the intake.",
                len(raised),
            )
            % {"count": len(raised)},
        )
    messages.success(request, _("“%(section)s” saved.") % {"section": section.title})
    following = next_section(section.slug)
    if request.POST.get("then") == "next" and following is not None:
        return redirect("clinic:intake-section", uuid=intake.uuid, slug=following.slug)
    if request.POST.get("then") == "next":
        return redirect("clinic:intake-sign", uuid=intake.uuid)
    return redirect(intake)


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_create(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    if patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to start an intake."))
        return redirect(patient)
    section = SECTION_BY_SLUG["complaint"]
    form = section(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        intake = services.create_intake(
            patient=patient, therapist=request.user, data=form.storage()
        )
        return _after_save(request, intake, section, list(intake.red_flags.all()))
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail="new intake")
    return render(request, "clinic/intake/section.html", _section_context(None, form, section))


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_section(request, uuid, slug):
    intake = intake_for(request, uuid)
    section = SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such intake section.")
    if intake.is_signed:
        messages.info(request, _("This intake is signed and locked. Corrections are amendments."))
        return redirect("clinic:intake-amend", uuid=intake.uuid, slug=slug)
    if intake.patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to change the intake."))
        return redirect(intake)
    form = _section_form(section, request, intake)
    if request.method == "POST" and form.is_valid():
        try:
            raised = services.save_intake_section(
                intake=intake, section=slug, data=form.storage(), by=request.user
            )
        except ValidationError as error:
            # Signed or archived by someone else since the page was opened.
            messages.error(request, " ".join(error.messages))
            return redirect(intake)
        return _after_save(request, intake, section, raised)
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=intake.patient, obj=intake, detail=slug)
    return render(request, "clinic/intake/section.html", _section_context(intake, form, section))


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_amend(request, uuid, slug):
    intake = intake_for(request, uuid)
    section = SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such intake section.")
    if not intake.is_signed:
        return redirect("clinic:intake-section", uuid=intake.uuid, slug=slug)
    form = _section_form(section, request, intake)
    reason_form = AmendmentReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and reason_form.is_valid():
        try:
            _amendment, raised = services.amend_intake(
                intake=intake,
                section=slug,
                data=form.storage(),
                reason=reason_form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            reason_form.add_error(None, error)
        else:
            if any(flag.blocks_program for flag in raised):
                return redirect("clinic:intake-instruction", uuid=intake.uuid)
            messages.success(
                request, _("Amendment to “%(section)s” recorded.") % {"section": section.title}
            )
            return redirect(intake)
    if request.method == "GET":
        audit.log_event(
            request, Action.VIEW, patient=intake.patient, obj=intake, detail=f"amend {slug}"
        )
    return render(
        request,
        "clinic/intake/section.html",
        _section_context(intake, form, section, amending=True, reason_form=reason_form),
    )


def _section_form(section, request, intake):
    return section(request.POST or None, intake=intake)


@staff_required
@require_GET
def intake_detail(request, uuid):
    intake = intake_for(request, uuid)
    stored = [(s, s.summary(intake)) for s in SECTIONS]
    audit.log_event(request, Action.VIEW, patient=intake.patient, obj=intake)
    flags = list(intake.red_flags.select_related("decided_by").by_severity("created_at"))
    return render(
        request,
        "clinic/intake/detail.html",
        {
            "intake": intake,
            "patient": intake.patient,
            "sections": stored,
            "completed": set(intake.completed_sections),
            "flags": flags,
            "open_flags": [f for f in flags if f.is_open],
            "amendments": list(intake.amendments.select_related("amended_by")),
            "signing_sections": [s for s in SECTIONS if s.required_for_signing],
            "is_clinician": request.user.is_therapist,
            "chart": bodychart.intake_chart(intake),
            "derived": intake.derived or {},
            "imaging": imaging_reports.imaging_entries(intake, imaging_reports.reports_of(intake)),
            **_exam_context(intake),
        },
    )


@therapist_required
@require_http_methods(["GET", "POST"])
def intake_sign(request, uuid):
    intake = intake_for(request, uuid)
    if intake.is_signed:
        messages.info(request, _("This intake is already signed."))
        return redirect(intake)
    form = SignIntakeForm(request.POST or None, patient=intake.patient)
    missing = [
        s for s in SECTIONS if s.required_for_signing and s.slug not in intake.completed_sections
    ]
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_intake(
                intake=intake,
                consents=form.consents(),
                signature_name=form.cleaned_data["signature_name"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Signed. The intake is now locked; corrections are amendments.")
            )
            return redirect(intake)
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=intake.patient, obj=intake, detail="sign")
    return render(
        request,
        "clinic/intake/sign.html",
        {
            "intake": intake,
            "patient": intake.patient,
            "form": form,
            "missing": missing,
            "unreviewed": self_review.unreviewed_sections(intake),
            "sections": SECTIONS,
            "completed": set(intake.completed_sections),
        },
    )


@staff_required
@require_GET
def intake_instruction(request, uuid):
    """The full-screen instruction for the patient when an emergency or urgent flag is open."""
    intake = intake_for(request, uuid)
    flags = list(intake.red_flags.open_flags().filter(tier__in=RedFlag.CLEARANCE_TIERS))
    if not flags:
        return redirect(intake)
    tier = min(f.tier for f in flags)  # "E" sorts before "U"
    audit.log_event(
        request, Action.VIEW, patient=intake.patient, obj=intake, detail="safety instruction shown"
    )
    return render(
        request,
        "clinic/intake/instruction.html",
        {
            "intake": intake,
            "patient": intake.patient,
            "flags": flags,
            "tier": tier,
            "instruction": redflags.TIER_INSTRUCTIONS[tier],
            "shown_at": min(f.instruction_shown_at or f.created_at for f in flags),
            "note": redflags.SCREENING_NOTE,
        },
    )


def _exam_context(intake) -> dict:
    """The objective exam taken at this intake, if any (clinic/exam/)."""
    exam = ObjectiveExam.objects.filter(intake=intake).select_related("performed_by").first()
    if exam is not None:
        exam.intake = intake  # already read: is_locked asks whether it is signed
    return {"exam": exam, "summary": exam_summary(exam) if exam else None}


def _bodychart_form_context(form, section):
    return {"bodychart": form.widget()} if section is BodyChartSection else {}
