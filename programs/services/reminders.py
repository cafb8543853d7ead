"""Exercise reminders: the patient's choices, and the worker's round of reminders that are due.

The rules for when a reminder is due are in programs/reminders.py. Every change to a plan is
recorded in the audit log here, so a change made from the stop link (no one signed in) is too.
"""

import logging
from datetime import date, datetime, time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from clinic import audit
from clinic.models import OutboxMessage, Patient, User
from clinic.outbox.services import enqueue_message

from .. import reminders
from ..models import ReminderPlan, SessionLog

logger = logging.getLogger(__name__)
Status = ReminderPlan.Status


def _record(plan: ReminderPlan, by: User | None, what: str, *, actor: str = "") -> None:
    audit.record(
        action=audit.Action.UPDATE,
        user=by,
        actor=actor,
        patient=plan.patient,
        obj=plan,
        detail=f"exercise reminders: {what}",
    )


def _describe(plan: ReminderPlan) -> str:
    return f"{reminders.days_text(plan)} at {plan.time_of_day:%H:%M} ({plan.time_zone})"


@transaction.atomic
def save_reminder_plan(
    *, patient: Patient, weekdays: list[int], time_of_day: time, time_zone: str, by: User
) -> ReminderPlan:
    """Set the days and time and turn reminders on (again, if they were paused or stopped)."""
    plan = ReminderPlan.objects.select_for_update().filter(patient=patient).first()
    if plan is None:
        plan = ReminderPlan(patient=patient)
    plan.days = reminders.days_mask(weekdays)
    plan.time_of_day = time_of_day
    plan.time_zone = time_zone
    plan.status = Status.ACTIVE
    plan.paused_until = None
    plan.save()
    _record(plan, by, f"on, {_describe(plan)}")
    return plan


@transaction.atomic
def pause_reminders(*, plan: ReminderPlan, until: date, by: User) -> ReminderPlan:
    plan.status = Status.PAUSED
    plan.paused_until = until
    plan.save(update_fields=["status", "paused_until", "updated_at"])
    _record(plan, by, f"paused until {until:%Y-%m-%d}")
    return plan


@transaction.atomic
def resume_reminders(*, plan: ReminderPlan, by: User) -> ReminderPlan:
    plan.status = Status.ACTIVE
    plan.paused_until = None
    plan.save(update_fields=["status", "paused_until", "updated_at"])
    _record(plan, by, f"on again, {_describe(plan)}")
    return plan


@transaction.atomic
def stop_reminders(*, plan: ReminderPlan, by: User | None, from_email: bool = False) -> bool:
    """Stop the plan's reminders. Returns False when they were already stopped (nothing
    recorded: a mail provider's one-click request may arrive more than once)."""
    plan = ReminderPlan.objects.select_for_update().select_related("patient").get(pk=plan.pk)
    if plan.status == Status.STOPPED:
        return False
    plan.status = Status.STOPPED
    plan.paused_until = None
    plan.save(update_fields=["status", "paused_until", "updated_at"])
    if from_email:
        _record(plan, None, "stopped from the link in a reminder email", actor="stop link")
    else:
        _record(plan, by, "stopped")
    return True


# --- the worker's round -----------------------------------------------------------------------


def send_due_reminders(*, now: datetime | None = None) -> list[OutboxMessage]:
    """Write the reminders due at `now` (see programs/reminders.py), once per plan per local
    day (the outbox's idempotency key). Returns the messages written."""
    now = now or timezone.now()
    due = []
    plans = ReminderPlan.objects.not_stopped().select_related("patient", "patient__user")
    for plan in plans.filter(patient__archived_at__isnull=True, patient__user__is_active=True):
        day = reminders.due_day(plan, now)
        if day is not None:
            due.append((plan, day))
    if not due:
        return []
    patient_ids = {plan.patient_id for plan, _day in due}
    following = set(
        reminders.current_programs()
        .filter(patient_id__in=patient_ids)
        .values_list("patient_id", flat=True)
    )
    logged = set(
        SessionLog.objects.filter(
            patient_id__in=patient_ids, date__in={day for _plan, day in due}
        ).values_list("patient_id", "date")
    )
    written = set(
        OutboxMessage.objects.filter(
            idempotency_key__in=[reminders.reminder_key(plan, day) for plan, day in due]
        ).values_list("idempotency_key", flat=True)
    )
    sent = []
    for plan, day in due:
        if plan.patient_id not in following or (plan.patient_id, day) in logged:
            continue
        if reminders.reminder_key(plan, day) in written:
            continue
        with transaction.atomic():
            sent.append(
                enqueue_message(
                    kind=OutboxMessage.Kind.REMINDER,
                    key=reminders.reminder_key(plan, day),
                    recipient=plan.patient.user,
                    patient=plan.patient,
                    obj=plan,
                    path=reverse("programs:portal-home"),
                    stop_path=reminders.stop_path(plan),
                )
            )
    if sent:
        logger.info("Exercise reminders: %s written.", len(sent))
    return sent
