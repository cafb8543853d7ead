"""Secure messages between a patient and their care team: writing one, and marking a thread read.

Each patient has one thread (created with its first message). A message is never edited or
deleted. The other side is told by email that a message is waiting, with a link to sign in and
nothing else (the outbox's secure_message email): the patient when the care team writes, the
patient's therapist (or, without one, the clinic admins) when the patient writes. One email per
unread spell: while the other side has not opened the thread since the last email, further
messages add to it without another email.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import audit
from .invitations import portal_access
from .models import MessageThread, OutboxMessage, Patient, SecureMessage, User
from .outbox.services import enqueue_message


def patient_can_be_emailed(patient: Patient) -> bool:
    """A portal account they use, switched on, and consent to email."""
    return portal_access(patient).state == "active" and patient.consent_email


@transaction.atomic
def send_secure_message(*, patient: Patient, body: str, by: User) -> SecureMessage:
    body = body.strip()
    if not body:
        raise ValidationError("Write a message first.")
    from_patient = by.role == User.Role.PATIENT
    if from_patient and patient.user_id != by.pk:
        raise PermissionDenied("A patient writes only in their own thread.")
    if not from_patient and not by.is_clinic_staff:
        raise PermissionDenied
    if not from_patient and patient.user_id is None:
        raise ValidationError(
            "This patient has no portal account, so they could not read a message. Invite them "
            "to the portal first, or call them."
        )
    thread, _created = MessageThread.objects.select_for_update().get_or_create(patient=patient)
    now = timezone.now()
    other_read_at = thread.staff_read_at if from_patient else thread.patient_read_at
    already_waiting = SecureMessage.objects.filter(thread=thread, from_patient=from_patient)
    if other_read_at is not None:
        already_waiting = already_waiting.filter(created_at__gt=other_read_at)
    told_already = already_waiting.exists()
    message = SecureMessage.objects.create(
        thread=thread, author=by, from_patient=from_patient, body=body, created_at=now
    )
    # Writing in the thread means having read it.
    read_field = "patient_read_at" if from_patient else "staff_read_at"
    setattr(thread, read_field, now)
    thread.last_message_at = now
    thread.save(update_fields=["last_message_at", read_field])
    audit.record(
        action=audit.Action.CREATE, user=by, patient=patient, obj=message, detail="secure message"
    )
    if not told_already:
        _tell_the_other_side(message, patient=patient, by=by)
    return message


def _tell_the_other_side(message: SecureMessage, *, patient: Patient, by: User) -> None:
    if message.from_patient:
        therapist = patient.therapist
        if therapist is not None and therapist.is_active:
            readers = [therapist]
        else:
            readers = list(User.objects.filter(role=User.Role.ADMIN, is_active=True))
        path = reverse("clinic:patient-thread", kwargs={"uuid": patient.uuid})
    else:
        if not patient_can_be_emailed(patient):
            return  # they see the badge when they next sign in
        readers = [patient.user]
        path = reverse("clinic:portal-messages")
    for reader in readers:
        enqueue_message(
            kind=OutboxMessage.Kind.SECURE_MESSAGE,
            key=f"secure_message:{message.uuid}:{reader.pk}",
            recipient=reader,
            patient=patient,
            obj=message.thread,
            path=path,
            by=by,
        )


def mark_read(*, thread: MessageThread, by: User) -> None:
    """The reader's side has now seen everything in the thread."""
    if thread.pk is None:
        return
    field = "patient_read_at" if by.role == User.Role.PATIENT else "staff_read_at"
    now = timezone.now()
    MessageThread.objects.filter(pk=thread.pk).update(**{field: now})
    setattr(thread, field, now)


def unread_for_patient(user: User) -> int:
    """Messages from the care team the patient has not seen (the portal's badge)."""
    if not getattr(user, "is_patient", False):
        return 0
    return SecureMessage.objects.unread_by_patient().filter(thread__patient__user=user).count()
