"""Changes in the clinic that another app keeps something derived from.

`clinic` sits below `programs` and never imports it. When a clinic change makes something that
programs stores out of date (a handout prints the clinic's details and the cautions for the
patient's precautions), the service that made the change announces it here, once its
transaction commits, and programs (programs/apps.py) queues the background work that brings its
copy up to date. Listeners only queue work: nothing the change itself needs happens in them,
and one that fails is logged (`send_robust`), never undoing or blocking the change.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

# The clinic's details were saved with a change (name, address, phone, logo, ...).
clinic_details_changed = Signal()
# A patient's precaution tags changed (a new, edited or amended intake). Sent with patient_id.
precautions_changed = Signal()


def announce_on_commit(signal: Signal, **kwargs) -> None:
    """Send `signal` once the caller's transaction commits (at once outside a transaction)."""
    transaction.on_commit(partial(signal.send_robust, sender=None, **kwargs))
