import re
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import audit, bodychart, measures, redflags, reports, services
from .forms import (
    AmendmentReasonForm,
    ClinicProfileForm,
    FlagDecisionForm,
    PatientForm,
    PatientSearchForm,
    SignIntakeForm,
    StaffForm,
)
from .intake.sections import SECTION_BY_SLUG, SECTIONS, BodyChartSection, next_section
from .measures.forms import MEASURE_FORMS
from .models import (
    AuditEvent,
    ClinicProfile,
    Intake,
    OutcomeMeasure,
    Patient,
    RedFlag,
    User,
)
from .permissions import admin_required, staff_required, therapist_required

Action = AuditEvent.Action


# --- staff management (clinic admin) ---------------------------------------------------------


@admin_required
def staff_list(request):
    staff = User.objects.staff_members().order_by("-is_active", "last_name", "first_name")
    return render(request, "clinic/staff_list.html", {"staff": staff})


@admin_required
def staff_create(request):
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_staff_member(created_by=request.user, **form.cleaned_data)
        messages.success(
            request, f"{user} was added. An email with a link to choose a password is on its way."
        )
        return redirect("clinic:staff-list")
    return render(request, "clinic/staff_form.html", {"form": form, "creating": True})


@admin_required
def staff_edit(request, pk):
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    form = StaffForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_staff_member(
                user=User.objects.get(pk=member.pk), changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, f"{member} was updated.")
            return redirect("clinic:staff-list")
    return render(request, "clinic/staff_form.html", {"form": form, "member": member})


@admin_required
@require_POST
def staff_set_active(request, pk):
    member = get_object_or_404(User.objects.staff_members(), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_staff_active(user=member, active=active, changed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        verb = "reactivated" if active else "deactivated"
        messages.success(request, f"{member}'s account was {verb}.")
    return redirect("clinic:staff-list")


# --- clinic details ---------------------------------------------------------------------------


@admin_required
def clinic_profile_edit(request):
    profile = ClinicProfile.load()
    form = ClinicProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if form.changed_data:
                # Who changed the clinic's details, and which: the two-factor rule among them.
                labels = [str(form.fields[name].label or name) for name in form.changed_data]
                audit.log_event(
                    request,
                    Action.UPDATE,
                    obj=profile,
                    detail=f"clinic details: {', '.join(labels)}",
                )
        messages.success(request, "The clinic's details were saved.")
        return redirect("clinic:clinic-profile")
    return render(request, "clinic/clinic_profile_form.html", {"form": form})


@require_GET
def clinic_logo(request):
    """The logo is not patient data; it is shown on the login page too."""
    profile = ClinicProfile.load()
    if not profile.logo:
        raise Http404
    return FileResponse(profile.logo.open("rb"))


# --- patients ---------------------------------------------------------------------------------

PATIENTS_PER_PAGE = 25


def _patient_list_queryset(user, form: PatientSearchForm):
    patients = Patient.objects.for_user(user).select_related("therapist")
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "active"
    if status == "active":
        patients = patients.active()
    elif status == "archived":
        patients = patients.archived()
    if data.get("mine"):
        patients = patients.filter(therapist=user)
    if data.get("flags"):
        patients = patients.filter(
            Exists(RedFlag.objects.filter(patient=OuterRef("pk"), status=RedFlag.Status.OPEN))
        )
    query = (data.get("q") or "").strip()
    if query:
        patients = patients.filter(_patient_search(query, form.search_date())).order_by(
            # The same order as Meta.ordering (last_name is never null), as an expression no
            # index supplies: otherwise PostgreSQL walks the whole name index hoping to meet
            # 25 matches early, and they sit together wherever their names fall in the
            # alphabet. This way it finds the matches through the search indexes, then sorts.
            Coalesce("last_name", Value("")),
            "first_name",
            "id",
        )
    open_flags = (
        RedFlag.objects.filter(patient=OuterRef("pk"), status=RedFlag.Status.OPEN)
        .order_by()
        .values("patient")
        .annotate(count=Count("id"))
        .values("count")
    )
    return patients.annotate(
        open_flag_count=Coalesce(Subquery(open_flags), 0),
        blocked=Exists(
            RedFlag.objects.filter(
                patient=OuterRef("pk"),
                status=RedFlag.Status.OPEN,
                tier__in=RedFlag.CLEARANCE_TIERS,
            )
        ),
        last_visit=Subquery(
            Intake.objects.filter(patient=OuterRef("pk"))
            .order_by("-visit_date")
            .values("visit_date")[:1]
        ),
    )


def _patient_search(query: str, on: date | None) -> Q:
    """Name (every word), email, phone (digits in any format) or date of birth."""
    if on is not None:
        return Q(date_of_birth=on)
    digits = re.sub(r"\D", "", query)
    if len(digits) >= 4 and not re.search(r"[A-Za-z@]", query):
        return Q(phone__regex=r"\D*".join(digits)) | Q(phone_alt__regex=r"\D*".join(digits))
    if "@" in query:
        return Q(email__icontains=query)
    condition = Q()
    for word in query.split()[:4]:
        condition &= (
            Q(last_name__istartswith=word)
            | Q(first_name__istartswith=word)
            | Q(preferred_name__istartswith=word)
        )
    return condition | Q(email__istartswith=query)


@staff_required
@require_GET
def patient_list(request):
    form = PatientSearchForm(request.GET or None)
    patients = _patient_list_queryset(request.user, form)
    page = Paginator(patients, PATIENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.headers.get("HX-Request"):
        return render(request, "clinic/patients/_results.html", context)
    return render(request, "clinic/patients/list.html", context)


@staff_required
def patient_create(request):
    form = PatientForm(request.POST or None, initial={"therapist": _default_therapist(request)})
    if request.method == "POST" and form.is_valid():
        patient = form.save(commit=False)
        patient.created_by = request.user
        patient.save()
        audit.log_event(request, Action.CREATE, patient=patient)
        messages.success(request, f"{patient.display_name} was registered.")
        return redirect(patient)
    return render(request, "clinic/patients/form.html", {"form": form})


def _default_therapist(request):
    return request.user.pk if request.user.is_therapist else None


@staff_required
def patient_edit(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.log_event(request, Action.UPDATE, patient=patient, detail="demographics")
        messages.success(request, f"{patient.display_name}'s details were saved.")
        return redirect(patient)
    return render(request, "clinic/patients/form.html", {"form": form, "patient": patient})


@staff_required
@require_POST
def patient_archive(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    try:
        services.archive_patient(patient=patient, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        audit.log_event(request, Action.ARCHIVE, patient=patient)
        messages.success(
            request, f"{patient.display_name} was archived. Their records are kept in full."
        )
    return redirect(patient)


@staff_required
@require_POST
def patient_restore(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    try:
        services.restore_patient(patient=patient, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        audit.log_event(request, Action.UPDATE, patient=patient, detail="restored from archive")
        messages.success(request, f"{patient.display_name} is active again.")
    return redirect(patient)


# --- intake -----------------------------------------------------------------------------------


def _intake_for(request, uuid):
    return get_object_or_404(
        Intake.objects.for_user(request.user).select_related("patient", "therapist"), uuid=uuid
    )


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
            f"{len(raised)} red flag{'s' if len(raised) > 1 else ''} raised for clinician "
            "review: see the top of the intake.",
        )
    messages.success(request, f"“{section.title}” saved.")
    following = next_section(section.slug)
    if request.POST.get("then") == "next" and following is not None:
        return redirect("clinic:intake-section", uuid=intake.uuid, slug=following.slug)
    if request.POST.get("then") == "next":
        return redirect("clinic:intake-sign", uuid=intake.uuid)
    return redirect(intake)


@therapist_required
def intake_create(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    if patient.is_archived:
        messages.error(request, "This patient is archived. Restore them to start an intake.")
        return redirect(patient)
    section = SECTION_BY_SLUG["complaint"]
    form = section(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        intake = services.create_intake(
            patient=patient, therapist=request.user, data=form.storage()
        )
        audit.log_event(request, Action.CREATE, patient=patient, obj=intake)
        return _after_save(request, intake, section, list(intake.red_flags.all()))
    return render(request, "clinic/intake/section.html", _section_context(None, form, section))


@therapist_required
def intake_section(request, uuid, slug):
    intake = _intake_for(request, uuid)
    section = SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such intake section.")
    if intake.is_signed:
        messages.info(request, "This intake is signed and locked. Corrections are amendments.")
        return redirect("clinic:intake-amend", uuid=intake.uuid, slug=slug)
    if intake.patient.is_archived:
        messages.error(request, "This patient is archived. Restore them to change the intake.")
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
        audit.log_event(request, Action.UPDATE, patient=intake.patient, obj=intake, detail=slug)
        return _after_save(request, intake, section, raised)
    return render(request, "clinic/intake/section.html", _section_context(intake, form, section))


@therapist_required
def intake_amend(request, uuid, slug):
    intake = _intake_for(request, uuid)
    section = SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such intake section.")
    if not intake.is_signed:
        return redirect("clinic:intake-section", uuid=intake.uuid, slug=slug)
    form = _section_form(section, request, intake)
    reason_form = AmendmentReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and reason_form.is_valid():
        try:
            _, raised = services.amend_intake(
                intake=intake,
                section=slug,
                data=form.storage(),
                reason=reason_form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            reason_form.add_error(None, error)
        else:
            audit.log_event(
                request,
                Action.UPDATE,
                patient=intake.patient,
                obj=intake,
                detail=f"amendment to {slug}",
            )
            if any(flag.blocks_program for flag in raised):
                return redirect("clinic:intake-instruction", uuid=intake.uuid)
            messages.success(request, f"Amendment to “{section.title}” recorded.")
            return redirect(intake)
    return render(
        request,
        "clinic/intake/section.html",
        _section_context(intake, form, section, amending=True, reason_form=reason_form),
    )


def _section_form(section, request, intake):
    return section(request.POST or None, intake=intake)


@staff_required
def intake_detail(request, uuid):
    intake = _intake_for(request, uuid)
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
            "imaging": reports.imaging_entries(intake, reports.reports_of(intake)),
        },
    )


@therapist_required
def intake_sign(request, uuid):
    intake = _intake_for(request, uuid)
    if intake.is_signed:
        messages.info(request, "This intake is already signed.")
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
            audit.log_event(
                request, Action.UPDATE, patient=intake.patient, obj=intake, detail="consent signed"
            )
            messages.success(
                request, "Signed. The intake is now locked; corrections are amendments."
            )
            return redirect(intake)
    return render(
        request,
        "clinic/intake/sign.html",
        {
            "intake": intake,
            "patient": intake.patient,
            "form": form,
            "missing": missing,
            "sections": SECTIONS,
            "completed": set(intake.completed_sections),
        },
    )


@staff_required
@require_GET
def intake_instruction(request, uuid):
    """The full-screen instruction for the patient when an emergency or urgent flag is open."""
    intake = _intake_for(request, uuid)
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


# --- red flags --------------------------------------------------------------------------------


@staff_required
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
            audit.log_event(
                request,
                Action.FLAG_DECISION,
                patient=flag.patient,
                obj=flag,
                detail=form.cleaned_data["reason"],
            )
            messages.success(request, "Decision recorded.")
            return redirect(flag.patient)
    return render(request, "clinic/flags/detail.html", _flag_context(flag, form))


# --- outcome measures -------------------------------------------------------------------------


@therapist_required
def measure_create(request, uuid, instrument):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    form_class = MEASURE_FORMS.get(instrument)
    if form_class is None:
        raise Http404("No such outcome measure.")
    if patient.is_archived:
        messages.error(request, "This patient is archived. Restore them to add measures.")
        return redirect(patient)
    kwargs = {"patient": patient}
    new_set = request.GET.get("new_set") == "1"
    if instrument == "psfs":
        kwargs["activities"] = [] if new_set else list(patient.psfs_activities.current())
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        common = {
            "patient": patient,
            "by": request.user,
            "taken_on": form.cleaned_data["taken_on"],
            "note": form.cleaned_data.get("note", ""),
        }
        if instrument == "psfs":
            names = form.new_activity_names() if form.naming else None
            measure = services.record_psfs(ratings=form.ratings(), new_activities=names, **common)
        else:
            measure = services.record_measure(
                instrument=instrument, answers=form.answers(), version=form.version(), **common
            )
        audit.log_event(request, Action.CREATE, patient=patient, obj=measure)
        messages.success(request, f"{measure.get_instrument_display()} saved.")
        return redirect(patient.get_absolute_url() + "#measures")
    return render(
        request,
        "clinic/measures/form.html",
        {"patient": patient, "form": form, "instrument": instrument, "new_set": new_set},
    )


@staff_required
@require_GET
def measure_detail(request, uuid):
    measure = get_object_or_404(
        OutcomeMeasure.objects.for_user(request.user).select_related("patient", "recorded_by"),
        uuid=uuid,
    )
    audit.log_event(request, Action.VIEW, patient=measure.patient, obj=measure)
    return render(
        request,
        "clinic/measures/detail.html",
        {"measure": measure, "patient": measure.patient, "items": measures.item_rows(measure)},
    )


def _bodychart_form_context(form, section):
    return {"bodychart": form.widget()} if section is BodyChartSection else {}
