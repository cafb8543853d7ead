from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from programs.handouts.pruning import RETENTION, prune_handouts

REASONS = ("superseded", "stale", "retired", "orphan")


class Command(BaseCommand):
    help = (
        "Delete stored handout PDFs no one will be served again: files superseded by a newer "
        "one of the same version and options or whose inputs have changed since (clinic "
        "details, patient name or precautions), files of replaced or archived versions older "
        "than the retention period, and files no stored handout names. They are caches of the "
        "published revisions, which are kept; a deleted handout is rendered again on request."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=RETENTION.days,
            help="Days to keep files of replaced or archived versions (default %(default)s).",
        )

    def handle(self, *args, **options):
        if options["days"] < 0:
            raise CommandError("--days must be 0 or more.")
        dry_run = options["dry_run"]
        report = prune_handouts(retention=timedelta(days=options["days"]), dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        if dry_run or options["verbosity"] >= 2:
            for item in report.items:
                self.stdout.write(f"{verb} {item.name} ({item.reason}, {item.size} bytes)")
        counts = ", ".join(f"{report.count(r)} {r}" for r in REASONS if report.count(r))
        summary = f"{verb} {len(report.items)} stored handout file(s), {report.size / 1024:.0f} KB"
        summary += f": {counts}." if counts else "."
        self.stdout.write(summary if dry_run else self.style.SUCCESS(summary))
