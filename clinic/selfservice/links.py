"""Single-patient links: issue, find, revoke, complete, email.

A link opens one form (a pre-visit intake or a questionnaire) for one patient. Its raw token
(`secrets.token_urlsafe(32)`) is shown once, in the QR code or the portal's redirect, and the
row keeps only its SHA-256, so a database dump or backup holds no working link.

An emailed link is written when the worker sends it (clinic/outbox/at_send.py): the outbox row
keeps a placeholder, and at send time the link gets a fresh token that only the email carries
(`email_link_context`). The token returned by `issue_link` for that link then stops working,
which is what we want: nobody but the email's reader ever holds a working copy.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from clinic import audit
from clinic.models import ClinicProfile, OutboxMessage, Patient, User
from clinic.outbox.at_send import Withdrawn
from clinic.outbox.rendering import own_link
from clinic.outbox.services import enqueue_message

from .models import PatientLink

DEFAULT_DAYS = 7
# Longer than any token_urlsafe(32) (43 characters): anything else is refused unhashed.
MAX_TOKEN_LENGTH = 64


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_link(
    *,
    patient: Patient,
    purpose: str,
    target_uuid,
    by: User | None = None,
    channel: str = PatientLink.Channel.EMAIL,
    days: int = DEFAULT_DAYS,
) -> tuple[PatientLink, str]:
    """A new link; returns the row and the raw token (shown once, never stored)."""
    if purpose not in PatientLink.Purpose.values:
        raise ValueError(f"Unknown link purpose {purpose!r}.")
    if channel not in PatientLink.Channel.values:
        raise ValueError(f"Unknown link channel {channel!r}.")
    if days < 1:
        raise ValueError("A link works for at least one day.")
    token = secrets.token_urlsafe(32)
    link = PatientLink.objects.create(
        patient=patient,
        purpose=purpose,
        target_uuid=target_uuid,
        channel=channel,
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=days),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit.record(
        action=audit.Action.CREATE,
        user=by,
        patient=patient,
        obj=link,
        detail=(
            f"{link.get_purpose_display()} link made ({link.get_channel_display()}), "
            f"works until {link.expires_at:%Y-%m-%d}"
        ),
    )
    return link, token


def find_link(token: str) -> PatientLink | None:
    """The link with this token, live or not (None if no link ever had it)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        PatientLink.objects.select_related("patient").filter(token_hash=hash_token(token)).first()
    )


def find_live_link(token: str) -> PatientLink | None:
    """The live link with this token; None if expired, revoked, completed or unknown."""
    link = find_link(token)
    return link if link is not None and link.is_live else None


def why_dead(link: PatientLink) -> str:
    """Why a link no longer opens its form, in a few words for the audit log and staff."""
    if link.revoked_at is not None:
        return "revoked"
    if link.completed_at is not None:
        return "completed"
    if link.expires_at <= timezone.now():
        return "expired"
    return ""


@transaction.atomic
def revoke_link(*, link: PatientLink, by: User) -> None:
    """End a link now (staff). Revoking an ended link changes nothing."""
    link = PatientLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None or link.completed_at is not None:
        return
    link.revoked_at = timezone.now()
    link.revoked_by = by
    link.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit.record(
        action=audit.Action.ARCHIVE,
        user=by,
        patient=link.patient,
        obj=link,
        detail=f"{link.get_purpose_display()} link revoked",
    )


@transaction.atomic
def complete_links(*, target_uuid) -> int:
    """On submit: every live link to that form ends. Returns how many ended."""
    return (
        PatientLink.objects.live()
        .filter(target_uuid=target_uuid)
        .update(completed_at=timezone.now(), updated_at=timezone.now())
    )


@transaction.atomic
def record_open(*, link: PatientLink) -> PatientLink:
    """Count one opening of the link (the address in the email or QR code was followed)."""
    now = timezone.now()
    link = PatientLink.objects.select_for_update().get(pk=link.pk)
    link.open_count += 1
    link.first_opened_at = link.first_opened_at or now
    link.last_opened_at = now
    link.save(update_fields=["open_count", "first_opened_at", "last_opened_at", "updated_at"])
    return link


def link_path(token: str) -> str:
    return reverse("clinic:link-open", kwargs={"token": token})


@transaction.atomic
def email_link(*, link: PatientLink, token: str, by: User | None) -> OutboxMessage:
    """Email the link to the patient through the outbox, in their language, with only the link.

    `token` must be the link's own (a guard against mixing up links); the email carries a fresh
    one made when it is sent, so the token itself is never written to the outbox.
    """
    if hash_token(token) != link.token_hash:
        raise ValueError("That token does not belong to this link.")
    message = enqueue_message(
        kind=OutboxMessage.Kind.SELF_SERVICE_LINK,
        key=f"self_service_link:{link.uuid}",
        patient=link.patient,
        obj=link,
        by=by,
    )
    # The outbox writes a subject that fits any form; name the kind of form instead.
    subject = _subject(purpose=link.purpose, language=message.language)
    if message.subject != subject:
        message.subject = subject
        message.save(update_fields=["subject"])
    return message


def _subject(*, purpose: str, language: str) -> str:
    context = {"clinic_name": ClinicProfile.load().name, "purpose": purpose}
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string("emails/self_service_link_subject.txt", context)
    return " ".join(text.split())[:200]


def email_link_context(message: OutboxMessage) -> dict:
    """What the link email needs when the worker sends it (clinic/outbox/at_send.py): the link
    with a fresh token, its expiry date and the clinic's phone. Withdrawn when the link ended
    before the email could go."""
    with transaction.atomic():
        link = (
            PatientLink.objects.select_for_update().filter(uuid=message.object_id).first()
            if message.object_id
            else None
        )
        if link is None:
            raise Withdrawn("the form link no longer exists")
        reason = why_dead(link)
        if reason:
            raise Withdrawn(f"the form link was {reason} before the email could be sent")
        token = secrets.token_urlsafe(32)
        link.token_hash = hash_token(token)
        link.save(update_fields=["token_hash", "updated_at"])
    return {
        "purpose": link.purpose,
        "link": own_link(link_path(token)),
        "expires_at": link.expires_at,
        "clinic_phone": ClinicProfile.load().phone,
    }
