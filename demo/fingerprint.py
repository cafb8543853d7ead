"""Is the demo already seeded and current? Then `seed_demo` need not run again.

`make run` seeds the demo before it serves. Seeding is idempotent, but it still reads and
compares every demo record (a few seconds of a restart). The fingerprint is a hash of what the
demo data is made from: the demo's code and templates, the exercise library it loads, the
database's applied migrations (with the time each was applied, so a database made again from
scratch never matches an old stamp) and today's date (demo data is dated relative to today).
After a successful seed it is written beside the SQLite database; the next run that finds the
same fingerprint, and the demo's admin account still there, skips seeding.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

SOURCES = (
    ("demo", "**/*.py"),
    ("templates/demo", "**/*"),
    ("programs", "library.py"),
    ("programs/library_data", "**/*"),
)


def stamp_path() -> Path | None:
    """Where the fingerprint is kept: beside a SQLite database file; none for other databases
    (PostgreSQL demos simply seed every time)."""
    database = settings.DATABASES[DEFAULT_DB_ALIAS]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    name = str(database["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return None
    return Path(f"{name}.demo-seed")


def fingerprint() -> str:
    digest = hashlib.sha256(f"demo seed, {timezone.localdate().isoformat()}".encode())
    base = Path(settings.BASE_DIR)
    for folder, pattern in SOURCES:
        for path in sorted((base / folder).glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    if recorder.has_table():
        rows = recorder.migration_qs.order_by("id").values_list("app", "name", "applied")
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def is_current(admin_email: str) -> bool:
    """The stamp matches and the demo's admin account exists (so a flushed database seeds)."""
    from clinic.models import User

    path = stamp_path()
    if path is None or not path.exists():
        return False
    if path.read_text().strip() != fingerprint():
        return False
    return User.objects.filter(email=admin_email).exists()


def record() -> None:
    path = stamp_path()
    if path is not None:
        path.write_text(fingerprint() + "\n")


def forget() -> None:
    """Drop the stamp before seeding, so a seed that fails halfway is run again next time."""
    path = stamp_path()
    if path is not None:
        path.unlink(missing_ok=True)
