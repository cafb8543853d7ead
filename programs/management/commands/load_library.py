from django.core.management.base import BaseCommand

from programs.library import library_version, load_library


class Command(BaseCommand):
    help = (
        "Load the Restore exercise library: add missing exercises and update the ones the clinic "
        "has not edited. Never deletes and never overwrites the clinic's changes. Safe to re-run."
    )

    def handle(self, *args, **options):
        report = load_library()
        self.stdout.write(f"Restore exercise library {library_version()}")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Library loaded."))
