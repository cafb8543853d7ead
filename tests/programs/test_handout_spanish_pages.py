"""A Spanish handout of library exercises keeps two cards to a Letter page: the translated dose
(a tempo of twenty-odd words, "Con qué frecuencia") once made every card stand alone."""

import io
import re

import pytest
from django.core.management import call_command

from clinic.models import ClinicProfile
from programs.handouts.render import render_handout_pdf
from programs.models import Exercise, Program, ProgramItem
from programs.services import publish_program
from tests.programs.handout_samples import pdf_pages

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders PDFs


@pytest.fixture
def library_program(patient_record, therapist):
    """The first 12 library exercises with their own doses and tempos (as the clinic prints
    them most often), published."""
    call_command("load_library", stdout=io.StringIO())
    ClinicProfile.load()
    program = Program.objects.create(
        patient=patient_record, therapist=therapist, title="Home program", goals="Walk further."
    )
    for order, exercise in enumerate(Exercise.objects.active().order_by("number")[:12]):
        item = ProgramItem(program=program, exercise=exercise, order=order)
        item.apply_exercise_defaults(exercise)
        item.save()
    return publish_program(
        program=program,
        by=therapist,
        screening_override_reason="Fictional patient in a test, never handed out.",
    )


def test_spanish_library_cards_share_letter_pages_with_their_whole_dose(library_program):
    result = render_handout_pdf(revision=library_program, language="es")
    pages = pdf_pages(result.pdf)
    cards_per_page = [text.count("SU DOSIS") for text in pages]
    assert sum(cards_per_page) == 12
    # Cover, cards, log sheet: at most 10 pages, so at least four pages hold two cards
    # (every card alone made it 14).
    assert result.pages <= 10
    assert cards_per_page.count(2) >= 4
    # Nothing of the dose was dropped to get there: every card still prints its tempo in
    # Spanish, how often, and what it needs.
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert text.count("Ritmo") >= 12
    assert text.count("Con qué frecuencia") == 12
    assert "Entre en el estiramiento en unos 2 segundos" in text
