"""The demo's objective exams: Jordan's L5 signs and Priya's baseline, seeded once."""

from django.utils import timezone

from clinic.exam.models import ObjectiveExam
from clinic.models import Patient


def test_the_sciatica_patients_have_an_exam_at_their_intake_once(demo_clinic, client):
    rivera = Patient.objects.get(last_name="Rivera")
    natarajan = Patient.objects.get(last_name="Natarajan")
    assert ObjectiveExam.objects.filter(patient=rivera).count() == 1
    # Priya's second exam is her re-assessment's (demo/reassessment_data.py).
    assert ObjectiveExam.objects.filter(patient=natarajan, intake__isnull=False).count() == 1

    jordan = rivera.objective_exams.get()
    assert jordan.intake == rivera.intakes.order_by("visit_date").first()
    assert jordan.is_locked  # the intake is signed: corrections are amendments
    assert (jordan.slr_left_angle, jordan.slr_left_reproduced) == (45, "below_knee")
    assert jordan.myotome_l5_left == 4
    assert jordan.sensation == {"left": {"foot_dorsum": "reduced", "toes_big": "reduced"}}
    assert jordan.raised_flags.count() == 0  # grade 4 raises no flag
    # The clinic's day, not UTC's: the two differ in the evening in New York.
    assert timezone.localdate(jordan.created_at) == jordan.performed_on

    priya = natarajan.objective_exams.get(intake__isnull=False)
    assert not priya.assessment().deficits["left"]
    assert not priya.assessment().deficits["right"]

    client.force_login(rivera.therapist)
    page = client.get(jordan.intake.get_absolute_url()).content.decode()
    assert "45°, below the knee (positive)" in page
