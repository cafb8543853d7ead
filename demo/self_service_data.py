"""A pre-visit intake sent and not yet answered, in the demo (fictional).

Sam emailed Helen Cho a pre-visit intake two days ago, before her next episode's first visit.
She has not opened it yet: her page's "Pre-visit intake and questionnaires" card shows the
link as sent, with who sent it and until when it works, and the outbox holds the email (its
text, with the link, is written only when it is sent).

Safe to re-run: a patient who already has a pre-visit intake is left as she is.
"""

from datetime import timedelta

from django.utils import timezone

from clinic.models import Patient, User
from clinic.selfservice.models import PatientLink, SelfIntake
from clinic.selfservice.sending import send_intake_link

THERAPIST = "sam@restore.example"
PATIENT = "cho"
SENT_DAYS_AGO = 2


def seed(*, staff: dict[str, User], patients: dict[str, Patient]) -> None:
    therapist = staff.get(THERAPIST)
    patient = patients.get(PATIENT)
    if therapist is None or patient is None:
        return
    if SelfIntake.objects.filter(patient=patient).exists():
        return
    self_intake, link, _token = send_intake_link(
        patient=patient, by=therapist, channel=PatientLink.Channel.EMAIL
    )
    sent = timezone.now() - timedelta(days=SENT_DAYS_AGO, hours=3)
    SelfIntake.objects.filter(pk=self_intake.pk).update(created_at=sent, updated_at=sent)
    PatientLink.objects.filter(pk=link.pk).update(
        created_at=sent, updated_at=sent, expires_at=sent + (link.expires_at - link.created_at)
    )
