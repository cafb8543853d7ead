"""The demo's progress visit: Priya's re-assessment, with exam changes, measures on the visit,
an amended note, and her clinic scores beside her home logs on the patient page."""

from django.utils import timezone

from clinic.models import Patient
from clinic.reassessment.models import Reassessment


def test_priya_has_one_signed_progress_visit_with_exam_changes(demo_clinic, client):
    priya = Patient.objects.get(last_name="Natarajan")
    visit = Reassessment.objects.get(patient=priya)
    assert visit.is_signed and visit.screened_at is not None
    assert visit.plan == "regress"
    assert {row["key"] for row in visit.changed_items} >= {"leg_pain_now", "course", "location"}
    assert visit.exam is not None and visit.exam.performed_on == visit.visit_date
    assert visit.exam.previous_exam().intake is not None
    [amendment] = visit.amendments.all()
    assert {c["field"] for c in amendment.changes} >= {"patient_change", "plan"}
    # The clinic's day, not UTC's: the two differ in the evening in New York.
    on_the_day = {timezone.localdate(visit.created_at), timezone.localdate(visit.screened_at)}
    assert on_the_day == {visit.visit_date}
    assert priya.measures.filter(taken_on=visit.visit_date, instrument="sbi").exists()

    client.force_login(priya.therapist)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Changed since the exam of" in page
    assert "<del>Feels stronger at the lab bench" in page
    patient_page = client.get(priya.get_absolute_url())
    glance = patient_page.context["together"].glance
    assert glance["disagree"], glance
    assert "The clinic measures and the home logs disagree." in patient_page.content.decode()
