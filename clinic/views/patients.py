"""The patient list and search, registering a patient, editing, archiving and restoring."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import audit, services
from ..forms import PatientForm, PatientSearchForm
from ..htmx import is_htmx_request, vary_on_htmx
from ..models import AuditEvent, Patient, User
from ..permissions import staff_required

Action = AuditEvent.Action

PATIENTS_PER_PAGE = 25
# The list counts its patients up to here and then says "more than": a search of a few
# letters can match tens of thousands in a large clinic, and counting them all costs as much
# as the page. Past it, the pages stop (40 of them) and the list asks for more letters.
PATIENTS_COUNTED = 1000


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` + 1 rows: `count` is exact up to `cap`, and
    `capped` says there are more, in which case the pages end at `cap` rows."""

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        # Unordered, so the database stops at the cap+1st match, wherever it finds it.
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return self.cap // self.per_page
        return super().num_pages


def _therapist_label():
    """The patient's therapist as `str(user)` reads: the full name, else the email."""
    name = Trim(Concat("first_name", Value(" "), "last_name"))
    return Subquery(
        User.objects.filter(pk=OuterRef("therapist_id"))
        .annotate(label=Coalesce(NullIf(name, Value("")), "email", output_field=CharField()))
        .values("label")[:1]
    )


def _patients_shown(user, form: PatientSearchForm):
    """The patients the list shows for the search box and filters, newest visit alongside,
    and a function giving the keys of its first n rows the cheap way (see
    PatientQuerySet.first_of_search; None when there is none)."""
    data = form.cleaned_data if form.is_valid() else {}
    # The therapist's name as a subquery, not a join: PostgreSQL joined every match to its
    # therapist before sorting (18,000 joins for five letters at 500,000 patients, a third
    # of the page's time); a subquery in the select list is worked out for the 25 shown.
    patients = Patient.objects.for_user(user).annotate(therapist_label=_therapist_label())
    status = data.get("status") or "active"
    if status == "active":
        patients = patients.active()
    elif status == "archived":
        patients = patients.archived()
    if data.get("mine"):
        patients = patients.filter(therapist=user)
    if data.get("flags"):
        patients = patients.with_open_flags()
    query = data.get("q") or ""
    on = form.search_date() if query else None
    shown = patients.search(query, on=on).with_flags_and_last_visit()

    def first_rows(rows: int):
        return patients.first_of_search(query, on=on, rows=rows)

    # PostgreSQL only: SQLite reads the matching rows in-process from its NOCASE indexes,
    # well within the list's target at 50,000 patients; the window is not known to help it.
    return shown, first_rows if connection.vendor == "postgresql" else None


@staff_required
@require_GET
def patient_list(request):
    form = PatientSearchForm(request.GET or None)
    patients, first_rows = _patients_shown(request.user, form)
    paginator = CappedPaginator(patients, PATIENTS_PER_PAGE, cap=PATIENTS_COUNTED)
    page = paginator.get_page(request.GET.get("page"))
    # The page's rows among the search's first ones up to the page's end: a search by name
    # then reads the rows it shows, not every match (the count above stops at the cap).
    end = page.number * PATIENTS_PER_PAGE
    window = first_rows(end) if first_rows else None
    if window is not None:
        page.object_list = patients.filter(pk__in=window)[end - PATIENTS_PER_PAGE : end]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    # A list names many patients: one row for the page, saying which search it answered.
    audit.log_event(request, Action.VIEW, detail=_list_detail(form, page.number))
    # A search swaps just the results; Back to a page htmx has not kept gets the whole page.
    if is_htmx_request(request):
        return vary_on_htmx(render(request, "clinic/patients/_results.html", context))
    return vary_on_htmx(render(request, "clinic/patients/list.html", context))


def _list_detail(form: PatientSearchForm, page_number: int) -> str:
    data = form.cleaned_data if form.is_valid() else {}
    parts = [f"patient list, page {page_number}"]
    if data.get("q"):
        parts.append(f"search “{data['q']}”")
    if data.get("status") in ("archived", "all"):
        parts.append(f"{data['status']} patients")
    if data.get("mine"):
        parts.append("own patients")
    if data.get("flags"):
        parts.append("open red flags")
    return ", ".join(parts)


@staff_required
@require_http_methods(["GET", "POST"])
def patient_create(request):
    form = PatientForm(request.POST or None, initial={"therapist": _default_therapist(request)})
    if request.method == "POST" and form.is_valid():
        patient = services.register_patient(patient=form.save(commit=False), by=request.user)
        messages.success(request, _("%(name)s was registered.") % {"name": patient.display_name})
        return redirect(patient)
    return render(request, "clinic/patients/form.html", {"form": form})


def _default_therapist(request):
    return request.user.pk if request.user.is_therapist else None


@staff_required
@require_http_methods(["GET", "POST"])
def patient_edit(request, uuid):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        services.save_patient_details(patient=form.save(commit=False), by=request.user)
        messages.success(
            request, _("%(name)s's details were saved.") % {"name": patient.display_name}
        )
        return redirect(patient)
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail="edit details")
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
        messages.success(
            request,
            _("%(name)s was archived. Their records are kept in full.")
            % {"name": patient.display_name},
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
        messages.success(request, _("%(name)s is active again.") % {"name": patient.display_name})
    return redirect(patient)
