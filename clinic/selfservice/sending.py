"""Sending a pre-visit intake to a patient, and opening a form from the portal.

Staff send a pre-visit intake by email (through the outbox) or show it as a QR code on a
tablet in the waiting room. A patient has one open pre-visit intake at a time: sending again
while one is waiting makes a new link to the same form (the older link keeps working until it
expires, unless revoked), so the patient's answers so far are never split across two forms.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic import audit
from clinic.languages import patient_language
from clinic.models import Patient, User
from clinic.questionnaires.models import QuestionnaireRequest

from .links import email_link, issue_link, revoke_link
from .models import PatientLink, SelfIntake

Channel = PatientLink.Channel
OPEN_INTAKE = (SelfIntake.Status.SENT, SelfIntake.Status.STARTED)
OPEN_QUESTIONNAIRE = (QuestionnaireRequest.Status.DUE, QuestionnaireRequest.Status.STARTED)
# A link made when the patient presses Start in the portal: used at once.
PORTAL_LINK_DAYS = 1


def email_refusal(patient: Patient) -> str:
    """Why the link can't be emailed to this patient ("" when it can)."""
    if not patient.email.strip():
        return _("There is no email address on this patient's record.")
    if not patient.consent_email:
        return _("This patient has not agreed to email.")
    return ""


@transaction.atomic
def send_intake_link(
    *, patient: Patient, by: User, channel: str
) -> tuple[SelfIntake, PatientLink, str]:
    """Make (or reuse the open) pre-visit intake and a new link to it; email it, or return it
    for the QR code. Refuses an email the patient can't or didn't agree to receive."""
    if channel not in (Channel.EMAIL, Channel.QR):
        raise ValueError(f"A pre-visit intake is sent by email or QR code, not {channel!r}.")
    patient = Patient.objects.select_for_update(of=("self",)).get(pk=patient.pk)
    if patient.is_archived:
        raise ValidationError(_("This patient is archived. Restore the record first."))
    if channel == Channel.EMAIL:
        refusal = email_refusal(patient)
        if refusal:
            raise ValidationError(
                _("%(why)s Show the form as a QR code instead.") % {"why": refusal}
            )
    self_intake = patient.self_intakes.filter(status__in=OPEN_INTAKE).order_by("-id").first()
    if self_intake is None:
        self_intake = SelfIntake.objects.create(
            patient=patient, requested_by=by, language=patient_language(patient)
        )
        audit.record(
            action=audit.Action.CREATE,
            user=by,
            patient=patient,
            obj=self_intake,
            detail="Pre-visit intake requested from the patient",
        )
    link, token = issue_link(
        patient=patient,
        purpose=PatientLink.Purpose.INTAKE,
        target_uuid=self_intake.uuid,
        by=by,
        channel=channel,
    )
    if channel == Channel.EMAIL:
        email_link(link=link, token=token, by=by)
    return self_intake, link, token


@transaction.atomic
def withdraw_intake(*, self_intake: SelfIntake, by: User) -> SelfIntake:
    """Staff take back a pre-visit intake the patient has not sent yet: every live link to it
    ends (an email still waiting in the outbox is not sent), it leaves the portal's "Forms to
    fill in", and the answers typed so far are kept on the record. Refused once it was sent."""
    self_intake = SelfIntake.objects.select_for_update().get(pk=self_intake.pk)
    if self_intake.status not in OPEN_INTAKE:
        raise ValidationError(
            _("This form was already sent back or withdrawn, so it can't be withdrawn.")
        )
    self_intake.status = SelfIntake.Status.WITHDRAWN
    self_intake.save(update_fields=["status", "updated_at"])
    for link in PatientLink.objects.live().filter(target_uuid=self_intake.uuid):
        revoke_link(link=link, by=by)
    audit.record(
        action=audit.Action.ARCHIVE,
        user=by,
        patient=self_intake.patient,
        obj=self_intake,
        detail="Pre-visit intake withdrawn before the patient sent it",
    )
    return self_intake


def own_open_form(*, user: User, kind: str, uuid) -> SelfIntake | QuestionnaireRequest | None:
    """The signed-in patient's own open form of that kind (a link purpose), or None."""
    if kind == PatientLink.Purpose.INTAKE:
        form = SelfIntake.objects.for_user(user).filter(uuid=uuid, status__in=OPEN_INTAKE)
    elif kind == PatientLink.Purpose.QUESTIONNAIRE:
        form = QuestionnaireRequest.objects.for_user(user).filter(
            uuid=uuid, status__in=OPEN_QUESTIONNAIRE
        )
    else:
        return None
    return form.select_related("patient").first()


def link_status(link: PatientLink, *, now=None) -> str:
    """sent / opened / completed / expired / revoked, for the staff list."""
    if link.revoked_at is not None:
        return "revoked"
    if link.completed_at is not None:
        return "completed"
    if link.expires_at <= (now or timezone.now()):
        return "expired"
    return "opened" if link.open_count else "sent"
