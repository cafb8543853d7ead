"""How a message leaves: one `Channel` per `OutboxMessage.Channel` value.

A channel sends one message or raises. `DeliveryError(permanent=True)` says that trying again
cannot help (the server refused the address); anything else is treated as temporary and retried.
Email is the only channel today; SMS or push add a class here and a value to the enum.
"""

import smtplib
from abc import ABC, abstractmethod
from typing import ClassVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from clinic.models import OutboxMessage


class DeliveryError(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class Channel(ABC):
    name: ClassVar[str]

    @abstractmethod
    def send(self, message: OutboxMessage) -> None:
        """Deliver the message, or raise (DeliveryError(permanent=True) if retrying is futile)."""


class EmailChannel(Channel):
    """Django's email backend (SMTP in production). Mail headers come from the row: the stable
    Message-ID, and any extra ones the caller stored (List-Unsubscribe on reminders)."""

    name = OutboxMessage.Channel.EMAIL

    def build(self, message: OutboxMessage) -> EmailMultiAlternatives:
        headers = {
            "Message-ID": message.message_id,
            "Auto-Submitted": "auto-generated",  # no out-of-office replies, please (RFC 3834)
            **(message.headers or {}),
        }
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address],
            headers=headers,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        return email

    def send(self, message: OutboxMessage) -> None:
        if not message.address:
            raise DeliveryError("No email address on file for this person.", permanent=True)
        try:
            self.build(message).send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            raise DeliveryError(
                f"The mail server refused the address: {_replies(error.recipients.values())}",
                permanent=all(code >= 500 for code in codes),
            ) from error
        except smtplib.SMTPDataError as error:
            raise DeliveryError(
                f"The mail server refused the message: {_reply(error.smtp_code, error.smtp_error)}",
                permanent=error.smtp_code >= 500,
            ) from error
        except smtplib.SMTPResponseException as error:
            # Refused sender, failed login, ...: our side's configuration; worth retrying.
            raise DeliveryError(
                f"The mail server said: {_reply(error.smtp_code, error.smtp_error)}"
            ) from error


def _reply(code: int, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def _replies(replies) -> str:
    return "; ".join(_reply(code, text) for code, text in replies)


CHANNELS: dict[str, Channel] = {channel.name: channel for channel in (EmailChannel(),)}


def channel_for(name: str) -> Channel:
    try:
        return CHANNELS[name]
    except KeyError:
        raise DeliveryError(f"No channel {name!r} is set up.", permanent=True) from None
