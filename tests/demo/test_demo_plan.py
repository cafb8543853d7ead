"""The demo patients' daily plans: done ticks today, a late log, own days; seeding is idempotent."""

from django.utils import timezone

from demo import clinic_data as clinic_demo
from demo import plan_data
from demo import program_data as demo
from programs.models import DoneTick, PlanDays, SessionLog
from tests.factories import screened


def test_demo_plans_have_ticks_today_and_a_late_log(db):
    clinic_demo.seed_clinic()
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    for patient in patients.values():
        screened(patient)
    demo.seed(staff=staff, patients=patients)
    plan_data.seed(patients=patients)
    today = timezone.localdate()

    jordan = patients["rivera"]
    assert DoneTick.objects.filter(program__patient=jordan, date=today).exists()
    late = SessionLog.objects.get(patient=jordan, late=True)
    assert late.date == today - timezone.timedelta(days=1)
    assert PlanDays.objects.filter(program__patient=patients["natarajan"]).count() <= 1

    counts = (DoneTick.objects.count(), PlanDays.objects.count(), SessionLog.objects.count())
    plan_data.seed(patients=patients)
    assert (DoneTick.objects.count(), PlanDays.objects.count(), SessionLog.objects.count()) == (
        counts
    )
