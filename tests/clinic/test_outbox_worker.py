"""Delivering outbox messages: claims, retries with backoff, giving up, the sweeper, and real
SMTP (an aiosmtpd server on 127.0.0.1) for what a recipient actually receives."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from clinic import tasks
from clinic.models import OutboxMessage
from clinic.outbox import delivery
from clinic.outbox.channels import DeliveryError, EmailChannel
from clinic.outbox.services import enqueue_message
from tests.clinic.conftest import run_due_tasks
from tests.factories import IntakeFactory, published_program

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("huey_immediate")]
Status = OutboxMessage.Status
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def enqueue(recipient, key="program_ready:rev-1", **extra):
    """A program-ready message, committed: the delivery task runs at once (immediate mode)."""
    with transaction.atomic():
        return enqueue_message(
            kind=OutboxMessage.Kind.PROGRAM_READY,
            key=key,
            recipient=recipient,
            path="/portal/",
            **extra,
        )


def commit(django_capture_on_commit_callbacks, recipient, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue(recipient, **extra)
    message.refresh_from_db()
    return message


@pytest.fixture
def refusing_channel(monkeypatch):
    """The email channel fails every time, as a server answering 451 would."""
    calls = []

    def send(self, message):
        calls.append(message.pk)
        raise DeliveryError("451 4.3.0 Try again later")

    monkeypatch.setattr(EmailChannel, "send", send)
    return calls


# --- backoff and giving up ----------------------------------------------------------------------


def test_backoff_is_1_5_25_125_625_minutes_capped_at_a_day():
    assert [delivery.backoff(n) for n in range(1, 7)] == [
        timedelta(minutes=m) for m in (1, 5, 25, 125, 625, 24 * 60)
    ]


def test_a_temporary_failure_is_retried_with_exponential_backoff(
    clock, patient, refusing_channel, django_capture_on_commit_callbacks
):
    message = commit(django_capture_on_commit_callbacks, patient)
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert message.next_attempt_at == START + timedelta(minutes=1)
    assert message.last_error == "Attempt 1: 451 4.3.0 Try again later"
    assert message.lease_until is None

    expected = START + timedelta(minutes=1)
    for attempt, wait in ((2, 5), (3, 25), (4, 125)):
        clock.move_to(expected - timedelta(seconds=1))
        assert run_due_tasks() == 0  # not before its time
        clock.move_to(expected)
        assert run_due_tasks() == 1
        message.refresh_from_db()
        assert (message.status, message.attempts) == (Status.PENDING, attempt)
        expected = expected + timedelta(minutes=wait)
        assert message.next_attempt_at == expected
    assert len(refusing_channel) == 4


def test_after_the_last_attempt_the_message_is_failed_with_its_error(
    clock, settings, patient, refusing_channel, django_capture_on_commit_callbacks
):
    settings.RESTORE_OUTBOX_MAX_ATTEMPTS = 3
    message = commit(django_capture_on_commit_callbacks, patient)
    for minutes in (1, 6):
        clock.move_to(START + timedelta(minutes=minutes))
        run_due_tasks()
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == 3
    assert message.next_attempt_at is None
    assert message.last_error == "Attempt 3: 451 4.3.0 Try again later"
    assert list(OutboxMessage.objects.failed()) == [message]
    clock.move_to(START + timedelta(days=2))
    assert run_due_tasks() == 0
    assert delivery.sweep() == []
    assert len(refusing_channel) == 3


def test_an_unexpected_error_is_recorded_and_retried(
    clock, monkeypatch, patient, django_capture_on_commit_callbacks
):
    def broken(self, message):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailChannel, "send", broken)
    message = commit(django_capture_on_commit_callbacks, patient)
    assert message.status == Status.PENDING
    assert message.last_error.startswith("Attempt 1: ConnectionRefusedError")


# --- claiming -----------------------------------------------------------------------------------


def test_a_message_is_claimed_by_one_worker_only(clock, patient):
    message = enqueue(patient)  # committed only in the test transaction: nothing ran yet
    first = delivery.claim(message.pk, now=START)
    second = delivery.claim(message.pk, now=START)
    assert first is not None and second is None
    message.refresh_from_db()
    assert message.status == Status.SENDING
    assert message.attempts == 1
    assert message.lease_until == START + timedelta(minutes=5)


def test_a_sent_message_is_not_sent_again(patient, django_capture_on_commit_callbacks):
    message = commit(django_capture_on_commit_callbacks, patient)
    assert delivery.deliver(message.pk) == delivery.Outcome("skipped")
    tasks.deliver_message(message.pk)
    assert len(mail.outbox) == 1


def test_a_worker_whose_lease_ran_out_does_not_overwrite_the_new_owner(clock, patient):
    message = enqueue(patient)
    late = delivery.claim(message.pk, now=START)
    clock.move_to(START + timedelta(minutes=6))
    assert delivery.sweep() == [message.pk]
    current = delivery.claim(message.pk, now=START + timedelta(minutes=6))
    assert current.attempts == 2
    assert delivery.send_claimed(late) == delivery.Outcome("skipped")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENDING, 2)


# --- the sweeper --------------------------------------------------------------------------------


def test_the_sweeper_sends_a_message_whose_worker_died_mid_send(clock, patient):
    message = enqueue(patient)
    delivery.claim(message.pk, now=START)  # ... and the worker is killed here
    clock.move_to(START + timedelta(minutes=4))
    tasks.sweep_outbox()
    assert mail.outbox == []  # the lease (5 minutes) still holds
    clock.move_to(START + timedelta(minutes=5, seconds=1))
    tasks.sweep_outbox()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempts == 2
    assert "worker stopped while sending" in message.last_error
    assert len(mail.outbox) == 1


def test_a_worker_dying_on_the_last_attempt_leaves_the_message_failed(clock, settings, patient):
    settings.RESTORE_OUTBOX_MAX_ATTEMPTS = 1
    message = enqueue(patient)
    delivery.claim(message.pk, now=START)
    clock.move_to(START + timedelta(hours=1))
    tasks.sweep_outbox()
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert "worker stopped while sending" in message.last_error
    assert mail.outbox == []


def test_the_sweeper_sends_messages_the_queue_lost(clock, patient):
    """The row was committed but its task never reached a worker (the queue was down)."""
    message = enqueue(patient)  # the on-commit task never runs in this test transaction
    clock.move_to(START + timedelta(seconds=30))
    tasks.sweep_outbox()
    assert mail.outbox == []  # not yet: its task may simply be on its way
    clock.move_to(START + timedelta(seconds=61))
    tasks.sweep_outbox()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_sweeper_leaves_sent_failed_and_future_messages_alone(clock, patient, therapist):
    sent = enqueue(patient, key="a")
    failed = enqueue(therapist, key="b")
    later = enqueue(patient, key="c", send_after=START + timedelta(days=1))
    OutboxMessage.objects.filter(pk=sent.pk).update(status=Status.SENT, sent_at=START)
    OutboxMessage.objects.filter(pk=failed.pk).update(status=Status.FAILED, last_error="x")
    clock.move_to(START + timedelta(hours=2))
    assert delivery.sweep() == []
    clock.move_to(START + timedelta(days=1, minutes=2))
    assert delivery.sweep() == [later.pk]


# --- a real SMTP server -------------------------------------------------------------------------

HEALTH_WORDS = ("pain", "sciatica", "/10", "diagnos", "symptom", "injur", "Rivera", "Sciatica")


def test_program_ready_over_smtp_has_the_headers_the_link_and_no_health_information(
    smtp_settings, patient, patient_record, django_capture_on_commit_callbacks
):
    intake = IntakeFactory(
        patient=patient_record, back_pain_now=7, leg_pain_now=8, answers={"dx": "sciatica"}
    )
    program = published_program(patient=patient_record, items=3)
    revision = program.current_revision
    exercise_names = [item.exercise.name for item in program.items.select_related("exercise")]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = enqueue_message(
            kind=OutboxMessage.Kind.PROGRAM_READY,
            key=f"program_ready:{revision.uuid}:{patient.pk}",
            recipient=patient,
            obj=revision,
            path=f"/portal/programs/{program.uuid}/",
        )
    message.refresh_from_db()
    assert message.status == Status.SENT, message.last_error
    assert (message.object_type, message.object_id) == (
        "programs.programrevision",
        str(revision.uuid),
    )

    [received] = smtp_settings.messages
    assert received["To"] == "pat@test.example"
    assert received["Subject"] == "Your home program from Restore Clinic is ready"
    assert received["Message-ID"] == message.message_id
    assert received["Message-ID"].startswith("<outbox.") and "program" not in received["Message-ID"]
    assert received["Auto-Submitted"] == "auto-generated"
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    link = f"http://127.0.0.1:8000/accounts/login/?next=/portal/programs/{program.uuid}/"
    assert link in text and link in html
    assert text.startswith("Hello Pat,")
    headers = [f"{name}: {value}" for name, value in received.items()]
    everything = "\n".join([*headers, text, html])
    for word in (*HEALTH_WORDS, *exercise_names, program.title, intake.patient.last_name):
        assert word.lower() not in everything.lower(), word


def test_a_server_refusing_twice_gets_the_message_on_the_third_attempt(
    clock, smtp_settings, patient, django_capture_on_commit_callbacks
):
    smtp_settings.refuse_next = 2
    message = commit(django_capture_on_commit_callbacks, patient)
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert "451 4.3.0 Temporary failure" in message.last_error
    clock.move_to(START + timedelta(minutes=1))
    run_due_tasks()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 2)
    clock.move_to(START + timedelta(minutes=6))
    run_due_tasks()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 3)
    assert smtp_settings.data_commands == 3
    assert len(smtp_settings.messages) == 1
    assert smtp_settings.messages[0]["Message-ID"] == message.message_id


def test_a_refused_address_fails_at_once(
    smtp_settings, patient, django_capture_on_commit_callbacks
):
    smtp_settings.refuse_recipients = "550 5.1.1 No such user here"
    message = commit(django_capture_on_commit_callbacks, patient)
    assert message.status == Status.FAILED
    assert message.attempts == 1
    assert "550 5.1.1 No such user here" in message.last_error
    assert smtp_settings.messages == []
