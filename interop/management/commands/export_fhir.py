"""Write one patient's whole record as a FHIR R4 Bundle (JSON), e.g. for a referral.

    manage.py export_fhir --patient-email pat@example.org --output record.json

The export is recorded in the audit log like any other (the actor is "manage.py export_fhir").
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinic import audit
from clinic.models import AuditEvent, Patient
from interop import fhir


class Command(BaseCommand):
    help = "Write a patient's record as a FHIR R4 Bundle (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--patient-email", required=True, help="The patient's email address.")
        parser.add_argument("--output", required=True, help="The file to write ('-' for stdout).")

    def handle(self, *args, patient_email, output, **options):
        matches = list(Patient.objects.filter(email__iexact=patient_email.strip())[:2])
        if not matches:
            raise CommandError(f"No patient has the email address {patient_email!r}.")
        if len(matches) > 1:
            raise CommandError(f"More than one patient has the email address {patient_email!r}.")
        patient = matches[0]
        bundle = fhir.patient_bundle(patient)
        text = json.dumps(bundle, indent=2, ensure_ascii=False)
        if output == "-":
            self.stdout.write(text)
        else:
            Path(output).write_text(text + "\n", encoding="utf-8")
        audit.record(
            action=AuditEvent.Action.EXPORT,
            actor="manage.py export_fhir",
            patient=patient,
            obj=patient,
            detail=f"FHIR Bundle to a file: {len(bundle.get('entry', []))} resources",
        )
        if output != "-":
            self.stdout.write(
                self.style.SUCCESS(f"Wrote {len(bundle.get('entry', []))} resources to {output}.")
            )
