"""Check the audit log's hash chain: exit 0 if intact, 1 if any row was altered, inserted or
deleted. Run it from cron and after every restore (docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from clinic import audit
from clinic.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and report altered, inserted or deleted rows."

    def handle(self, *args, **options):
        problems = audit.verify_chain()
        seq, head_hash = audit.chain_head()
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"The audit log has been tampered with: {len(problems)} problem(s) found."
            )
        count = AuditEvent.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Audit log intact: {count} events, chain head #{seq} {head_hash}.")
        )
