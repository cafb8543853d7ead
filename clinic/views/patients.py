"""The patient list and search, registering a patient, editing, archiving and restoring."""

import re
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import audit, services
from ..forms import PatientForm, PatientSearchForm
from ..models import AuditEvent, Intake, Patient, RedFlag
from ..permissions import staff_required

Action = AuditEvent.Action

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
