"""Messages written when they are sent: the ones that carry a one-time link.

A portal invitation and a new staff member's welcome each carry a link that sets a password.
Such a link must not sit in the outbox table (a database dump, a backup or the delivery pages
would hold a working key to an account), so for these kinds the row keeps only the subject
and a placeholder body, and the worker renders the real text just before sending, from the
row's recipient and patient. The link is made then, so it is also as fresh as it can be.

Each kind names a function (by import path: the functions live beside the rules they follow,
and import the outbox themselves) that takes the message and returns what its templates need
beyond the first name and the clinic's name: at least `link`. It raises `Withdrawn` when the
message should no longer go (the invitation was replaced by a newer one, the account already
has a password): the worker then cancels the row with that reason instead of sending it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from clinic.models import ClinicProfile, OutboxMessage

from .rendering import Rendered, first_name_for, patient_of

Kind = OutboxMessage.Kind
SEND_TIME_CONTEXT = {
    Kind.INVITATION: "clinic.invitations.invitation_email_context",
    Kind.STAFF_WELCOME: "clinic.services.staff_welcome_email_context",
    Kind.SELF_SERVICE_LINK: "clinic.selfservice.links.email_link_context",
}
PLACEHOLDER = (
    "This message carries a one-time link, so its text is written when it is sent and is "
    "not kept here.\n"
)


class Withdrawn(Exception):
    """The message should not be sent any more; the text says why (staff read it)."""


def renders_at_send(kind: str) -> bool:
    return kind in SEND_TIME_CONTEXT


def subject_for(*, kind: str, language: str) -> str:
    """The subject, written when the row is (it carries no link)."""
    context = {"clinic_name": ClinicProfile.load().name}
    with translation.override(language):
        return " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())[:200]


def render_at_send(message: OutboxMessage) -> Rendered:
    """The message's text, with the values its kind's function gives (or raise Withdrawn)."""
    extra = import_string(SEND_TIME_CONTEXT[message.kind])(message)
    context = {
        **extra,
        "first_name": first_name_for(
            message.recipient, patient_of(message.recipient, message.patient, message.kind)
        ),
        "clinic_name": ClinicProfile.load().name,
    }
    language = message.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return Rendered(
            subject=message.subject,
            text=render_to_string(f"emails/{message.kind}.txt", context).strip() + "\n",
            html=render_to_string(f"emails/{message.kind}.html", context),
            language=language,
        )


def prepared(message: OutboxMessage) -> OutboxMessage:
    """The message ready for its channel: for a send-time kind, its text written now (on this
    instance only, never saved). Raises Withdrawn when it should not go."""
    if not renders_at_send(message.kind):
        return message
    rendered = render_at_send(message)
    message.body_text = rendered.text
    message.body_html = rendered.html
    return message
