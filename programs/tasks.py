"""Background tasks of home programs, run by `manage.py run_huey` (Huey finds this module by its
name). Each is queued once the change that needs it is committed (`transaction.on_commit`), so
the worker reads what the change wrote."""

import logging
from functools import partial

from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from programs.handouts import ready
from programs.models import Program

logger = logging.getLogger(__name__)


@db_task()
def render_current_handouts(program_id: int) -> None:
    """Store the handout of the program's current revision, so downloads serve the file."""
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        return
    handouts = ready.render_current_handouts(program)
    logger.info("Handouts of program %s ready: %d stored.", program_id, len(handouts))


@db_task()
def render_every_current_handout() -> None:
    """After a change printed on every handout (the clinic's details): one task per program."""
    for program_id in ready.programs_with_handouts().values_list("pk", flat=True).iterator():
        render_current_handouts(program_id)


@db_task()
def render_patients_handouts(patient_id: int) -> None:
    """After a change printed on one patient's handouts (their precautions)."""
    programs = ready.programs_with_handouts().filter(patient_id=patient_id)
    for program_id in programs.values_list("pk", flat=True):
        render_current_handouts(program_id)


# --- queued after commit, by the changes that need them ----------------------------------------


def render_handouts_on_commit(program: Program) -> None:
    """Queue `render_current_handouts` once the caller's transaction commits (a publish)."""
    transaction.on_commit(partial(_queue_render, program.pk), robust=True)


def _queue_render(program_id: int) -> None:
    """Never raises (see clinic.outbox.services.schedule_delivery): if the queue is down, the
    publish still succeeds and the first download renders and stores the handout."""
    try:
        render_current_handouts(program_id)
    except Exception:  # whatever the queue raised
        logger.exception(
            "Handouts of program %s not queued (is the queue down?); the first download "
            "renders them.",
            program_id,
        )


def on_clinic_details_changed(sender, **kwargs) -> None:
    """clinic.events.clinic_details_changed (after commit): every handout prints them."""
    render_every_current_handout()


def on_precautions_changed(sender, *, patient_id: int, **kwargs) -> None:
    """clinic.events.precautions_changed (after commit): the patient's handouts print cautions
    for their precautions."""
    render_patients_handouts(patient_id)


# --- periodic: messages that bring the patient back to their program ----------------------------
# Huey's crontab is in UTC; each task works out the patient's or the clinic's local time itself.


@db_periodic_task(crontab(minute="*/10"))
def send_exercise_reminders() -> None:
    """Every 10 minutes: the reminders due now in each patient's own time zone."""
    from programs.services.reminders import send_due_reminders  # services import this module

    send_due_reminders()


@db_periodic_task(crontab(minute="5"))
def send_nudges() -> None:
    """Every hour: one friendly email to each patient who has gone quiet (daytime only)."""
    from programs.services import nudges  # services import this module

    nudges.send_nudges()
