"""Check the audit log's hash chain and its signed checkpoints: exit 0 if intact, 1 if any row
was altered, inserted or deleted, or has waited to be linked longer than the link window. Run
it from cron and after every restore (docs/operations.md).

It does not link the pending rows itself (the worker does): a row left pending past the window
is what this command is there to notice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic import audit, audit_checkpoints
from clinic.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain against every signed checkpoint and report altered, "
        "inserted or deleted rows, and rows left unlinked longer than the link window."
    )

    def handle(self, *args, **options):
        problems = audit.verify_chain() + audit_checkpoints.verify_checkpoints()
        seq, head_hash = audit.chain_head()
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"The audit log has been tampered with, or is not being linked: "
                f"{len(problems)} problem(s) found."
            )
        count = AuditEvent.objects.filter(seq__isnull=False).count()
        self.stdout.write(
            self.style.SUCCESS(f"Audit log intact: {count} events, chain head #{seq} {head_hash}.")
        )
        waiting = audit.pending()
        if waiting.count:
            self.stdout.write(
                f"{waiting.count} newer event(s) are waiting to be linked by the worker (within "
                f"the {settings.RESTORE_AUDIT_LINK_WINDOW}-second window; not yet "
                "tamper-evident)."
            )
        checkpoints, _problems = audit_checkpoints.read_checkpoints()
        if checkpoints:
            latest = max(checkpoints, key=lambda checkpoint: checkpoint.seq)
            self.stdout.write(
                f"Matches all {len(checkpoints)} checkpoint(s) in "
                f"{audit_checkpoints.checkpoint_file()}; the latest is #{latest.seq} of "
                f"{latest.at}."
            )
        else:
            self.stderr.write(
                self.style.WARNING(
                    f"No audit checkpoint exists yet in {audit_checkpoints.checkpoint_file()}: "
                    "someone holding the audit key could rewrite the whole chain unnoticed. "
                    "The worker writes one every hour (manage.py run_huey)."
                )
            )
