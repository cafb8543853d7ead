"""The real thing: `manage.py run_huey` processes with Redis as the queue, a SQLite file as the
database, and an SMTP server. A consumer killed in the middle of sending loses nothing, and the
message still arrives exactly once.

Everything runs in subprocesses against a temporary database file made by `migrate` (the test
database of pytest-django lives in this process's memory, where a consumer cannot see it). Each
run uses a Huey name of its own, so parallel runs on one Redis do not meet.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("RESTORE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LEASE_SECONDS = 3

ENQUEUE = """
from django.db import transaction
from clinic.models import User
from clinic.outbox.services import enqueue_message
user, _ = User.objects.get_or_create(
    email="pat@test.example",
    defaults={"first_name": "Pat", "last_name": "Rivera", "role": "patient"},
)
with transaction.atomic():
    message = enqueue_message(kind="program_ready", key="{key}", recipient=user, path="/portal/")
print(message.pk)
"""


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def consumer_world(tmp_path, smtp_server):
    """Environment for the subprocesses: a migrated SQLite file, Redis, the SMTP server."""
    if not redis_available():
        pytest.skip(f"no Redis at {REDIS_URL}")
    host, port, mailbox = smtp_server
    name = f"restore-test-{uuid.uuid4().hex[:12]}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "RESTORE_", "EMAIL_"))
        and key not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="1",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL=REDIS_URL,
        RESTORE_HUEY_NAME=name,
        RESTORE_OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=host,
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="20",
    )
    manage(env, "migrate", "--noinput")
    yield env, mailbox, tmp_path
    from huey import RedisHuey

    RedisHuey(name, url=REDIS_URL).storage.flush_all()


def manage(env, *args) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def enqueue(env, key: str) -> int:
    return int(manage(env, "shell", "-c", ENQUEUE.replace("{key}", key)).split()[-1])


class Consumer:
    def __init__(self, env, log: Path):
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "run_huey", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # Huey's graceful shutdown
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text()


def row(db: Path, pk: int) -> dict:
    with sqlite3.connect(db, timeout=20) as connection:
        connection.row_factory = sqlite3.Row
        found = connection.execute(
            "SELECT status, attempts, last_error FROM clinic_outboxmessage WHERE id = ?", (pk,)
        ).fetchone()
    return dict(found)


def wait_for(condition, what: str, timeout: float = 45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_consumer_killed_mid_send_loses_nothing_and_sends_once(consumer_world):
    env, mailbox, tmp_path = consumer_world
    db = Path(env["SQLITE_PATH"])
    first = Consumer(env, tmp_path / "consumer-1.log")
    second = None
    try:
        # A consumer delivers what the web process enqueued.
        sent = enqueue(env, "program_ready:consumer-test:1")
        wait_for(lambda: len(mailbox.messages) == 1, f"the first message\n{first.output()}")
        wait_for(lambda: row(db, sent)["status"] == "sent", "the first row to be marked sent")

        # The server holds the next message at DATA; the consumer is killed while waiting.
        mailbox.hold_next = True
        held = enqueue(env, "program_ready:consumer-test:2")
        assert mailbox.holding.wait(45), f"the second message never reached DATA\n{first.output()}"
        assert row(db, held)["status"] == "sending"
        first.kill()
        mailbox.release.set()
        assert row(db, held) == {"status": "sending", "attempts": 1, "last_error": ""}

        # Once its lease has run out, a new consumer's sweeper (it runs when the consumer
        # starts, then every minute) sends it again.
        time.sleep(LEASE_SECONDS + 0.5)
        second = Consumer(env, tmp_path / "consumer-2.log")
        wait_for(lambda: row(db, held)["status"] == "sent", f"the resend\n{second.output()}")
        time.sleep(2)  # anything sent twice would arrive by now
    finally:
        first.stop()
        if second is not None:
            second.stop()

    final = row(db, held)
    assert final["attempts"] == 2
    assert "worker stopped while sending" in final["last_error"]
    subjects = [message["Subject"] for message in mailbox.messages]
    assert subjects == ["Your home program from Restore Clinic is ready"] * 2
    message_ids = [message["Message-ID"] for message in mailbox.messages]
    assert len(set(message_ids)) == 2  # each message exactly once
    assert mailbox.data_commands == 3  # the first, the held one, its resend


RECORD_AUDIT_ROW = """
from clinic import audit
print(audit.record(action="view", actor="consumer-test", detail="{detail}").pk)
"""


def audit_seq(db: Path, pk: int) -> int | None:
    with sqlite3.connect(db, timeout=20) as connection:
        return connection.execute(
            "SELECT seq FROM clinic_auditevent WHERE id = ?", (pk,)
        ).fetchone()[0]


def test_a_consumer_links_audit_rows_on_start_and_within_seconds(consumer_world):
    """A row written while no worker runs is linked when one starts; a row written while it
    runs is linked a few seconds later, well inside the window verify_audit_log allows."""
    env, _mailbox, tmp_path = consumer_world
    env = {**env, "RESTORE_AUDIT_CHECKPOINT_FILE": str(tmp_path / "checkpoints.jsonl")}
    db = Path(env["SQLITE_PATH"])

    def record(detail: str) -> int:
        return int(manage(env, "shell", "-c", RECORD_AUDIT_ROW.format(detail=detail)).split()[-1])

    before_start = record("before the worker started")
    assert audit_seq(db, before_start) is None
    consumer = Consumer(env, tmp_path / "consumer-audit.log")
    try:
        wait_for(
            lambda: audit_seq(db, before_start) is not None,
            f"the row written before the start to be linked\n{consumer.output()}",
        )
        time.sleep(1)  # past the start's own linking: the next row waits for a follow-up run
        while_running = record("while the worker runs")
        written = time.monotonic()
        wait_for(
            lambda: audit_seq(db, while_running) is not None,
            f"the row written while running to be linked\n{consumer.output()}",
        )
        waited = time.monotonic() - written
    finally:
        consumer.stop()
    # Every 5 seconds, plus the queue's polling (2 s) and a loaded machine's slack.
    assert waited < 20, f"linked after {waited:.1f} s"
    assert audit_seq(db, while_running) == audit_seq(db, before_start) + 1
    assert "Audit log intact: 2 events" in manage(env, "verify_audit_log")
