"""The demo patient with a progress visit gets a full one-page progress summary: questionnaires
better and home logs worse side by side, the exam changes and the latest progress note."""

import pytest
from django.urls import reverse

from clinic.models import Patient
from tests.programs.handout_samples import pdf_pages, squash

pytestmark = pytest.mark.slow  # seeds the demo and renders a PDF


def test_priyas_progress_summary_is_one_rich_page(demo_clinic, client):
    priya = Patient.objects.get(last_name="Natarajan")
    client.force_login(priya.therapist)

    response = client.get(reverse("programs:patient-summary", kwargs={"uuid": priya.uuid}))

    (page,) = pdf_pages(b"".join(response.streaming_content))
    text = squash(page)
    for expected in (
        "Priya Natarajan",
        "Roland-Morris (RMDQ)",
        "Meaningfully better",
        "Meaningfully worse",  # her leg pain, rated at the visit
        "prescribed days logged",
        "moved further down the leg",  # her home check-ins
        "Examination:",
        "SLR right",
        "Latest progress note",
        "Regress the program",
        priya.therapist.display_name,
    ):
        assert squash(expected) in text, expected
