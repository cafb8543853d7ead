"""The message outbox: email (and later SMS, push) that nothing loses and nothing sends twice.

A change that should tell someone calls `services.enqueue_message(...)` inside its own
transaction. That writes one `OutboxMessage` row (or finds the row already written for the same
idempotency key) and, once the transaction commits, queues the delivery task. If the
transaction rolls back, there is no row and nothing is sent.

The worker (`clinic.tasks.deliver_message`) claims the row with a conditional update (pending →
sending, with a lease), sends it through its channel (`channels`), and marks it sent; a failure
puts it back to pending with an exponential backoff, and after the last attempt marks it
failed for staff to see and resend. The sweeper (`clinic.tasks.sweep_outbox`, every minute)
queues again what the queue lost: rows overdue, and rows whose worker died mid-send (their lease
ran out). Delivery is at least once; the email's Message-ID is the same on every attempt, so a
copy sent again after an ambiguous failure can be recognised. See docs/operations.md, "Outbox".

    services.py   enqueue_message, resend_message: the writes a request or a command makes
    delivery.py   claim, deliver, sweep: what the worker does
    channels.py   the Channel interface and the email channel
    rendering.py  subject and bodies from templates/emails/, in the recipient's language
    at_send.py    the kinds written when they are sent (a one-time link is never stored)
"""
