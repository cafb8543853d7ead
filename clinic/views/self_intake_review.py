"""The therapist's side-by-side review of a pre-visit intake the patient filled in themselves:
what the patient said next to what the draft intake says, confirmed or corrected per section."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, redflags
from ..intake.sections import SECTION_BY_SLUG, BodyChartSection
from ..models import AuditEvent
from ..permissions import staff_required, therapist_required
from ..selfservice import review
from ..selfservice.models import SelfIntake

Action = AuditEvent.Action


class CorrectionNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why the correction (optional)"),
        help_text=gettext_lazy("For example: “Checked with the patient at the visit.”"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _self_intake(request, uuid) -> SelfIntake:
    """A submitted or reviewed self-intake the user may see, with its patient and draft."""
    return get_object_or_404(
        SelfIntake.objects.for_user(request.user)
        .exclude(intake__isnull=True)
        .select_related("patient", "intake", "intake__therapist", "reviewed_by"),
        uuid=uuid,
    )


def _section(self_intake, slug):
    section = SECTION_BY_SLUG.get(slug)
    if section is None or section not in review.review_sections(self_intake):
        raise Http404("The patient did not answer this section.")
    return section


@staff_required
@require_GET
def self_intake_review(request, uuid):
    self_intake = _self_intake(request, uuid)
    draft = self_intake.intake
    progress = review.review_progress(self_intake, draft=draft)
    flags = list(draft.red_flags.select_related("decided_by").by_severity("created_at"))
    audit.log_event(
        request, Action.VIEW, patient=self_intake.patient, obj=draft, detail="patient-reported"
    )
    return render(
        request,
        "clinic/selfservice/review.html",
        {
            "self_intake": self_intake,
            "intake": draft,
            "patient": self_intake.patient,
            "progress": progress,
            "flags": flags,
            "can_review": request.user.is_therapist
            and self_intake.status == SelfIntake.Status.SUBMITTED
            and not draft.is_signed
            and not self_intake.patient.is_archived,
        },
    )


@therapist_required
@require_POST
def self_intake_confirm(request, uuid, slug):
    self_intake = _self_intake(request, uuid)
    section = _section(self_intake, slug)
    try:
        review.confirm_section(self_intake=self_intake, section=slug, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("“%(title)s” confirmed as the patient said.") % {"title": section.title}
        )
    return redirect(_back_to(self_intake, slug))


@therapist_required
@require_http_methods(["GET", "POST"])
def self_intake_correct(request, uuid, slug):
    self_intake = _self_intake(request, uuid)
    section = _section(self_intake, slug)
    draft = self_intake.intake
    if self_intake.status != SelfIntake.Status.SUBMITTED or draft.is_signed:
        messages.info(request, _("This intake is already reviewed and signed."))
        return redirect(_back_to(self_intake, slug))
    form = section(request.POST or None, intake=draft)
    note_form = CorrectionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and note_form.is_valid():
        try:
            _review, raised = review.correct_section(
                self_intake=self_intake,
                section=slug,
                data=form.storage(),
                by=request.user,
                note=note_form.cleaned_data["note"],
            )
        except ValidationError as error:
            note_form.add_error(None, error)
        else:
            if any(flag.blocks_program for flag in raised):
                return redirect("clinic:intake-instruction", uuid=draft.uuid)
            messages.success(request, _("“%(title)s” corrected.") % {"title": section.title})
            return redirect(_back_to(self_intake, slug))
    if request.method == "GET":
        audit.log_event(
            request,
            Action.VIEW,
            patient=self_intake.patient,
            obj=draft,
            detail=f"correct patient-reported {slug}",
        )
    said = review.patient_intake(self_intake)
    return render(
        request,
        "clinic/selfservice/review_correct.html",
        {
            "self_intake": self_intake,
            "intake": draft,
            "patient": self_intake.patient,
            "section": section,
            "form": form,
            "note_form": note_form,
            "said": section.summary(said),
            "error_items": form.summary_items(note_form) if form.is_bound else [],
            "tier_instructions": redflags.TIER_INSTRUCTIONS,
            **({"bodychart": form.widget()} if section is BodyChartSection else {}),
        },
    )


def _back_to(self_intake, slug) -> str:
    return f"{reverse('clinic:self-intake-review', kwargs={'uuid': self_intake.uuid})}#s-{slug}"
