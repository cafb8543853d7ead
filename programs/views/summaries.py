"""The one-page progress or discharge summary PDF of a patient, for staff.

`?kind=progress` (the default) or `?kind=discharge`, which adds the discharge line: `outcome`,
one of `DISCHARGE_OUTCOMES`. No free text travels in the address (it would sit in browser
history and server logs): the narrative is the latest re-assessment's progress note, which the
summary prints. Rendered on request (the record as it is now, in a fraction of a second) and
recorded as a download of the patient's data.
"""

import io

from django import forms
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from clinic import audit
from clinic.models import Patient
from clinic.permissions import staff_required
from programs.summaries.content import DISCHARGE, DISCHARGE_OUTCOMES, KINDS, summary_content

CACHE_CONTROL = "private, no-store"


class SummaryOptionsForm(forms.Form):
    kind = forms.ChoiceField(choices=list(KINDS.items()), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—"), *DISCHARGE_OUTCOMES], required=False
    )

    def clean(self):
        data = super().clean()
        data["kind"] = data.get("kind") or "progress"
        return data


@staff_required
@require_GET
def patient_summary_pdf(request, uuid):
    patient = get_object_or_404(
        Patient.objects.for_user(request.user).select_related("therapist"), uuid=uuid
    )
    form = SummaryOptionsForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _(
                "Unknown summary option. Use kind=progress or kind=discharge, and an outcome from "
                "the list."
            )
        )
    options = form.cleaned_data
    summary = summary_content(
        patient=patient,
        kind=options["kind"],
        by=request.user,
        discharge_outcome=options["outcome"],
    )
    # Imported here, not with the URLs: the renderer brings in WeasyPrint.
    from programs.summaries.render import render_summary_pdf

    rendered = render_summary_pdf(summary)
    audit.log_event(
        request,
        audit.Action.DOWNLOAD,
        patient=patient,
        obj=patient,
        detail=f"{summary.title} PDF" + (f", {options['outcome']}" if options["outcome"] else ""),
    )
    name = slugify(patient.last_name) or "patient"
    kind = "discharge" if options["kind"] == DISCHARGE else "progress"
    response = FileResponse(
        io.BytesIO(rendered.pdf),
        as_attachment=True,
        filename=f"{name}-{kind}-summary-{summary.today:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response
