from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from clinic import audit
from clinic.models import Patient
from programs.handouts.render import render_handout
from programs.models import HandoutFile, Program


class Command(BaseCommand):
    help = (
        "Write the PDF handout of a patient's current published program to a file, through the "
        "same service (and stored copy) as the download link."
    )

    def add_arguments(self, parser):
        parser.add_argument("--patient-email", required=True, help="The patient's email address.")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--paper", choices=[choice for choice, _ in HandoutFile.Paper.choices], default="letter"
        )
        parser.add_argument(
            "--large-print", action="store_true", help="Bigger type, one exercise per page."
        )

    def handle(self, *args, **options):
        email = options["patient_email"].strip()
        patients = Patient.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email))
        patient = patients.first()
        if patient is None:
            raise CommandError(f"No patient has the email address {email}.")
        program = (
            Program.objects.filter(patient=patient, current_revision__isnull=False)
            .exclude(status=Program.Status.ARCHIVED)
            .select_related("current_revision")
            .order_by("-current_revision__published_at")
            .first()
        )
        if program is None:
            raise CommandError(f"{patient} has no published home program yet.")
        handout = render_handout(
            revision=program.current_revision,
            paper=options["paper"],
            large_print=options["large_print"],
        )
        audit.record(
            action=audit.Action.EXPORT,
            actor="manage.py render_handout",
            patient=patient,
            obj=program.current_revision,
            detail=f"PDF handout written to a file, {handout.get_paper_display()}"
            + (", large print" if handout.large_print else ""),
        )
        output = Path(options["output"])
        with handout.file.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output} ({handout.pages} pages, {handout.size // 1024} KB): "
                f"{program.title}, version {program.current_revision.number}."
            )
        )
