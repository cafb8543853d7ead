"""Fixtures for the message outbox tests: Huey in immediate mode, and a real SMTP server."""

import asyncio
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest


@pytest.fixture
def huey_immediate():
    """Tasks run in the test's own thread as they are queued; tasks scheduled for later wait in
    memory until `run_due_tasks()` (after moving the clock)."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    HUEY.storage.flush_all()
    yield HUEY
    HUEY.storage.flush_all()
    HUEY.immediate = was


def run_due_tasks() -> int:
    """Run the scheduled tasks whose time has come (what the consumer's scheduler does)."""
    from huey.contrib.djhuey import HUEY

    tasks = HUEY.read_schedule()
    for task in tasks:
        HUEY.execute(task)
    return len(tasks)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts. It can refuse the next few messages
    (`refuse_next`, with `refusal`) or hold the next one at DATA until `release` is set, as a
    server that has the message but has not yet said so."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.data_commands = 0
        self.refuse_next = 0
        self.refusal = "451 4.3.0 Temporary failure, try again later"
        self.refuse_recipients = ""
        self.hold_next = False
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_recipients:
            return self.refuse_recipients
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_commands += 1
        if self.refuse_next:
            self.refuse_next -= 1
            return self.refusal
        if self.hold_next:
            self.hold_next = False
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            # The sender was killed while waiting: nothing was delivered.
            return "451 4.3.0 Sender went away"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 and a free port; yields (host, port, mailbox)."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, mailbox
    finally:
        mailbox.release.set()
        controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Django's SMTP backend pointed at `smtp_server`; yields the mailbox."""
    host, port, mailbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    return mailbox


@pytest.fixture
def huey_queue():
    """A real (in-memory) queue that nothing consumes: what a web process does is only to
    queue tasks, and the test can count them."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    was, storage = HUEY.immediate, HUEY.storage
    HUEY.immediate = False
    HUEY.storage = MemoryStorage(HUEY.name)
    yield HUEY
    HUEY.storage = storage
    HUEY.immediate = was
