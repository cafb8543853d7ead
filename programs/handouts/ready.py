"""Handouts rendered before anyone asks: the worker stores the current revision's PDF, so a
download serves the stored file instead of rendering while the patient waits.

`render_current_handouts(program)` renders what a download of the program's current revision
would ask for first (US Letter, the download's default) and stores it through `render_handout`,
which renders only when the stored copy's inputs changed. The worker runs it after a version
is published, and after anything printed on the handout changed: the clinic's details, or the
patient's precautions (their cautions are printed). See programs/tasks.py.
"""

from __future__ import annotations

from django.db.models import QuerySet

from clinic.models import Patient
from programs.models import HandoutFile, Program

# What is rendered ahead for every current revision. Large print and A4 are rendered on the
# first download that asks for them (the patient's record has no large-print preference).
READY_OPTIONS = ({"paper": HandoutFile.Paper.LETTER, "large_print": False},)


def programs_with_handouts() -> QuerySet[Program]:
    """Programs whose patient may download a handout: published, not archived, the patient
    not archived."""
    return (
        Program.objects.filter(current_revision__isnull=False)
        .exclude(status=Program.Status.ARCHIVED)
        .exclude(patient__in=Patient.objects.archived())
    )


def render_current_handouts(program: Program) -> list[HandoutFile]:
    """Store the handouts of the program's current revision (READY_OPTIONS); nothing when the
    program has none to download."""
    from .render import render_handout  # WeasyPrint is imported only where PDFs are made

    program = (
        programs_with_handouts()
        .select_related("current_revision__program__patient")
        .filter(pk=program.pk)
        .first()
    )
    if program is None:
        return []
    return [
        render_handout(revision=program.current_revision, **options) for options in READY_OPTIONS
    ]
