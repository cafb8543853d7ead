"""Signed checkpoints of the audit chain's head, kept where the database's writer cannot reach.

The keyed hashes (`clinic.audit`) stop someone with write access to the database from
rewriting the chain, unless they also hold the key. A checkpoint stops them even then: every
hour the worker appends the head's sequence number and hash, with the time and an HMAC over the
three, as one JSON line to `RESTORE_AUDIT_CHECKPOINT_FILE` (opened for appending only; in
production on a separate mount, `chattr +a`, or synced to an object-locked bucket), and once a
day emails the same to the clinic admins through the outbox. A rewritten or shortened chain no
longer contains the checkpointed row with that hash, and `verify_audit_log` says so.

A checkpoint carries no patient data: a number, two hashes and a time.
"""

import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clinic import audit
from clinic.models import AuditEvent, OutboxMessage, User
from clinic.outbox.services import enqueue_message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    row_hash: str
    at: str  # UTC, ISO 8601
    key_id: str
    signature: str = ""

    def signed_bytes(self) -> bytes:
        values = {"seq": self.seq, "row_hash": self.row_hash, "at": self.at, "key_id": self.key_id}
        return json.dumps(values, sort_keys=True, separators=(",", ":")).encode()

    def to_line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")) + "\n"


def _signing_key(key: bytes) -> bytes:
    # Its own key, derived from the audit key, so a checkpoint signature can never pass for a
    # row hash or the other way round.
    return hmac.new(key, b"restore-audit-checkpoint-v1", hashlib.sha256).digest()


def sign(checkpoint: Checkpoint, key: bytes) -> str:
    return hmac.new(_signing_key(key), checkpoint.signed_bytes(), hashlib.sha256).hexdigest()


def checkpoint_file() -> Path:
    return Path(settings.RESTORE_AUDIT_CHECKPOINT_FILE)


# --- writing ----------------------------------------------------------------------------------


def append(checkpoint: Checkpoint, path: Path | None = None) -> None:
    """One line, appended: O_APPEND never seeks back, and on an append-only file (`chattr +a`)
    it is the only way in."""
    path = path or checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, checkpoint.to_line().encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_checkpoint(*, now: datetime | None = None) -> Checkpoint | None:
    """Link the pending rows, check the rows since the last checkpoint, then checkpoint the
    head and tell the clinic admins (once a day). Refuses (and logs an error) when the log no
    longer verifies, so a tampered chain is never signed; returns None then, and for an empty
    log."""
    now = now or timezone.now()
    audit.link_pending()
    problems = verify_checkpoints(latest_only=True)
    latest = latest_checkpoint()
    problems += audit.verify_chain(after=(latest.seq, latest.row_hash) if latest else None)
    if problems:
        logger.error(
            "Audit checkpoint not written: the audit log does not verify (%s). "
            "Run manage.py verify_audit_log.",
            "; ".join(str(problem) for problem in problems[:5]),
        )
        return None
    seq, head_hash = audit.chain_head()
    if seq == 0:
        return None
    key_id = settings.RESTORE_AUDIT_HMAC_KEY_ID
    unsigned = Checkpoint(
        seq=seq,
        row_hash=head_hash,
        at=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        key_id=key_id,
    )
    checkpoint = Checkpoint(
        **{**asdict(unsigned), "signature": sign(unsigned, audit.audit_keys()[key_id])}
    )
    append(checkpoint)
    email_admins(checkpoint, day=now.astimezone(UTC).date().isoformat())
    return checkpoint


def email_admins(checkpoint: Checkpoint, *, day: str) -> None:
    """The day's first checkpoint, to every active clinic admin: a copy in their mailbox that
    whoever controls this server cannot take back."""
    admins = User.objects.filter(role=User.Role.ADMIN, is_active=True).order_by("pk")
    with transaction.atomic():
        for admin in admins:
            enqueue_message(
                kind=OutboxMessage.Kind.AUDIT_CHECKPOINT,
                key=f"audit_checkpoint:{day}:{admin.pk}",
                recipient=admin,
                path=reverse("clinic:audit-list"),
                checkpoint={
                    "seq": str(checkpoint.seq),
                    "row_hash": checkpoint.row_hash,
                    "at": checkpoint.at,
                    "signature": checkpoint.signature,
                },
            )


# --- reading and verifying --------------------------------------------------------------------


def read_checkpoints(path: Path | None = None) -> tuple[list[Checkpoint], list[audit.Problem]]:
    """Every checkpoint in the file whose signature holds, and a problem for each line that
    does not (a forged or damaged line)."""
    path = path or checkpoint_file()
    if not path.exists():
        return [], []
    keys = audit.audit_keys()
    checkpoints, problems = [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                values = json.loads(line)
                checkpoint = Checkpoint(
                    seq=int(values["seq"]),
                    row_hash=str(values["row_hash"]),
                    at=str(values["at"]),
                    key_id=str(values["key_id"]),
                    signature=str(values["signature"]),
                )
            except (ValueError, KeyError, TypeError):
                problems.append(
                    audit.Problem(None, "checkpoint", f"line {number} of {path} is unreadable.")
                )
                continue
            key = keys.get(checkpoint.key_id)
            if key is None or not hmac.compare_digest(sign(checkpoint, key), checkpoint.signature):
                problems.append(
                    audit.Problem(
                        checkpoint.seq,
                        "checkpoint",
                        f"line {number} of {path} (#{checkpoint.seq}) is not signed with any "
                        "audit key we have: forged, damaged, or its key is missing from "
                        "DJANGO_AUDIT_HMAC_OLD_KEYS.",
                    )
                )
                continue
            checkpoints.append(checkpoint)
    return checkpoints, problems


def latest_checkpoint() -> Checkpoint | None:
    checkpoints, _problems = read_checkpoints()
    return max(checkpoints, key=lambda checkpoint: checkpoint.seq, default=None)


def verify_checkpoints(*, latest_only: bool = False) -> list[audit.Problem]:
    """Each checkpointed row must still be there with the hash it had; the log must reach the
    highest checkpoint. (Together with `verify_chain()` this pins every row up to it.)"""
    checkpoints, problems = read_checkpoints()
    if latest_only and checkpoints:
        checkpoints = [max(checkpoints, key=lambda checkpoint: checkpoint.seq)]
    stored = dict(
        AuditEvent.objects.filter(seq__in={c.seq for c in checkpoints}).values_list(
            "seq", "row_hash"
        )
    )
    last_seq = (
        AuditEvent.objects.filter(seq__isnull=False)
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
        or 0
    )
    for checkpoint in checkpoints:
        if checkpoint.seq > last_seq:
            problems.append(
                audit.Problem(
                    last_seq + 1,
                    "deleted",
                    f"the checkpoint of {checkpoint.at} records row #{checkpoint.seq}, but the "
                    f"log ends at #{last_seq}: rows were removed.",
                )
            )
        elif checkpoint.seq not in stored:
            problems.append(
                audit.Problem(
                    checkpoint.seq,
                    "deleted",
                    f"row #{checkpoint.seq}, checkpointed at {checkpoint.at}, is missing.",
                )
            )
        elif not hmac.compare_digest(stored[checkpoint.seq], checkpoint.row_hash):
            problems.append(
                audit.Problem(
                    checkpoint.seq,
                    "altered",
                    f"row #{checkpoint.seq} no longer has the hash checkpointed at "
                    f"{checkpoint.at}: the chain up to it was rewritten.",
                )
            )
    return problems
