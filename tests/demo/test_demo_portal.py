"""The demo's six weeks of session logs: one patient per dashboard case, idempotent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clinic.models import User
from demo import clinic_data as clinic_demo
from demo import program_data as demo
from programs import services
from programs.adherence import dashboard_alerts
from programs.library import load_library
from programs.models import Program, SessionLog
from tests.factories import screened


@pytest.fixture
def seeded(db):
    clinic_demo.seed_clinic()
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    for patient in patients.values():
        screened(patient)  # the intakes are not seeded here: publishing needs a screen
    load_library()
    demo.seed(staff=staff, patients=patients)
    return staff, patients


def _names(alerts, kind):
    return [row.patient.last_name for row in alerts[kind]]


def test_each_dashboard_case_has_a_demo_patient(seeded):
    maya = User.objects.get(email="maya@restore.example")
    sam = User.objects.get(email="sam@restore.example")
    mayas, sams = dashboard_alerts(maya), dashboard_alerts(sam)
    assert _names(mayas, "pain_rising") == ["Natarajan"]
    assert _names(mayas, "spreading") == ["Natarajan"]
    assert _names(sams, "silent") == ["Delgado"]
    assert "Rivera" not in {  # Jordan is the one who is improving
        name for kind in ("pain_rising", "spreading", "silent") for name in _names(mayas, kind)
    }


def test_six_weeks_of_logs_on_the_version_the_patient_saw(seeded):
    today = timezone.localdate()
    _, patients = seeded
    jordan = SessionLog.objects.filter(patient=patients["rivera"]).order_by("date")
    assert jordan.first().date <= today - timedelta(days=40)
    assert jordan.last().date == today - timedelta(days=1) or jordan.count() >= 30
    first, last = jordan.first(), jordan.last()
    assert last.back_pain < first.back_pain and last.leg_pain < first.leg_pain
    for log in jordan:
        published = timezone.localdate(log.revision.published_at)
        assert published <= log.date or log.revision.number == 1
        positions = {item["position"] for item in log.revision.items}
        assert set(log.exercises_done) <= positions


def test_seeding_again_adds_nothing_and_later_days_keep_the_stories(seeded):
    staff, patients = seeded
    count = SessionLog.objects.count()
    assert demo.seed_portal_activity(patients=patients) == 0
    assert SessionLog.objects.count() == count

    later = timezone.localdate() + timedelta(days=5)
    added = demo.seed_portal_activity(patients=patients, today=later)
    assert 0 < added <= 10  # Jordan and Priya keep logging; Frank stays silent
    sam = User.objects.get(email="sam@restore.example")
    assert _names(dashboard_alerts(sam, today=later), "silent") == ["Delgado"]
    maya = User.objects.get(email="maya@restore.example")
    assert _names(dashboard_alerts(maya, today=later), "pain_rising") == ["Natarajan"]


def test_without_the_library_there_are_no_logs(db):
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    assert demo.seed_portal_activity(patients=patients) == 0
    assert not SessionLog.objects.exists()


def test_handouts_and_pages_agree_on_when_each_demo_program_started(seeded):
    """Moving a story's start back moves it in the published versions too (the handout's
    "Start date"), and no version is published before its program started."""
    programs = Program.objects.exclude(current_revision=None).prefetch_related("revisions")
    assert programs.count() >= 3
    for program in programs:
        for revision in program.revisions.all():
            assert revision.snapshot["start_date"] == program.start_date.isoformat(), program
            assert revision.content_hash == services.snapshot_hash(revision.snapshot)
        first = min(program.revisions.all(), key=lambda revision: revision.number)
        assert timezone.localdate(first.published_at) >= program.start_date, program
