"""The demo's outbox: a few sent messages, one failed with its error, one waiting; seeded once."""

from django.db import transaction

from clinic.models import OutboxMessage
from demo import clinic_data


def seed():
    with transaction.atomic():
        clinic_data.seed_clinic()
        staff = clinic_data.seed_staff()
        patients = clinic_data.seed_patients(staff)
        clinic_data.seed_messages(staff, patients)


def test_the_demo_has_sent_failed_and_waiting_messages_once(db):
    seed()
    seed()
    statuses = sorted(OutboxMessage.objects.values_list("status", flat=True))
    assert statuses == ["failed", "pending", "sent", "sent", "sent", "sent"]
    failed = OutboxMessage.objects.get(status="failed")
    assert failed.address == "walter.brooks@patient.example"
    assert "550 5.1.1" in failed.last_error
    waiting = OutboxMessage.objects.get(status="pending")
    assert waiting.next_attempt_at > waiting.created_at
    assert all(
        message.idempotency_key.startswith("demo:") for message in OutboxMessage.objects.all()
    )
