"""Stored handout PDFs are a cache: delete the ones no request will ask for again.

The clinical record is the published revision (immutable, PROTECT); a `HandoutFile` is only a
rendering of it, made again on demand whenever it is missing (`render_handout` checks that the
file exists). So deleting a stored handout never loses anything, and the rules here only have
to avoid deleting a file a request is about to serve:

- superseded: when a new file is stored for a revision and options (its key changed because the
  clinic details, the patient's name or precautions, or the format changed), the older files
  of that revision and options are deleted once the new row is committed. "Older" is by
  `created_at`, so a render that started earlier and finished later never deletes a newer one;
- stale: files of a current revision whose key is no longer the one its inputs give today, so
  no request asks for them again (say the clinic changed its phone number and nobody has
  downloaded the A4 copy since);
- retired: files of revisions the patient no longer gets (a newer version was published, or the
  program or the patient was archived), once they are older than the retention period;
- orphans: files under handouts/ that no row names (a render that failed between storing its
  file and its row), once they are older than ORPHAN_GRACE, so a render in flight keeps its file.

`prune_superseded` runs after each new render; `manage.py prune_handouts` runs all four (from
cron, say daily), with `--dry-run` to see what it would delete.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from clinic.languages import patient_language
from clinic.models import ClinicProfile, Patient
from programs.models import HandoutFile, Program

from .keys import handout_key, logo_digest

logger = logging.getLogger(__name__)

HANDOUT_FOLDER = "handouts"
RETENTION = timedelta(days=30)
ORPHAN_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class Pruned:
    name: str
    size: int
    reason: str  # superseded | stale | retired | orphan


@dataclass
class PruneReport:
    items: list[Pruned] = field(default_factory=list)

    def count(self, reason: str) -> int:
        return sum(1 for item in self.items if item.reason == reason)

    @property
    def size(self) -> int:
        return sum(item.size for item in self.items)


def _superseded_by(handout: HandoutFile) -> QuerySet[HandoutFile]:
    """Stored handouts of the same revision and options, made before this one."""
    return (
        HandoutFile.objects.filter(
            revision_id=handout.revision_id,
            paper=handout.paper,
            large_print=handout.large_print,
            bilingual=handout.bilingual,
        )
        .exclude(pk=handout.pk)
        .filter(
            Q(created_at__lt=handout.created_at)
            | Q(created_at=handout.created_at, pk__lt=handout.pk)
        )
    )


def _delete_stored(handout: HandoutFile) -> None:
    """The row first: without it the file is an orphan the command sweeps up if its delete
    fails; a row without its file would only be rendered again."""
    name = handout.file.name
    storage = handout.file.storage
    HandoutFile.objects.filter(pk=handout.pk).delete()
    try:
        storage.delete(name)
    except Exception:  # the storage's own error (S3): the orphan sweep retries it
        logger.warning("Handout pruning: a stored file could not be deleted", exc_info=True)


def prune_superseded(*, handout: HandoutFile) -> int:
    """Delete the older stored handouts of `handout`'s revision and options; how many."""
    older = list(_superseded_by(handout))
    for old in older:
        _delete_stored(old)
    if older:
        logger.info("Handout pruning: %d superseded file(s) deleted", len(older))
    return len(older)


def prune_superseded_on_commit(*, handout: HandoutFile) -> None:
    """`prune_superseded` once the new row is committed (at once outside a transaction)."""
    transaction.on_commit(lambda: prune_superseded(handout=handout))


def _all_superseded() -> list[HandoutFile]:
    """Every stored handout that is not the newest of its revision and options."""
    rows = HandoutFile.objects.order_by(
        "revision_id", "paper", "large_print", "bilingual", "-created_at", "-pk"
    ).only("pk", "revision_id", "paper", "large_print", "bilingual", "created_at", "file", "size")
    superseded, seen = [], set()
    for row in rows.iterator():
        group = (row.revision_id, row.paper, row.large_print, row.bilingual)
        if group in seen:
            superseded.append(row)
        seen.add(group)
    return superseded


def _stale(skip: set[int]) -> list[HandoutFile]:
    """Stored handouts of current revisions whose key their inputs no longer give."""
    clinic = ClinicProfile.load()
    logo = logo_digest(clinic)
    tags: dict[int, list[str]] = {}
    languages: dict[int, str] = {}
    rows = (
        HandoutFile.objects.filter(revision__program__current_revision=F("revision"))
        .exclude(revision__program__status=Program.Status.ARCHIVED)
        .exclude(pk__in=skip)
        .select_related("revision__program__patient")
    )
    stale = []
    for row in rows.iterator(chunk_size=200):
        patient = row.revision.program.patient
        if patient.pk not in tags:
            tags[patient.pk] = patient.precaution_tags()
            languages[patient.pk] = patient_language(patient)
        key = handout_key(
            revision=row.revision,
            patient=patient,
            clinic=clinic,
            paper=row.paper,
            large_print=row.large_print,
            precaution_tags=tags[patient.pk],
            language=languages[patient.pk],
            bilingual=row.bilingual and languages[patient.pk] != "en",
            logo_sha256=logo,
        )
        if key != row.key:
            stale.append(row)
    return stale


def _retired(before: datetime) -> QuerySet[HandoutFile]:
    """Stored before `before`, of a revision the patient no longer gets."""
    program = "revision__program__"
    return HandoutFile.objects.filter(created_at__lt=before).filter(
        Q(**{f"{program}current_revision__isnull": True})
        | ~Q(**{f"{program}current_revision": F("revision")})
        | Q(**{f"{program}status": Program.Status.ARCHIVED})
        | Q(**{f"{program}patient__in": Patient.objects.filter(archived_at__isnull=False)})
    )


def _orphans(storage: Storage, before: datetime) -> list[tuple[str, int]]:
    """PDFs under handouts/ that no row names, last written before `before`."""
    try:
        _, files = storage.listdir(HANDOUT_FOLDER)
    except FileNotFoundError:
        return []
    names = {f"{HANDOUT_FOLDER}/{name}" for name in files if name.lower().endswith(".pdf")}
    known = set(
        HandoutFile.objects.filter(file__in=names).values_list("file", flat=True).iterator()
    )
    orphans = []
    for name in sorted(names - known):
        try:
            modified = storage.get_modified_time(name)
        except NotImplementedError:
            logger.warning("Handout pruning: the storage cannot date files; orphans are kept")
            return []
        if modified < before:
            orphans.append((name, storage.size(name)))
    return orphans


def prune_handouts(
    *, retention: timedelta = RETENTION, dry_run: bool = False, now: datetime | None = None
) -> PruneReport:
    """Delete superseded, stale, retired (older than `retention`) and orphaned handout files."""
    now = now or timezone.now()
    report = PruneReport()
    handouts = {row.pk: (row, "superseded") for row in _all_superseded()}
    for row in _retired(now - retention):
        handouts.setdefault(row.pk, (row, "retired"))
    for row in _stale(skip=set(handouts)):
        handouts[row.pk] = (row, "stale")
    for row, reason in handouts.values():
        report.items.append(Pruned(name=row.file.name, size=row.size, reason=reason))
        if not dry_run:
            _delete_stored(row)

    storage = HandoutFile._meta.get_field("file").storage
    for name, size in _orphans(storage, now - ORPHAN_GRACE):
        report.items.append(Pruned(name=name, size=size, reason="orphan"))
        if not dry_run:
            storage.delete(name)
    return report
