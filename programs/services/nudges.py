"""Re-engagement nudges: one friendly email when a patient with a home program goes quiet.

A patient is quiet when nothing is logged on any of their current programs for the clinic's
`nudge_after_days` (ClinicProfile) days: counted from the last log, or from the program start
when nothing was ever logged (the programs' `silent_since`). They get one nudge per quiet spell:
the idempotency key holds the day the spell began, so the next nudge can only follow a new log
and a new quiet spell. Sent in the daytime, clinic time, and only to patients the clinic may
email (the same rule as the publish notices), never to one who stopped their reminders.
The outbox row is the record: the patient's messages page lists it, and the dashboard's
"nothing logged" list says when each patient was nudged.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile, OutboxMessage, Patient
from clinic.outbox.services import enqueue_message

from .. import reminders
from ..models import ReminderPlan
from .notices import PortalReach, portal_reach

logger = logging.getLogger(__name__)
NUDGE_HOURS = range(10, 18)  # clinic time: a friendly email arrives in the daytime


def nudge_key(patient: Patient, quiet_since) -> str:
    return f"nudge:{patient.uuid}:{quiet_since.isoformat()}"


def quiet_patients(*, today, after_days: int) -> dict[int, object]:
    """{patient id: the day their quiet spell began} for patients quiet for `after_days`."""
    cutoff = today - timedelta(days=after_days)
    rows = (
        reminders.current_programs()
        .exclude(patient__reminder_plan__status=ReminderPlan.Status.STOPPED)
        .order_by()
        .values("patient")
        .annotate(quiet_since=Max("silent_since"))
        .filter(quiet_since__lte=cutoff)
    )
    return {row["patient"]: row["quiet_since"] for row in rows}


def send_nudges(*, now: datetime | None = None) -> list[OutboxMessage]:
    """Write the nudges due today (see the module docstring). Returns the messages written."""
    now = timezone.localtime(now or timezone.now())
    if now.hour not in NUDGE_HOURS:
        return []
    quiet = quiet_patients(today=now.date(), after_days=ClinicProfile.load().nudge_after_days)
    if not quiet:
        return []
    patients = Patient.objects.filter(pk__in=quiet).select_related("user")
    keys = {patient.pk: nudge_key(patient, quiet[patient.pk]) for patient in patients}
    written = set(
        OutboxMessage.objects.filter(idempotency_key__in=keys.values()).values_list(
            "idempotency_key", flat=True
        )
    )
    sent = []
    for patient in patients:
        if keys[patient.pk] in written or portal_reach(patient) != PortalReach.EMAILED:
            continue
        with transaction.atomic():
            sent.append(
                enqueue_message(
                    kind=OutboxMessage.Kind.NUDGE,
                    key=keys[patient.pk],
                    recipient=patient.user,
                    patient=patient,
                    path=reverse("programs:portal-home"),
                )
            )
    if sent:
        logger.info("Nudges: %s written.", len(sent))
    return sent
