"""Outcome measures: recording one for a patient, and reading it back item by item."""

from crispy_forms.layout import Layout
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import audit, measures, services
from ..intake.fields import parse_date
from ..measures import services as measure_services
from ..measures.forms import MEASURE_FORMS
from ..models import AuditEvent, OutcomeMeasure, Patient
from ..permissions import staff_required, therapist_required
from .common import local_next

Action = AuditEvent.Action


@therapist_required
@require_http_methods(["GET", "POST"])
def measure_create(request, uuid, instrument):
    patient = get_object_or_404(Patient.objects.for_user(request.user), uuid=uuid)
    form_class = MEASURE_FORMS.get(instrument)
    if form_class is None:
        raise Http404("No such outcome measure.")
    if patient.is_archived:
        messages.error(request, _("This patient is archived. Restore them to add measures."))
        return redirect(patient)
    kwargs = {"patient": patient}
    new_set = request.GET.get("new_set") == "1"
    if instrument == "psfs":
        kwargs["activities"] = [] if new_set else list(patient.psfs_activities.current())
    # A re-assessment links here with its visit date (?taken_on=YYYY-MM-DD) to date the measure.
    taken_on = parse_date(request.GET.get("taken_on", "")) if request.method == "GET" else None
    form = form_class(
        request.POST or None, initial={"taken_on": taken_on} if taken_on else None, **kwargs
    )
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
        messages.success(
            request, _("%(measure)s saved.") % {"measure": measure.get_instrument_display()}
        )
        # Back to the page that asked for it (a re-assessment), if it is one of ours.
        back = local_next(request, request.GET.get("next", ""))
        return redirect(back or patient.get_absolute_url() + "#measures")
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=patient, detail=f"new {instrument}")
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
        {
            "measure": measure,
            "patient": measure.patient,
            "items": measures.item_rows(measure),
            "can_finish": request.user.is_therapist and measure_services.can_finish(measure),
        },
    )


@therapist_required
@require_http_methods(["GET", "POST"])
def measure_finish(request, uuid):
    """Fill the missing items of an unscored SBI or STarT Back entry; recorded items stay."""
    measure = get_object_or_404(
        OutcomeMeasure.objects.for_user(request.user).select_related("patient", "recorded_by"),
        uuid=uuid,
    )
    if not measure_services.can_finish(measure):
        messages.info(request, _("This entry has no missing answers to finish."))
        return redirect(measure)
    recorded = measure.answers["items"]
    initial = {f"item_{n}": value for n, value in enumerate(recorded, 1)}
    form = MEASURE_FORMS[measure.instrument](
        request.POST or None, initial=initial, patient=measure.patient
    )
    for name in ("taken_on", "note"):
        del form.fields[name]
    form.helper.layout = Layout(*form.item_layout())
    for n, value in enumerate(recorded, 1):
        field = form.fields[f"item_{n}"]
        # What was first recorded is shown but cannot change; only the gaps are asked.
        field.disabled = value is not None
        field.required = value is None
    if request.method == "POST" and form.is_valid():
        try:
            measure_services.finish_measure(
                measure=measure, items=form.answers()["items"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Entry finished and scored."))
            return redirect(measure)
    if request.method == "GET":
        audit.log_event(request, Action.VIEW, patient=measure.patient, obj=measure)
    return render(
        request,
        "clinic/measures/finish.html",
        {"measure": measure, "patient": measure.patient, "form": form},
    )
