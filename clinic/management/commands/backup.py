"""Back up everything Restore keeps, while it runs (docs/operations.md): the database, the media
folder (clinic logo, exercise photos, scan and test report PDFs, stored handouts, any upload)
and the audit checkpoints.

`--output DIR` writes a folder, `--output FILE.tar` (or `.tar.gz`, `.tgz`) one archive; either
holds

    database.sqlite3 or database.dump   the same consistent copy `backup_db` makes
    media/                              MEDIA_ROOT, as it is on disk
    audit-checkpoints.jsonl             RESTORE_AUDIT_CHECKPOINT_FILE, if there is one yet
    MANIFEST.json                       what was backed up, and the SHA-256 of every file

It is assembled next to the target under a `.partial` name and renamed when complete; every
file is readable by its owner only. Media in object storage (`MEDIA_STORAGE=s3`) is not copied:
bucket versioning keeps it (the manifest says so).
"""

import hashlib
import json
import os
import shutil
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from clinic import audit_checkpoints

from .backup_db import backup_postgresql, backup_sqlite

ARCHIVE_SUFFIXES = {".tar": "w", ".tar.gz": "w:gz", ".tgz": "w:gz"}
CHECKPOINTS = "audit-checkpoints.jsonl"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _archive_mode(target: Path) -> str | None:
    name = target.name.lower()
    return next((mode for suffix, mode in ARCHIVE_SUFFIXES.items() if name.endswith(suffix)), None)


class Command(BaseCommand):
    help = (
        "Back up the database, the media folder and the audit checkpoints to --output "
        "(a folder, or a .tar/.tar.gz archive)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Folder (must not exist yet) or .tar/.tar.gz file."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        target = Path(output).resolve()
        mode = _archive_mode(target)
        if mode is None and target.exists():
            raise CommandError(f"{target} already exists: back up into a new folder.")
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{target.name}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(mode=0o700)
        try:
            manifest = self._assemble(staging, connections[database])
            if mode is None:
                staging.rename(target)
            else:
                self._pack(staging, target, mode)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the database, {manifest['media_files']} media file(s) and "
                f"{'the' if manifest['checkpoints'] else 'no'} audit checkpoints to {target}."
            )
        )

    def _assemble(self, staging: Path, connection) -> dict:
        if connection.vendor == "sqlite":
            backup_sqlite(connection, staging / "database.sqlite3")
        elif connection.vendor == "postgresql":
            backup_postgresql(connection.settings_dict, staging / "database.dump")
        else:
            raise CommandError(f"No backup method for the {connection.vendor} database.")

        media_root = Path(settings.MEDIA_ROOT)
        on_disk = isinstance(storages["default"], FileSystemStorage)
        if on_disk and media_root.is_dir():
            shutil.copytree(media_root, staging / "media", symlinks=False)
        else:
            (staging / "media").mkdir()

        checkpoints = audit_checkpoints.checkpoint_file()
        if checkpoints.exists():
            shutil.copyfile(checkpoints, staging / CHECKPOINTS)

        files = {}
        for path in sorted(staging.rglob("*")):
            if path.is_dir():
                path.chmod(0o700)
            else:
                path.chmod(0o600)  # health data: readable by the backup owner only
                files[path.relative_to(staging).as_posix()] = sha256_of(path)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "media": "MEDIA_ROOT" if on_disk else "object storage: not included (versioned)",
            "media_files": sum(name.startswith("media/") for name in files),
            "checkpoints": CHECKPOINTS in files,
            "sha256": files,
        }
        manifest_path = staging / "MANIFEST.json"
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        manifest_path.chmod(0o600)
        return manifest

    def _pack(self, staging: Path, target: Path, mode: str) -> None:
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode=mode) as tar:
            tar.add(staging, arcname=".")
        partial.replace(target)
