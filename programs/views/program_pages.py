"""A patient's programs, creating one, the program page with its history, preview, revisions,
and the whole-page actions on a program (publish, archive, restore).

Staff read every program of the clinic; only therapists create, publish and archive (403 for
the clinic admin and patients). A patient reaches only the current revision of their own
program, as they see it (anything else is 404).
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic import audit
from clinic.models import AuditEvent, Patient
from clinic.permissions import staff_required, therapist_required
from clinic.screening import screening_status

from .. import library, services
from ..forms import ProgramCreateForm, PublishForm, VersionForm
from ..models import Program, ProgramRevision, ProtocolTemplate
from ..services import PortalReach as Reach
from ..services import VersionConflict, exercise_clashes
from ..templatetags.snapshot_tags import snapshot_pictures
from .builder import ItemRow, builder_page_context, builder_url, get_program, program_items

Action = AuditEvent.Action

# --- pages ------------------------------------------------------------------------------------


@staff_required
@require_GET
def program_list(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    programs = Program.objects.for_user(request.user).filter(patient=patient).with_summary()
    audit.log_event(request, Action.VIEW, patient=patient, detail=_("program list"))
    return render(request, "programs/program_list.html", {"patient": patient, "programs": programs})


@therapist_required
@require_http_methods(["GET", "POST"])
def program_create(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    initial = {"start_date": timezone.localdate()}
    template_uuid = request.GET.get("template", "")
    if template_uuid:
        initial["template"] = (
            ProtocolTemplate.objects.for_user(request.user)
            .active()
            .filter(uuid__in=[template_uuid] if _is_uuid(template_uuid) else [])
            .first()
        )
    form = ProgramCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.create_program(patient=patient, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            report_left_out(request, result)
            return redirect(builder_url(result.program))
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail=_("new program"))
    return render(request, "programs/program_form.html", {"patient": patient, "form": form})


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


def report_left_out(request, result: services.NewProgram) -> None:
    program = result.program
    messages.success(
        request,
        _("“{title}” was created as a draft for {patient}.").format(
            title=program.title, patient=program.patient
        ),
    )
    for left in result.left_out:
        messages.warning(
            request,
            _(
                "{name} was left out: {reason}. Add it from the library with a written reason if "
                "you still want it."
            ).format(name=left.exercise.name, reason=left.reason),
        )


@staff_required
@require_GET
def program_detail(request, uuid):
    program = get_program(request, uuid)
    tags = program.patient.precaution_tags()
    rows = [
        ItemRow(item=item, clashes=exercise_clashes(item.exercise, tags))
        for item in program_items(program)
    ]
    revisions = program.revisions.select_related("published_by").order_by("-number")
    audit.log_event(request, Action.VIEW, patient=program.patient, obj=program)
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "patient": program.patient,
            "rows": rows,
            "revisions": revisions,
            "flags": list(program.patient.clearance_flags()),
            "screening": screening_status(program.patient),
            "unexplained": [row for row in rows if row.needs_override],
            "version_form": VersionForm(initial={"version": program.version}),
        },
    )


@dataclass
class ExerciseSheet:
    """One exercise of a snapshot as the patient sees it, with the pictures frozen in it."""

    item: dict
    pictures: dict = field(default_factory=dict)
    equipment: list[str] = field(default_factory=list)
    cautions: services.PatientCautions = field(default_factory=services.PatientCautions)

    @property
    def exercise(self) -> dict:
        return self.item.get("exercise") or {}


def exercise_sheets(snapshot: dict, precaution_tags: list[str]) -> list[ExerciseSheet]:
    """Everything the patient page shows per exercise: the snapshot, and the cautions for the
    patient's current precautions."""
    items = snapshot.get("items") or []
    pictures = snapshot_pictures([item.get("exercise") or {} for item in items])
    labels = library.equipment_labels()
    return [
        ExerciseSheet(
            item=item,
            pictures=drawn,
            equipment=[
                labels.get(key, key) for key in (item.get("exercise") or {}).get("equipment") or []
            ],
            cautions=services.patient_cautions(item.get("exercise") or {}, precaution_tags),
        )
        for item, drawn in zip(items, pictures, strict=True)
    ]


def _patient_view_context(snapshot: dict, patient) -> dict:
    return {
        "snapshot": snapshot,
        "sheets": exercise_sheets(snapshot, patient.precaution_tags()),
        "stop_rules": services.UNIVERSAL_STOP_RULES,
    }


@staff_required
@require_GET
def program_preview(request, uuid):
    """The draft as the patient would see it if it were published now."""
    program = get_program(request, uuid)
    snapshot = services.build_snapshot(program)
    audit.log_event(request, Action.VIEW, patient=program.patient, obj=program, detail="preview")
    return render(
        request,
        "programs/program_preview.html",
        {"program": program, **_patient_view_context(snapshot, program.patient)},
    )


@login_required
@require_GET
def revision_detail(request, uuid):
    """A published revision exactly as the patient sees it (patients: only their current one)."""
    revisions = ProgramRevision.objects.for_user(request.user).select_related(
        "program__patient__user", "program__current_revision", "published_by"
    )
    revision = get_object_or_404(revisions, uuid=uuid)
    audit.log_event(request, Action.VIEW, patient=revision.program.patient, obj=revision)
    return render(
        request,
        "programs/program_revision.html",
        {
            "revision": revision,
            "program": revision.program,
            "version_label": _("Version {number}").format(number=revision.number),
            **_patient_view_context(revision.snapshot, revision.program.patient),
        },
    )


# --- publish and archive (whole-page forms) ---------------------------------------------------


def conflict_message(conflict: VersionConflict) -> str:
    program = conflict.program
    who = program.updated_by.get_full_name() if program.updated_by else _("Someone")
    when = timezone.localtime(program.updated_at).strftime("%-I:%M %p on %-d %b")
    return _("{who} changed this program at {when}, after your page was loaded.").format(
        who=who, when=when
    )


@therapist_required
@require_POST
def program_publish(request, uuid):
    program = get_program(request, uuid)
    form = PublishForm(request.POST)
    if not form.is_valid():
        if "screening_override_reason" in form.errors and "version" not in form.errors:
            return _override_refused(request, program, form)
        messages.error(request, _("The program could not be published; reload and try again."))
        return redirect(builder_url(program))
    reason = form.cleaned_data["screening_override_reason"]
    try:
        revision = services.publish_program(
            program=program,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            screening_override_reason=reason,
        )
    except VersionConflict as conflict:
        messages.error(
            request,
            _("Not published. {conflict} Check their changes, then publish.").format(
                conflict=conflict_message(conflict)
            ),
        )
        if reason.strip():
            return _override_refused(request, conflict.program, form, status=409)
        return redirect(builder_url(program))
    except ValidationError as error:
        if reason.strip() and error.code in SCREENING_OVERRIDE_ERRORS:
            form.add_error("screening_override_reason", error)
            return _override_refused(request, program, form)
        messages.error(
            request, _("Not published. {reasons}").format(reasons=" ".join(error.messages))
        )
        return redirect(program if program.is_archived else builder_url(program))
    reach = services.portal_reach(program.patient)
    notice = published_message(program.patient, revision, reach)
    if reach in (Reach.EMAILED, Reach.NO_EMAIL_CONSENT):
        messages.success(request, notice)
    else:
        messages.warning(request, notice)
    return redirect(program)


SCREENING_OVERRIDE_ERRORS = {"override_too_short", "override_not_allowed"}


def _override_refused(request, program: Program, form: PublishForm, *, status: int = 422):
    """The builder again, with the written override reason kept and its message beside it."""
    program = Program.objects.select_related(
        "patient", "therapist", "updated_by", "current_revision"
    ).get(pk=program.pk)
    data = request.POST.copy()
    data["version"] = str(program.version)
    typed = PublishForm(data)
    typed.is_valid()
    for error in form.errors.get("screening_override_reason", []):
        if error not in typed.errors.get("screening_override_reason", []):
            typed.add_error("screening_override_reason", error)
    context = builder_page_context(request, program, publish_form=typed, override_open=True)
    return render(request, "programs/program_builder.html", context, status=status)


def published_message(patient: Patient, revision: ProgramRevision, reach: Reach) -> str:
    """What the therapist reads after publishing: whether and how the patient will see it, and
    what to do when they cannot yet."""
    name = patient.display_name
    done = _("Version {number} is published.").format(number=revision.number)
    invitation = reverse("clinic:patient-invitation", kwargs={"uuid": patient.uuid})
    if reach == Reach.EMAILED:
        if revision.number == 1:
            told = _(
                "{done} {name} is being emailed that their program is ready; they see it when "
                "they sign in."
            )
        else:
            told = _(
                "{done} {name} is being emailed that it was updated; they see it when they sign in."
            )
        return told.format(done=done, name=name)
    if reach == Reach.NO_EMAIL_CONSENT:
        return _(
            "{done} {name} sees it the next time they sign in to the portal (they have not "
            "agreed to email, so no email was sent)."
        ).format(done=done, name=name)
    if reach == Reach.ACCOUNT_OFF:
        return _(
            "{done} {name}'s portal account is switched off, so they cannot see it online. "
            "Print the handout for them."
        ).format(done=done, name=name)
    if reach == Reach.INVITED:
        return format_html(
            _(
                "{done} {name} has not accepted their portal invitation yet, so they cannot see "
                'it online. <a href="{url}">Send the invitation again</a> or print the handout '
                "for them."
            ),
            done=done,
            name=name,
            url=invitation,
        )
    if reach == Reach.NOT_INVITED:
        return format_html(
            _(
                "{done} {name} has no portal account yet, so they cannot see it online. "
                '<a href="{url}">Invite them to the portal</a> or print the handout for them.'
            ),
            done=done,
            name=name,
            url=invitation,
        )
    return format_html(
        _(
            "{done} {name} has no email address on record, so they cannot be invited to the "
            'portal. Add their email address, then <a href="{url}">invite them</a>; meanwhile, '
            "print the handout for them."
        ),
        done=done,
        name=name,
        url=invitation,
    )


def _archive_toggle(request, uuid, action, done: str, *, archiving: bool):
    program = get_program(request, uuid)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reload the page and try again."))
        return redirect(program)
    try:
        action(program=program, by=request.user, expected_version=form.cleaned_data["version"])
    except VersionConflict as conflict:
        messages.error(
            request,
            _("Nothing changed. {conflict} Check and retry.").format(
                conflict=conflict_message(conflict)
            ),
        )
    else:
        if program.current_revision_id is None and archiving:
            done = _("Draft archived. It was never published, so the patient never saw it.")
        messages.success(request, done)
    return redirect(program)


@therapist_required
@require_POST
def program_archive(request, uuid):
    return _archive_toggle(
        request,
        uuid,
        services.archive_program,
        _("Program archived. The patient no longer sees it; every version is kept."),
        archiving=True,
    )


@therapist_required
@require_POST
def program_restore(request, uuid):
    return _archive_toggle(
        request, uuid, services.restore_program, _("Program restored."), archiving=False
    )
