import json

import pytest
from django.core.management import CommandError, call_command

from clinic.models import AuditEvent
from tests.interop.fhir_checks import problems


def test_export_fhir_writes_the_patients_bundle(patient_record, tmp_path):
    output = tmp_path / "record.json"
    call_command("export_fhir", "--patient-email", "PAT@test.example", "--output", str(output))
    bundle = json.loads(output.read_text())
    assert problems(bundle) == []
    assert bundle["entry"][0]["resource"]["id"] == str(patient_record.uuid)
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.patient == patient_record and event.actor == "manage.py export_fhir"


def test_export_fhir_refuses_an_unknown_email(db, tmp_path):
    with pytest.raises(CommandError, match="No patient"):
        call_command(
            "export_fhir", "--patient-email", "nobody@test.example", "--output", str(tmp_path / "x")
        )
