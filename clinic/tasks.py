"""Background tasks, run by `manage.py run_huey` (Huey finds this module by its name)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from clinic import audit, audit_checkpoints
from clinic.outbox import delivery
from clinic.questionnaires import services as questionnaires


@db_task()
def deliver_message(message_id: int) -> None:
    """Send one outbox message; after a temporary failure, come back at the backoff time."""
    outcome = delivery.deliver(message_id)
    if outcome.retry_at is not None:
        deliver_message.schedule(args=(message_id,), eta=outcome.retry_at)


@db_periodic_task(crontab(minute="*"))
def sweep_outbox() -> None:
    """Every minute (and when a worker with periodic tasks starts): queue again what the queue
    lost, and messages whose worker died mid-send."""
    for message_id in delivery.sweep():
        deliver_message(message_id)


# Between two minutes' periodic runs, the linker runs again after each of these delays. Each
# run is a short task of its own (milliseconds: one locked read and one bulk update), so the
# worker's threads stay free for deliveries between them; a row waits at most about this step
# plus the queue's polling delay.
AUDIT_LINK_STEP_SECONDS = 5


@db_task()
def link_audit_log() -> None:
    """Link the audit rows written since the last run into the hash chain."""
    audit.link_pending()


@db_periodic_task(crontab(minute="*"))
def link_audit_log_this_minute() -> None:
    """Every minute (and when a worker with periodic tasks starts): link the pending audit rows
    now, then again every few seconds until the next minute's run."""
    audit.link_pending()
    for delay in range(AUDIT_LINK_STEP_SECONDS, 60, AUDIT_LINK_STEP_SECONDS):
        link_audit_log.schedule(delay=delay)


@db_periodic_task(crontab(minute="7"))
def checkpoint_audit_log() -> None:
    """Hourly: append a signed checkpoint of the audit chain's head to the append-only file
    (and, once a day, email it to the clinic admins), after checking the rows since the last."""
    audit_checkpoints.write_checkpoint()


@db_periodic_task(crontab(minute="23"))
def send_questionnaire_reminders() -> None:
    """Hourly: make the home questionnaires that fell due, and email each patient still to
    answer one a fresh link (with their consent, at most every 3 days; the email says only
    that the clinic has a short questionnaire for them)."""
    questionnaires.send_reminders()
