"""Back up the database while the app is running (docs/operations.md).

SQLite: the online backup API copies a consistent snapshot page by page, even while others
write (never copy the .sqlite3 file by hand: WAL mode keeps recent writes in a side file).
PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`.
"""

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump with a fixed argv, no shell
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Write a consistent backup of the database to --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="File to write (overwritten).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        connection = connections[database]
        target = Path(output).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "sqlite":
            backup_sqlite(connection, target)
        elif connection.vendor == "postgresql":
            backup_postgresql(connection.settings_dict, target)
        else:
            raise CommandError(f"No backup method for the {connection.vendor} database.")
        os.chmod(target, 0o600)  # health data: readable by the backup owner only
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {target}."))


def backup_sqlite(connection, target: Path) -> None:
    connection.ensure_connection()
    partial = target.with_suffix(target.suffix + ".partial")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial)
    try:
        with destination:
            connection.connection.backup(destination, pages=1024)
    finally:
        destination.close()
    partial.replace(target)


def pg_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    return env


def backup_postgresql(settings_dict: dict, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise CommandError("pg_dump is not installed (apt-get install postgresql-client).")
    result = subprocess.run(  # noqa: S603 - fixed argv
        [pg_dump, "--format=custom", "--no-owner", "--file", str(target)],
        env=pg_env(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
