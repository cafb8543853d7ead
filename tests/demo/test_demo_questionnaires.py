"""The demo's home questionnaires: six weeks answered through the services, one waiting."""

from django.utils import timezone

from clinic import measures
from clinic.models import OutboxMessage, OutcomeMeasure
from clinic.questionnaires.models import QuestionnaireRequest
from demo import clinic_data as clinic_demo
from demo import questionnaire_data


def test_demo_has_six_weeks_of_home_answers_and_one_due(db):
    clinic_demo.seed_clinic()
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    questionnaire_data.seed(staff=staff, patients=patients)
    priya = patients["natarajan"]
    today = timezone.localdate()

    home = OutcomeMeasure.objects.filter(patient=priya, source="patient")
    for instrument in ("rmdq", "sbi", "nprs"):
        rows = list(home.filter(instrument=instrument).order_by("taken_on"))
        assert len(rows) == 6
        assert (rows[-1].taken_on - rows[0].taken_on).days == 35
        assert rows[-1].taken_on < today
    rmdq = [float(m.score) for m in home.filter(instrument="rmdq").order_by("taken_on")]
    assert rmdq == sorted(rmdq, reverse=True) and rmdq[0] > rmdq[-1]
    # Some answered in the portal (recorded by her account), some by link (no recorder).
    assert home.filter(recorded_by=priya.user).exists()
    assert home.filter(recorded_by__isnull=True).exists()

    waiting = QuestionnaireRequest.objects.filter(patient=priya, status="due")
    assert [(r.instrument, r.due_on) for r in waiting] == [("rmdq", today)]
    assert (
        OutboxMessage.objects.filter(
            kind=OutboxMessage.Kind.SELF_SERVICE_LINK, patient=priya
        ).count()
        == 1
    )

    # The trend chart marks them patient-reported.
    trend = next(t for t in measures.trends(intakes=[], measures=list(home)) if t.key == "rmdq")
    assert all(p.patient_reported for p in trend.points)

    counts = (OutcomeMeasure.objects.count(), QuestionnaireRequest.objects.count())
    questionnaire_data.seed(staff=staff, patients=patients)
    assert (OutcomeMeasure.objects.count(), QuestionnaireRequest.objects.count()) == counts
