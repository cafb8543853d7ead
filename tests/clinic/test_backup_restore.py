"""Back up the live database, the media folder and the audit checkpoints, restore them into a
fresh place, and compare every table and every file.

Runs the path of whichever database the suite uses: the SQLite online-backup API, or
pg_dump/pg_restore on PostgreSQL (CI runs the suite on both). Then `verify_audit_log` runs
against the restored copy and its checkpoints, as docs/operations.md tells an operator to do.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.admin import site
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from clinic import audit, audit_checkpoints
from clinic.models import AuditEvent, Patient
from tests.factories import IntakeFactory, RedFlagFactory, published_program

ROOT = Path(__file__).resolve().parents[2]


def _some_clinical_data(patient_record):
    intake = IntakeFactory(patient=patient_record, therapist=patient_record.therapist)
    RedFlagFactory(patient=patient_record, intake=intake, tier="S", reason="Night pain — ‘soon’")
    published_program(patient=patient_record, items=3)
    for i in range(5):
        audit.record(action=AuditEvent.Action.VIEW, patient=patient_record, detail=f"view {i}")


def _some_media(media_root: Path) -> None:
    """Files of every kind MEDIA_ROOT holds: a handout, a report PDF, an upload, the logo."""
    for name, content in {
        "handouts/program-v1.pdf": b"%PDF-1.7 handout",
        "imaging_reports/2026/mri-lumbar.pdf": b"%PDF-1.7 report \x00\xff",
        "uploads/exercise-photo.jpg": os.urandom(2048),
        "clinic/logo.png": b"\x89PNG logo",
    }.items():
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _manage(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "DJANGO_DEBUG": "1",
            # The same audit key as this process: it is kept outside the backup, by design.
            "DJANGO_AUDIT_HMAC_KEY": django_settings.RESTORE_AUDIT_HMAC_KEY,
            "DJANGO_AUDIT_HMAC_KEY_ID": django_settings.RESTORE_AUDIT_HMAC_KEY_ID,
            **env_overrides,
        }
    )
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _rows(cursor, table: str) -> list[tuple]:
    quoted = connection.ops.quote_name(table)
    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
    cursor = cursor.fetchall()
    # Text form on both sides: the live connection parses dates, a plain one does not.
    rows = (tuple(None if value is None else str(value) for value in row) for row in cursor)
    return sorted(rows, key=repr)


def _tables() -> list[str]:
    return connection.introspection.table_names()


# --- SQLite -----------------------------------------------------------------------------------


def _restore_sqlite(backup: Path, tmp_path: Path) -> Path:
    """The documented restore: copy the backup into place as a fresh database file."""
    restored = tmp_path / "restored.sqlite3"
    shutil.copyfile(backup, restored)
    return restored


def _snapshot_sqlite(path: Path | str, tables) -> dict[str, list[tuple]]:
    """Read with a plain sqlite3 connection (no Django converters), live or restored alike."""
    db = sqlite3.connect(path, uri=str(path).startswith("file:"))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {table: _rows(db.cursor(), table) for table in tables}
    finally:
        db.close()


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_env(name: str | None = None) -> dict[str, str]:
    from clinic.management.commands.backup_db import pg_env

    env = pg_env(connection.settings_dict)
    if name:
        env["PGDATABASE"] = name
    return env


def _restore_postgresql(backup: Path) -> str:
    fresh = f"restore_check_{uuid.uuid4().hex[:8]}"
    maintenance = _pg_env("postgres")
    subprocess.run(  # noqa: S603
        [shutil.which("psql"), "-v", "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{fresh}"'],
        env=maintenance,
        check=True,
        capture_output=True,
    )
    subprocess.run(  # noqa: S603
        [shutil.which("pg_restore"), "--no-owner", "--exit-on-error", "-d", fresh, str(backup)],
        env=_pg_env(fresh),
        check=True,
        capture_output=True,
    )
    return fresh


def _drop_postgresql(name: str) -> None:
    subprocess.run(  # noqa: S603
        [shutil.which("psql"), "-c", f'DROP DATABASE IF EXISTS "{name}"'],
        env=_pg_env("postgres"),
        check=False,
        capture_output=True,
    )


def _snapshot_postgresql(name: str, tables) -> dict[str, list[tuple]]:
    import psycopg2

    settings_dict = connection.settings_dict
    db = psycopg2.connect(
        dbname=name,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
    )
    try:
        with db.cursor() as cursor:
            return {table: _rows(cursor, table) for table in tables}
    finally:
        db.close()


def _database_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{name}"


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RESTORE_AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "audit-checkpoints.jsonl"
    _some_media(settings.MEDIA_ROOT)
    return settings.MEDIA_ROOT


def _unpack(backup: Path, tmp_path: Path) -> Path:
    """The documented first step: a folder as it is; an archive, extracted."""
    if backup.is_dir():
        return backup
    unpacked = tmp_path / "unpacked"
    with tarfile.open(backup) as tar:
        tar.extractall(unpacked, filter="data")
    return unpacked


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("output", ["restore-backup", "restore-backup.tar.gz"])
def test_backup_restores_database_media_and_checkpoints_with_identical_contents(
    patient_record, other_patient_record, media_root, tmp_path, output
):
    _some_clinical_data(patient_record)
    assert audit_checkpoints.write_checkpoint() is not None
    backup = tmp_path / "backups" / output
    call_command("backup", output=str(backup))
    assert backup.exists()
    assert not list(backup.parent.glob("*.partial"))
    if backup.is_file():
        assert oct(backup.stat().st_mode & 0o777) == "0o600"
    unpacked = _unpack(backup, tmp_path)
    database = unpacked / ("database.sqlite3" if connection.vendor == "sqlite" else "database.dump")
    assert oct(database.stat().st_mode & 0o777) == "0o600"

    # Restore the media and the checkpoints into a fresh place: every file, byte for byte.
    restored_media = tmp_path / "restored" / "media"
    shutil.copytree(unpacked / "media", restored_media)
    assert _file_hashes(restored_media) == _file_hashes(media_root)
    assert len(_file_hashes(restored_media)) == 4
    restored_checkpoints = tmp_path / "restored" / "audit-checkpoints.jsonl"
    shutil.copyfile(unpacked / "audit-checkpoints.jsonl", restored_checkpoints)
    assert restored_checkpoints.read_bytes() == audit_checkpoints.checkpoint_file().read_bytes()
    checkpoint_env = {"RESTORE_AUDIT_CHECKPOINT_FILE": str(restored_checkpoints)}

    live_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        live = _snapshot_sqlite(live_name, _tables())
        restored_path = _restore_sqlite(database, tmp_path)
        restored = _snapshot_sqlite(restored_path, live)
        verify = _manage(["verify_audit_log"], SQLITE_PATH=str(restored_path), **checkpoint_env)
    else:
        live = _snapshot_postgresql(live_name, _tables())
        name = _restore_postgresql(database)
        try:
            restored = _snapshot_postgresql(name, live)
            verify = _manage(
                ["verify_audit_log"], DATABASE_URL=_database_url(name), **checkpoint_env
            )
        finally:
            _drop_postgresql(name)

    assert live[Patient._meta.db_table] and live[AuditEvent._meta.db_table]
    for table, rows in live.items():
        assert restored[table] == rows, f"{table} differs after restore"
    assert verify.returncode == 0, verify.stderr
    assert "Audit log intact" in verify.stdout
    assert "Matches all 1 checkpoint(s)" in verify.stdout

    manifest = json.loads((unpacked / "MANIFEST.json").read_text())
    assert manifest["media_files"] == 4 and manifest["checkpoints"] is True
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest


@pytest.mark.django_db(transaction=True)
def test_backup_db_still_backs_up_the_database_alone(patient_record, tmp_path):
    _some_clinical_data(patient_record)
    backup = tmp_path / "backups" / "restore-backup.db"
    call_command("backup_db", output=str(backup))
    assert backup.stat().st_size > 0
    assert oct(backup.stat().st_mode & 0o777) == "0o600"


def test_backup_refuses_to_write_into_an_existing_folder(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(tmp_path))


@pytest.mark.parametrize("command", ["backup_db", "backup"])
def test_backup_commands_need_an_output_path(command):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(command)


# --- no clinical record can be hard-deleted through the app -----------------------------------


def _reaches_patient(model, depth: int = 4) -> bool:
    if model is Patient:
        return True
    if depth == 0:
        return False
    return any(
        field.many_to_one and _reaches_patient(field.related_model, depth - 1)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is not model
    )


def test_no_clinical_record_can_be_deleted_in_the_django_admin(db):
    superuser_request = RequestFactory().get("/django-admin/")
    superuser_request.user = type("Root", (), {"is_active": True, "is_staff": True})()
    superuser_request.user.is_superuser = True
    superuser_request.user.has_perm = lambda perm, obj=None: True
    clinical = {
        model: model_admin
        for model, model_admin in site._registry.items()
        if _reaches_patient(model) or model is AuditEvent
    }
    assert Patient in clinical and AuditEvent in clinical
    deletable = [
        model._meta.label
        for model, model_admin in clinical.items()
        if model_admin.has_delete_permission(superuser_request)
        or "delete_selected" in (model_admin.get_actions(superuser_request) or {})
    ]
    assert deletable == [], f"clinical records deletable in the admin: {deletable}"
