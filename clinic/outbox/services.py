"""Writing outbox rows: what a request, a service or a command calls. Never sends anything."""

import logging
from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from clinic import audit
from clinic.languages import patient_language
from clinic.models import OutboxMessage, Patient, User

from . import at_send
from .rendering import (
    Rendered,
    first_name_for,
    own_link,
    patient_of,
    render_message,
)

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status
NO_ADDRESS = "No email address on file for this person. Add one, then resend."


def enqueue_message(
    *,
    kind: str,
    key: str,
    recipient: User | None = None,
    patient: Patient | None = None,
    obj: models.Model | None = None,
    path: str = "",
    address: str = "",
    send_after: datetime | None = None,
    headers: dict[str, str] | None = None,
    stop_path: str = "",
    channel: str = OutboxMessage.Channel.EMAIL,
    by: User | None = None,
    checkpoint: dict[str, str] | None = None,
) -> OutboxMessage:
    """Write the message for one event, to be delivered once the caller's transaction commits.

    Call it inside the transaction of the change that causes it: if that transaction rolls
    back, the row goes with it and nothing is sent. `key` names the event (for example
    "program_ready:<revision uuid>:<user id>"); the same key again returns the row already
    written, whatever else is passed. `recipient` is the person (a User); without one the
    message goes to `patient` at the address on their record. `path` is the page the sign-in
    link opens afterwards. `send_after` delays the first attempt. A person with no address
    gets a failed row (staff see it, add the address and resend) rather than an exception
    that would undo the caller's change. `stop_path` is the page that turns this kind of
    message off with one click (reminders): the body links to it, and the email carries it
    as List-Unsubscribe with List-Unsubscribe-Post, so a mail program's own "unsubscribe"
    button POSTs to it (RFC 8058). `checkpoint` is for the audit checkpoint email only
    (clinic/audit_checkpoints.py).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "enqueue_message() writes the message in the caller's transaction: call it inside "
            "transaction.atomic(), with the change that causes it."
        )
    if recipient is None and patient is None:
        raise ValueError("A message needs a recipient or a patient.")
    existing = OutboxMessage.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing

    if patient is None and isinstance(obj, Patient):
        patient = obj
    addressee = patient_of(recipient, patient, kind)  # the patient it goes to, if it goes to one
    if patient is None:
        patient = addressee
    if at_send.renders_at_send(kind):  # a one-time link: the text is written when it is sent
        language = patient_language(addressee)
        subject = at_send.subject_for(kind=kind, language=language)
        rendered = Rendered(subject=subject, text=at_send.PLACEHOLDER, html="", language=language)
    else:
        rendered = render_message(
            kind=kind,
            first_name=first_name_for(recipient, addressee),
            language=patient_language(addressee),
            path=path,
            stop_path=stop_path,
            checkpoint=checkpoint,
        )
    if stop_path:
        headers = {
            "List-Unsubscribe": f"<{own_link(stop_path)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            **(headers or {}),
        }
    now = timezone.now()
    address = address or _address_of(recipient, addressee)
    message = OutboxMessage(
        idempotency_key=key,
        channel=channel,
        kind=kind,
        recipient=recipient,
        address=address,
        patient=patient,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(getattr(obj, "uuid", None) or obj.pk) if obj is not None else "",
        language=rendered.language,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        headers=headers or {},
        status=Status.PENDING if address else Status.FAILED,
        next_attempt_at=(send_after or now) if address else None,
        last_error="" if address else NO_ADDRESS,
        created_at=now,
        created_by=by,
    )
    try:
        with transaction.atomic():  # a savepoint: losing a race on the key keeps the caller's
            message.save(force_insert=True)
    except IntegrityError:
        return OutboxMessage.objects.get(idempotency_key=key)
    if message.status == Status.PENDING:
        transaction.on_commit(partial(schedule_delivery, message.pk, send_after), robust=True)
    return message


@transaction.atomic
def resend_message(*, message: OutboxMessage, by: User) -> OutboxMessage:
    """Give a failed message a new round of attempts (the address is looked up again)."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != Status.FAILED:
        raise ValidationError("Only a message that failed can be sent again.")
    addressee = patient_of(message.recipient, message.patient, message.kind)
    address = _address_of(message.recipient, addressee) or message.address
    if not address:
        raise ValidationError(NO_ADDRESS)
    previous = f"after {message.attempts} attempt{'s' if message.attempts != 1 else ''}"
    message.address = address
    message.status = Status.PENDING
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.lease_until = None
    message.save(update_fields=["address", "status", "attempts", "next_attempt_at", "lease_until"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=message.patient,
        obj=message,
        detail=f"message resent: {message.get_kind_display()} ({previous})",
    )
    transaction.on_commit(partial(schedule_delivery, message.pk), robust=True)
    return message


def schedule_delivery(message_id: int, at: datetime | None = None) -> None:
    """Queue the delivery task (after commit). Never raises: if the queue is down (Redis
    stopped), the row stays pending, the sweeper queues it again once the queue is back, and
    the change that wrote it is not reported as an error. (Django's `robust=True` is not enough
    on its own: its log line reads `__qualname__`, which a `partial` lacks, and that
    AttributeError reaches the request as a 500.)"""
    from clinic.tasks import deliver_message

    try:
        if at is not None and at > timezone.now():
            deliver_message.schedule(args=(message_id,), eta=at)
        else:
            deliver_message(message_id)
    except Exception:  # whatever the queue raised: the row is the record, nothing is lost
        logger.exception(
            "Outbox message %s not queued (is the queue down?); the sweeper will send it.",
            message_id,
        )


def _address_of(recipient: User | None, patient: Patient | None) -> str:
    if recipient is not None:
        return recipient.email
    return patient.email.strip() if patient is not None else ""
