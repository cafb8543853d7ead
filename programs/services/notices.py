"""Telling the patient that a version of their program was published.

The email says only that the program is ready, or was updated, with a link to sign in: no
exercise, no change, nothing about their health (the outbox's templates cannot carry more).
What changed is shown in the portal, on the program page ("What's new in version N").

A patient is emailed only when they can act on it: they have a portal account they have
signed in to (chose a password), it is switched on, and they agreed to email. Otherwise
nothing is sent, and the therapist is told why and what to do next (`PortalReach`).
"""

from enum import StrEnum

from django.urls import reverse

from clinic.invitations import portal_access
from clinic.models import OutboxMessage, Patient, User
from clinic.outbox.services import enqueue_message

from ..models import ProgramRevision


class PortalReach(StrEnum):
    """How a newly published version reaches the patient."""

    EMAILED = "emailed"  # they have an account and agreed to email: a notice is on its way
    NO_EMAIL_CONSENT = "no_email_consent"  # they have an account: they see it when they sign in
    INVITED = "invited"  # invited, but they have not chosen a password yet
    NOT_INVITED = "not_invited"  # an email on record, no portal account yet
    NO_EMAIL = "no_email"  # no email on record, so no invitation either
    ACCOUNT_OFF = "account_off"  # their portal account is switched off


def portal_reach(patient: Patient) -> PortalReach:
    state = portal_access(patient).state
    if state == "active":
        return PortalReach.EMAILED if patient.consent_email else PortalReach.NO_EMAIL_CONSENT
    if state == "inactive":
        return PortalReach.ACCOUNT_OFF
    if state in ("pending", "expired"):
        return PortalReach.INVITED
    return PortalReach.NOT_INVITED if patient.email.strip() else PortalReach.NO_EMAIL


def notify_patient_of_revision(*, revision: ProgramRevision, by: User) -> PortalReach:
    """Write the "ready" (first version) or "updated" email for a revision just published, if
    the patient can be emailed. Call it in the transaction that publishes the revision."""
    program = revision.program
    patient = program.patient
    reach = portal_reach(patient)
    if reach != PortalReach.EMAILED:
        return reach
    path = reverse("programs:portal-program", kwargs={"uuid": program.uuid})
    if revision.number == 1:
        kind, key = OutboxMessage.Kind.PROGRAM_READY, f"program_ready:{program.uuid}"
    else:
        kind, key = OutboxMessage.Kind.PROGRAM_UPDATED, f"program_updated:{revision.uuid}"
    enqueue_message(
        kind=kind, key=key, recipient=patient.user, patient=patient, obj=revision, path=path, by=by
    )
    return reach
