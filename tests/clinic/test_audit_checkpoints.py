"""Signed checkpoints of the audit chain's head: the append-only file, the admins' email, the
hourly task, and the deploy check that the audit key is the clinic's own."""

import json
import os
from datetime import UTC, datetime

import pytest
from django.db import connection

from clinic import audit, audit_checkpoints, checks, tasks
from clinic.models import AuditEvent, OutboxMessage
from tests.factories import PatientFactory

Action = AuditEvent.Action


@pytest.fixture(autouse=True)
def _own_checkpoint_file(settings, tmp_path):
    settings.RESTORE_AUDIT_CHECKPOINT_FILE = tmp_path / "var" / "audit-checkpoints.jsonl"


def _lines(settings) -> list[dict]:
    text = settings.RESTORE_AUDIT_CHECKPOINT_FILE.read_text()
    return [json.loads(line) for line in text.splitlines()]


def _seed(n, by=None):
    patient = PatientFactory(first_name="Jordan", last_name="Rivera")
    for i in range(n):
        audit.record(action=Action.VIEW, user=by, patient=patient, obj=patient, detail=f"v{i}")
    audit.link_pending()


def test_a_checkpoint_is_one_signed_line_naming_the_head(therapist, settings):
    _seed(3, by=therapist)
    checkpoint = audit_checkpoints.write_checkpoint()
    seq, head_hash = audit.chain_head()
    [line] = _lines(settings)
    assert line["seq"] == seq == checkpoint.seq
    assert line["row_hash"] == head_hash
    assert line["key_id"] == settings.RESTORE_AUDIT_HMAC_KEY_ID
    assert line["at"].endswith("Z")
    key = settings.RESTORE_AUDIT_HMAC_KEY.encode()
    assert line["signature"] == audit_checkpoints.sign(checkpoint, key)


def test_checkpoints_are_appended_never_rewritten(therapist, settings):
    _seed(2, by=therapist)
    audit_checkpoints.write_checkpoint()
    first = settings.RESTORE_AUDIT_CHECKPOINT_FILE.read_bytes()
    _seed(2, by=therapist)
    audit_checkpoints.write_checkpoint()
    assert settings.RESTORE_AUDIT_CHECKPOINT_FILE.read_bytes().startswith(first)
    assert [line["seq"] for line in _lines(settings)] == [2, 4]


def test_an_empty_log_gets_no_checkpoint(db, settings):
    assert audit_checkpoints.write_checkpoint() is None
    assert not settings.RESTORE_AUDIT_CHECKPOINT_FILE.exists()


def test_a_tampered_log_is_never_checkpointed(therapist, settings):
    _seed(3, by=therapist)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET detail = 'x' WHERE seq = 2"  # noqa: S608
        )
    assert audit_checkpoints.write_checkpoint() is None
    assert not settings.RESTORE_AUDIT_CHECKPOINT_FILE.exists()


def test_a_forged_checkpoint_line_is_reported(therapist, settings):
    _seed(2, by=therapist)
    audit_checkpoints.write_checkpoint()
    forged = audit_checkpoints.Checkpoint(seq=1, row_hash="f" * 64, at="x", key_id="dev")
    with settings.RESTORE_AUDIT_CHECKPOINT_FILE.open("a") as file:
        file.write(forged.to_line())
        file.write("not json\n")
    problems = [str(problem) for problem in audit_checkpoints.verify_checkpoints()]
    assert any("is not signed with any audit key" in problem for problem in problems)
    assert any("is unreadable" in problem for problem in problems)


def test_the_clinic_admins_get_the_days_first_checkpoint_by_email(admin, therapist, settings):
    _seed(2, by=therapist)
    checkpoint = audit_checkpoints.write_checkpoint(now=datetime(2026, 3, 1, 9, tzinfo=UTC))
    _seed(1, by=therapist)
    audit_checkpoints.write_checkpoint(now=datetime(2026, 3, 1, 10, tzinfo=UTC))
    [message] = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.AUDIT_CHECKPOINT)
    assert message.recipient == admin
    assert message.patient is None
    assert f"#{checkpoint.seq}" in message.body_text
    assert checkpoint.row_hash in message.body_text
    assert checkpoint.signature in message.body_html
    assert "Rivera" not in message.body_text + message.body_html + message.subject
    assert "Jordan" not in message.body_text + message.body_html + message.subject

    _seed(1, by=therapist)
    audit_checkpoints.write_checkpoint(now=datetime(2026, 3, 2, 9, tzinfo=UTC))
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.AUDIT_CHECKPOINT).count() == 2


def test_the_hourly_task_writes_a_checkpoint(therapist, settings):
    _seed(2, by=therapist)
    tasks.checkpoint_audit_log.call_local()
    assert [line["seq"] for line in _lines(settings)] == [2]


def test_the_checkpoint_file_is_opened_for_appending_only(therapist, settings, monkeypatch):
    _seed(1, by=therapist)
    flags = []
    real_open = os.open

    def spy(path, flag, *args):
        flags.append(flag)
        return real_open(path, flag, *args)

    monkeypatch.setattr(audit_checkpoints.os, "open", spy)
    audit_checkpoints.write_checkpoint()
    assert flags and all(flag & os.O_APPEND for flag in flags)


# --- the deploy check -------------------------------------------------------------------------


def _audit_key_errors():
    return [error.id for error in checks.restore_production_settings(None) if "E004" in error.id]


def test_deploy_check_refuses_a_missing_audit_key(settings):
    settings.RESTORE_AUDIT_HMAC_KEY = settings.RESTORE_AUDIT_HMAC_DEFAULT_KEY
    assert _audit_key_errors() == ["restore.E004"]
    settings.RESTORE_AUDIT_HMAC_KEY = settings.SECRET_KEY
    assert _audit_key_errors() == ["restore.E004"]


def test_deploy_check_accepts_a_key_of_its_own(settings):
    settings.RESTORE_AUDIT_HMAC_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0" * 2
    assert _audit_key_errors() == []
