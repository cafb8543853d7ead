"""PDF handout downloads: the current revision of a program, or any revision for staff.

Both views fetch through `for_user`, so another patient's program is a 404 like a missing one,
then ask the one service for the stored PDF (rendered on first request only). Responses are
private and never cached by the browser; an `If-None-Match` with the handout's key gets a 304.
A handout that could not be stored (the media disk is full) is served from the render itself.
"""

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.http import parse_etags, quote_etag
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clinic import audit
from programs.models import HandoutFile, Program, ProgramRevision

CACHE_CONTROL = "private, no-store"


class HandoutOptionsForm(forms.Form):
    """?paper=letter|a4&large=0|1&bilingual=0|1, all optional."""

    paper = forms.ChoiceField(choices=HandoutFile.Paper.choices, required=False)
    large = forms.TypedChoiceField(
        choices=[("0", "No"), ("1", "Yes")], coerce=lambda value: value == "1", required=False
    )
    # The patient's language with English beside it.
    bilingual = forms.TypedChoiceField(
        choices=[("0", "No"), ("1", "Yes")], coerce=lambda value: value == "1", required=False
    )

    def options(self) -> dict:
        return {
            "paper": self.cleaned_data.get("paper") or HandoutFile.Paper.LETTER,
            "large_print": bool(self.cleaned_data.get("large")),
            "bilingual": bool(self.cleaned_data.get("bilingual")),
        }


def handout_filename(
    revision: ProgramRevision, *, paper: str, large_print: bool, bilingual: bool = False
) -> str:
    """e.g. rivera-home-program-v3.pdf; the last name only, nothing else about the patient."""
    name = slugify(revision.program.patient.last_name) or "patient"
    suffix = "-a4" if paper == HandoutFile.Paper.A4 else ""
    suffix += "-large-print" if large_print else ""
    suffix += "-bilingual" if bilingual else ""
    return f"{name}-home-program-v{revision.number}{suffix}.pdf"


def _serve(request, revision: ProgramRevision):
    form = HandoutOptionsForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _(
                "Unknown handout option. Use paper=letter or paper=a4, large=0 or large=1, and "
                "bilingual=0 or bilingual=1."
            )
        )
    options = form.options()
    # Imported here, not with the URLs: the renderer brings in WeasyPrint, which takes most of
    # a second to import, and only a handout download needs it.
    from programs.handouts.render import HandoutNotStored, render_handout

    try:
        handout = render_handout(revision=revision, **options)
        pdf = None
    except HandoutNotStored as not_stored:  # logged; the next download stores it
        handout, pdf = not_stored.handout, not_stored.pdf
    etag = quote_etag(handout.key)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        audit.log_event(
            request,
            audit.Action.DOWNLOAD,
            patient=revision.program.patient,
            obj=revision,
            detail=f"PDF handout, {handout.get_paper_display()}"
            + (", large print" if handout.large_print else "")
            + (", bilingual" if handout.bilingual else ""),
        )
        response = FileResponse(
            handout.file.open("rb") if pdf is None else io.BytesIO(pdf),
            as_attachment=True,
            filename=handout_filename(
                revision,
                paper=handout.paper,
                large_print=handout.large_print,
                bilingual=handout.bilingual,
            ),
            content_type="application/pdf",
        )
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


@login_required
@require_GET
def handout_pdf(request, uuid):
    """The handout of the program's current published revision."""
    program = get_object_or_404(
        Program.objects.for_user(request.user).select_related(
            # The patient's login too: a language chosen in the portal wins (clinic.languages).
            "patient",
            "current_revision",
            "current_revision__program__patient__user",
        ),
        uuid=uuid,
    )
    if program.current_revision is None:
        raise Http404("This program has not been published yet.")
    return _serve(request, program.current_revision)


@login_required
@require_GET
def revision_handout_pdf(request, uuid):
    """The handout of one revision: staff reach every revision, a patient only their current."""
    revision = get_object_or_404(
        ProgramRevision.objects.for_user(request.user).select_related("program__patient__user"),
        uuid=uuid,
    )
    return _serve(request, revision)
