"""What a message says: subject and bodies from templates/emails/, in the recipient's language.

The templates get exactly three values: the person's first name, the clinic's name and an
absolute link to the sign-in page (which then opens the page the message is about). Callers
cannot add more, so no health information can reach a subject or a body: a diagnosis, an
exercise, a pain score or a last name is simply not in the context. A message the person can
turn off (reminders) has a fourth: `stop_link`, the absolute link of its one-click stop page.
The audit checkpoint email to the clinic admins has `checkpoint`: a sequence number, two hashes
and a time (clinic/audit_checkpoints.py), no patient data.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from clinic.models import ClinicProfile, OutboxMessage, Patient, User

Kind = OutboxMessage.Kind
# Kinds with templates (emails/<kind>_subject.txt, <kind>.txt, <kind>.html). Intake links get
# theirs with the feature that sends them.
TEMPLATED_KINDS = frozenset(
    {
        Kind.PROGRAM_READY,
        Kind.PROGRAM_UPDATED,
        Kind.STAFF_ALERT,
        Kind.SECURE_MESSAGE,
        Kind.REMINDER,
        Kind.NUDGE,
        Kind.AUDIT_CHECKPOINT,
    }
)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str


# Kinds that go to staff (a person or the clinic's alert address), never to the patient they
# are about, whoever the recipient is.
STAFF_KINDS = frozenset({Kind.STAFF_ALERT, Kind.STAFF_WELCOME, Kind.AUDIT_CHECKPOINT})
CHECKPOINT_FIELDS = frozenset({"seq", "row_hash", "at", "signature"})


def patient_of(recipient: User | None, patient: Patient | None, kind: str = "") -> Patient | None:
    """The patient the message goes to, if it goes to a patient (not to staff about one)."""
    if kind in STAFF_KINDS:
        return None
    if recipient is None:
        return patient
    if patient is not None and patient.user_id == recipient.pk:
        return patient
    if recipient.role == User.Role.PATIENT:
        return Patient.objects.filter(user=recipient).first()
    return None


def first_name_for(recipient: User | None, patient: Patient | None) -> str:
    if patient is not None:
        return patient.preferred_name or patient.first_name
    return recipient.first_name if recipient is not None else ""


def sign_in_link(path: str = "") -> str:
    """The absolute sign-in link; `path` (one of our pages) is where it lands afterwards."""
    link = settings.SITE_URL + reverse("login")
    if path:
        if not path.startswith("/") or path.startswith("//"):
            raise ValueError(f"A message links to one of our own pages, not {path!r}.")
        link += "?" + urlencode({"next": path}, safe="/")
    return link


def own_link(path: str) -> str:
    """The absolute link of one of our own pages."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"A message links to one of our own pages, not {path!r}.")
    return settings.SITE_URL + path


def render_message(
    *,
    kind: str,
    first_name: str,
    language: str,
    path: str = "",
    stop_path: str = "",
    checkpoint: dict[str, str] | None = None,
) -> Rendered:
    if kind not in TEMPLATED_KINDS:
        raise ValueError(f"There are no email templates for {kind!r} yet.")
    if (checkpoint is not None) != (kind == Kind.AUDIT_CHECKPOINT) or (
        checkpoint is not None and set(checkpoint) != CHECKPOINT_FIELDS
    ):
        raise ValueError("Only the audit checkpoint email carries a checkpoint, and only it.")
    context = {
        "first_name": first_name,
        "clinic_name": ClinicProfile.load().name,
        "link": sign_in_link(path),
        "stop_link": own_link(stop_path) if stop_path else "",
        "checkpoint": checkpoint,
    }
    with translation.override(language):
        subject = render_to_string(f"emails/{kind}_subject.txt", context)
        return Rendered(
            subject=" ".join(subject.split())[:200],
            text=render_to_string(f"emails/{kind}.txt", context).strip() + "\n",
            html=render_to_string(f"emails/{kind}.html", context),
            language=language,
        )
