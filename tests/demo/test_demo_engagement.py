"""The demo's reminders, nudge and secure messages: there after seeding, and seeded once."""

import pytest
from django.db import transaction
from django.urls import reverse

from clinic.messaging import unread_for_patient
from clinic.models import MessageThread, OutboxMessage, SecureMessage, User
from demo import clinic_data as clinic_demo
from demo import program_data as demo
from programs.adherence import dashboard_alerts
from programs.library import load_library
from programs.models import ReminderPlan
from tests.factories import screened


def seed():
    with transaction.atomic():
        clinic_demo.seed_clinic()
        staff = clinic_demo.seed_staff()
        patients = clinic_demo.seed_patients(staff)
        for patient in patients.values():
            screened(patient)  # the intakes are not seeded here: publishing needs a screen
        load_library()
        demo.seed(staff=staff, patients=patients)
        demo.seed_reminders(patients=patients)
        demo.seed_nudge(patients=patients)
        clinic_demo.seed_secure_messages(staff, patients)
    return patients


@pytest.fixture
def seeded(db):
    seed()
    return seed()  # twice: nothing is added the second time


def test_jordan_has_reminders_on(seeded):
    [plan] = ReminderPlan.objects.all()
    assert plan.patient == seeded["rivera"]
    assert plan.status == ReminderPlan.Status.ACTIVE
    assert f"{plan.time_of_day:%H:%M}" == "07:30"


def test_frank_was_nudged_once_and_the_dashboard_says_so(seeded):
    [nudge] = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.NUDGE)
    assert nudge.patient == seeded["delgado"]
    assert nudge.status == OutboxMessage.Status.SENT
    sam = User.objects.get(email="sam@restore.example")
    [row] = dashboard_alerts(sam)["silent"]
    assert row.patient == seeded["delgado"] and row.program.nudged_at is not None


def test_jordan_and_maya_have_a_thread_with_one_answer_unread(seeded, client):
    jordan = seeded["rivera"]
    thread = MessageThread.objects.get(patient=jordan)
    rows = list(SecureMessage.objects.filter(thread=thread))
    assert len(rows) == 4
    assert [row.from_patient for row in rows] == [True, False, True, False]
    assert rows == sorted(rows, key=lambda row: row.created_at)  # dated back, in order
    assert unread_for_patient(jordan.user) == 1
    emails = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SECURE_MESSAGE)
    assert emails.exclude(idempotency_key__startswith="demo:").count() == 4
    assert not emails.exclude(idempotency_key__startswith="demo:").exclude(status="sent").exists()
    client.force_login(jordan.user)
    page = client.get(reverse("clinic:portal-messages")).content.decode()
    assert "hamstring stretch pulls behind my knee" in page
