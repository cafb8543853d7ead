"""Fault drill: Redis (the task queue) is down while the web keeps serving.

Publishing still works for the therapist: the program is published, its message waits in the
outbox as pending, and the failed queueing after commit is logged, never shown as an error.
When the queue is back, the sweeper finds the message and it is delivered once.

Real commits (transactional tests), so the after-commit callbacks run as in production rather
than through the test helper that captures them.
"""

import socket
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage, RedisStorage

from clinic import tasks
from clinic.models import OutboxMessage, Patient
from programs.models import HandoutFile
from tests.factories import ExerciseFactory, ProgramFactory, ProgramItemFactory, screened

pytestmark = pytest.mark.django_db(transaction=True)
Status = OutboxMessage.Status


def closed_port() -> int:
    """A loopback port nothing listens on (bound, read, released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down():
    """The queue is Redis at an address that refuses connections (REDIS_URL to a closed port)."""
    was_immediate, was_storage = HUEY.immediate, HUEY.storage
    HUEY.immediate = False
    HUEY.storage = RedisStorage(name=HUEY.name, url=f"redis://127.0.0.1:{closed_port()}/0")
    yield HUEY
    HUEY.storage = was_storage
    HUEY.immediate = was_immediate


def queue_is_back():
    """A working queue again; tasks run as they are queued, like a worker waiting for them."""
    HUEY.storage = MemoryStorage(HUEY.name)
    HUEY.immediate = True


@pytest.fixture
def reachable(patient_record):
    """The cast patient (an account with a password) who agreed to email."""
    Patient.objects.filter(pk=patient_record.pk).update(consent_email=True)
    patient_record.refresh_from_db()
    return patient_record


def publish(client, patient):
    program = ProgramFactory(patient=screened(patient))
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name="Bird dog"), order=0)
    response = client.post(
        reverse("programs:program-publish", kwargs={"uuid": program.uuid}),
        {"version": program.version},
    )
    program.refresh_from_db()
    return program, response


def test_publishing_works_while_the_queue_is_down(therapist_client, reachable, redis_down, caplog):
    program, response = publish(therapist_client, reachable)

    assert response.status_code == 302
    assert response.url == reverse("programs:program-detail", kwargs={"uuid": program.uuid})
    assert program.current_revision is not None
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.PENDING, 0)
    assert mail.outbox == []
    assert not HandoutFile.objects.exists()  # its render could not be queued either
    # Both after-commit enqueues failed, and each was logged with the queue's error.
    assert f"Outbox message {message.pk} not queued" in caplog.text
    assert f"Handouts of program {program.pk} not queued" in caplog.text
    assert "Connection refused" in caplog.text


def test_the_sweeper_delivers_the_message_once_when_the_queue_is_back(
    therapist_client, reachable, redis_down
):
    program, response = publish(therapist_client, reachable)
    assert response.status_code == 302
    queue_is_back()

    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        tasks.sweep_outbox()
        tasks.sweep_outbox()  # the next minute's sweep finds nothing left to send

    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    [email] = mail.outbox
    assert email.to == ["pat@test.example"]
