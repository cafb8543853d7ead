"""Telling staff at once, out of band, when a patient reports something that needs them.

The alert goes by email to the patient's therapist and to the clinic's alert address (clinic
details), whichever exist, through the outbox: it is written in the transaction of the report,
so it goes exactly when the report is saved. The email says only that something needs
attention, with a link to the patient's page; what happened is on that page, never in email.
Whoever calls this tells the patient what was really done (`StaffAlert`), never more.
"""

from dataclasses import dataclass

from .models import ClinicProfile, OutboxMessage, Patient, User
from .outbox.services import enqueue_message

# A message in one of these states has gone, or will: "we have emailed" is true.
GOING = (OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING, OutboxMessage.Status.SENT)


@dataclass(frozen=True)
class StaffAlert:
    therapist_emailed: bool = False
    clinic_emailed: bool = False

    @property
    def emailed(self) -> bool:
        return self.therapist_emailed or self.clinic_emailed


def therapist_to_alert(patient: Patient, fallback: User | None = None) -> User | None:
    """The patient's own therapist, else `fallback` (the program's), if their account is on."""
    for person in (patient.therapist, fallback):
        if person is not None and person.is_active and person.is_clinic_staff and person.email:
            return person
    return None


def alert_staff(
    *, patient: Patient, event: str, therapist: User | None = None, by: User | None = None
) -> StaffAlert:
    """Email the patient's therapist (else `therapist`) and the clinic's alert address that
    something about `patient` needs them now. Call it inside the transaction of the report.

    `event` names what happened, for the idempotency keys ("red_flag:<patient uuid>:<day>"):
    the same event again writes nothing new, and the answer is still true (it was emailed)."""
    person = therapist_to_alert(patient, therapist)
    path = patient.get_absolute_url()
    therapist_emailed = clinic_emailed = False
    if person is not None:
        message = enqueue_message(
            kind=OutboxMessage.Kind.STAFF_ALERT,
            key=f"staff_alert:{event}:user:{person.pk}",
            recipient=person,
            patient=patient,
            path=path,
            by=by,
        )
        therapist_emailed = message.status in GOING
    address = ClinicProfile.load().alert_email.strip()
    if address and not (person is not None and address.lower() == person.email.lower()):
        message = enqueue_message(
            kind=OutboxMessage.Kind.STAFF_ALERT,
            key=f"staff_alert:{event}:clinic",
            patient=patient,
            address=address,
            path=path,
            by=by,
        )
        clinic_emailed = message.status in GOING
    return StaffAlert(therapist_emailed=therapist_emailed, clinic_emailed=clinic_emailed)
