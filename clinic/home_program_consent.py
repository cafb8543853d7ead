"""Consent to a home program given after the intake was signed.

The intake asks for it when it is signed (`Intake.consent_home_program`). A patient who signed
before the question existed, or who said no then and agrees now, gives it later: the signed
intake stays locked, and the consent is added as an amendment to its consent page, with the
typed name, who took it and when, and an audit row. Consent is never assumed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import audit
from .models import Intake, IntakeAmendment, User

LABEL = "Consent to follow a home exercise program"


@transaction.atomic
def record_home_program_consent(
    *, intake: Intake, signature_name: str, by: User
) -> IntakeAmendment:
    """Record the patient's consent (typed full name) on their signed intake."""
    intake = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
    if not intake.is_signed:
        raise ValidationError(
            "This intake is not signed yet: tick the home-program consent when signing it.",
            code="unsigned",
        )
    if intake.consent_home_program:
        raise ValidationError("Consent to a home program is already recorded.", code="already")
    if not by.is_therapist:
        raise ValidationError(
            "Only a clinician can take consent to a home program.", code="not_allowed"
        )
    name = " ".join(signature_name.split())
    if not name:
        raise ValidationError("Type the full name to sign.", code="no_signature")
    amendment = IntakeAmendment.objects.create(
        intake=intake,
        section="consent",
        changes=[
            {
                "field": "consent_home_program",
                "label": LABEL,
                "before": "Not given",
                "after": f"Given, signed “{name}”",
            }
        ],
        reason="The patient agreed to follow a home exercise program after the intake was signed.",
        amended_by=by,
    )
    intake.consent_home_program = True
    intake.save(update_fields=["consent_home_program", "updated_at"])
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        patient=intake.patient,
        obj=intake,
        detail="consent to a home program recorded after signing",
    )
    return amendment
