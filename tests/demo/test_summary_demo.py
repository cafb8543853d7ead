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


def test_priyas_progress_note_quotes_the_roland_morris_her_summary_shows(demo_clinic):
    """The note a physician reads under the measures table agrees with it."""
    from programs.summaries.content import summary_content

    priya = Patient.objects.get(last_name="Natarajan")
    summary = summary_content(patient=priya)
    [rmdq] = [row for row in summary.measures if row.key == "rmdq"]
    baseline, now = rmdq.baseline.split("/")[0], rmdq.now.split("/")[0]
    assert f"Roland-Morris {baseline} to {now}" in summary.progress_note.patient_change
    # Her exam at the intake graded power and reflexes: no sensory loss there reads as normal.
    [sensation] = [row for row in summary.exam.rows if row.finding == "Sensation"]
    assert sensation.baseline == "Normal where tested"
    assert sensation.now.startswith("Reduced: outside of lower leg (L5)")
