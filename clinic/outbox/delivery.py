"""What the worker does with an outbox row: claim it, send it, record how it went; and the
sweeper that finds rows the queue lost. No Huey here (clinic/tasks.py wraps these)."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from clinic.models import OutboxMessage

from . import at_send
from .channels import DeliveryError, channel_for

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status

# A pending row this long past its time has lost its queue entry (or the queue is far behind):
# the sweeper queues it again. Queuing a row twice is harmless, the claim lets one through.
SWEEP_GRACE = timedelta(seconds=60)
SWEEP_BATCH = 500
LEASE_EXPIRED = (
    "The worker stopped while sending (its lease ran out), so the message may already have "
    "gone out once. Sent again with the same Message-ID."
)


@dataclass(frozen=True)
class Outcome:
    status: str  # "sent", "retry", "failed", "cancelled" (withdrawn), or "skipped" when the
    # row was not ours to send
    retry_at: datetime | None = None


def backoff(attempts: int) -> timedelta:
    """Wait after the n-th failed attempt: 1, 5, 25, 125, 625 minutes, at most a day."""
    return timedelta(minutes=min(5 ** max(attempts - 1, 0), 24 * 60))


def max_attempts() -> int:
    return max(settings.RESTORE_OUTBOX_MAX_ATTEMPTS, 1)


def claim(message_id: int, *, now: datetime) -> OutboxMessage | None:
    """Take a due message for sending: pending → sending, one more attempt, a lease.

    The update is conditional on the status and attempt count just read, so of two workers
    holding the same id only one gets the row (on PostgreSQL the row lock with SKIP LOCKED
    makes the second one return at once; SQLite serialises writers anyway)."""
    with transaction.atomic():
        rows = OutboxMessage.objects.due(now).filter(pk=message_id)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        message = rows.first()
        if message is None:
            return None
        lease_until = now + timedelta(seconds=settings.RESTORE_OUTBOX_LEASE_SECONDS)
        claimed = OutboxMessage.objects.filter(
            pk=message.pk, status=Status.PENDING, attempts=message.attempts
        ).update(
            status=Status.SENDING,
            attempts=message.attempts + 1,
            lease_until=lease_until,
            last_attempt_at=now,
        )
        if not claimed:
            return None
    message.status = Status.SENDING
    message.attempts += 1
    message.lease_until = lease_until
    message.last_attempt_at = now
    return message


def deliver(message_id: int, *, now: datetime | None = None) -> Outcome:
    """Claim, send, record. Never raises for a failed send: the row records it."""
    message = claim(message_id, now=now or timezone.now())
    if message is None:
        return Outcome("skipped")
    return send_claimed(message)


def send_claimed(message: OutboxMessage) -> Outcome:
    """Send a message this worker claimed and record how it went, unless it lost the row
    meanwhile (its lease ran out and another worker took it over)."""
    try:
        channel_for(message.channel).send(at_send.prepared(message))
    except at_send.Withdrawn as reason:
        return _record_withdrawn(message, str(reason))
    except Exception as error:  # every failure, whatever raised it, is recorded on the row
        return _record_failure(message, error)
    return _record_sent(message)


def _owned(message: OutboxMessage):
    """The row, still as this worker claimed it (another worker may have taken it over)."""
    return OutboxMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, attempts=message.attempts
    )


def _record_sent(message: OutboxMessage) -> Outcome:
    now = timezone.now()
    if not _owned(message).update(status=Status.SENT, sent_at=now, lease_until=None):
        logger.warning("Outbox message %s was sent after its lease ran out.", message.pk)
        return Outcome("skipped")
    logger.info(
        "Outbox message %s (%s) sent, attempt %s.", message.pk, message.kind, message.attempts
    )
    return Outcome(Status.SENT)


def _record_withdrawn(message: OutboxMessage, reason: str) -> Outcome:
    """Not sent, on purpose: what it was for is gone (its one-time link was replaced, say)."""
    text = f"Attempt {message.attempts}: not sent: {reason}"[:1000]
    if not _owned(message).update(
        status=Status.CANCELLED, next_attempt_at=None, lease_until=None, last_error=text
    ):
        return Outcome("skipped")
    logger.info("Outbox message %s (%s) withdrawn: %s", message.pk, message.kind, reason)
    return Outcome(Status.CANCELLED)


def _record_failure(message: OutboxMessage, error: Exception) -> Outcome:
    now = timezone.now()
    text = str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"
    text = f"Attempt {message.attempts}: {text}"[:1000]
    permanent = isinstance(error, DeliveryError) and error.permanent
    if permanent or message.attempts >= max_attempts():
        fields = {"status": Status.FAILED, "next_attempt_at": None}
        outcome = Outcome(Status.FAILED)
    else:
        retry_at = now + backoff(message.attempts)
        fields = {"status": Status.PENDING, "next_attempt_at": retry_at}
        outcome = Outcome("retry", retry_at)
    if not _owned(message).update(lease_until=None, last_error=text, **fields):
        logger.warning("Outbox message %s failed after its lease ran out.", message.pk)
        return Outcome("skipped")
    logger.warning(
        "Outbox message %s (%s) attempt %s failed (%s): %s",
        message.pk,
        message.kind,
        message.attempts,
        outcome.status,
        type(error).__name__,
    )
    return outcome


def sweep(*, now: datetime | None = None, limit: int = SWEEP_BATCH) -> list[int]:
    """Ids to queue again: messages whose worker died mid-send (lease ran out; put back to
    pending, or failed if that was the last attempt) and pending messages well past their time."""
    now = now or timezone.now()
    again = []
    for message in OutboxMessage.objects.lease_expired(now).order_by("lease_until")[:limit]:
        last = message.attempts >= max_attempts()
        released = OutboxMessage.objects.filter(
            pk=message.pk,
            status=Status.SENDING,
            attempts=message.attempts,
            lease_until=message.lease_until,
        ).update(
            status=Status.FAILED if last else Status.PENDING,
            next_attempt_at=None if last else now,
            lease_until=None,
            last_error=f"Attempt {message.attempts}: {LEASE_EXPIRED}",
        )
        if released:
            logger.warning("Outbox message %s: its worker stopped mid-send.", message.pk)
            if not last:
                again.append(message.pk)
    overdue = (
        OutboxMessage.objects.due(now - SWEEP_GRACE)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return again + [pk for pk in overdue if pk not in again]
