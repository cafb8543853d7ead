import io
import json
import uuid
import zipfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse

from clinic import export
from clinic.models import AuditEvent, ClinicProfile, Intake, RedFlag
from programs.services import publish_program
from tests.factories import (
    IntakeFactory,
    ProgramFactory,
    ProgramItemFactory,
    RedFlagFactory,
    SessionLogFactory,
)


@pytest.fixture
def full_record(patient_record, other_patient_record, therapist):
    intake = IntakeFactory(patient=patient_record, therapist=therapist)
    RedFlagFactory(patient=patient_record, intake=intake, tier=RedFlag.Tier.SOON)
    # The record's one intake stays a draft (a test adds to it), so the program is published on
    # a clinician's override of the screening gate rather than on a second, signed intake.
    program = ProgramFactory(patient=patient_record)
    ProgramItemFactory(program=program)
    ProgramItemFactory(program=program)
    publish_program(
        program=program,
        by=therapist,
        screening_override_reason="Screened in person; the intake is not signed yet.",
    )
    program.refresh_from_db()
    SessionLogFactory(patient=patient_record, program=program, revision=program.current_revision)
    IntakeFactory(patient=other_patient_record, therapist=other_patient_record.therapist)
    return patient_record


def _export(client, patient):
    return client.post(reverse("clinic:patient-export", args=[patient.uuid]))


def _open(response) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("record.json"))


def test_staff_export_the_whole_record_as_a_zip(therapist_client, full_record):
    response = _export(therapist_client, full_record)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="record-')
    assert "Rivera" not in response["Content-Disposition"]  # no name in the file name
    archive, record = _open(response)
    assert {"record.json", "README.txt"} <= set(archive.namelist())
    assert record["format"] == "restore-patient-record/1"
    assert record["patient"]["fields"]["last_name"] == "Rivera"
    counts = {label: len(rows) for label, rows in record["records"].items()}
    assert counts == {
        "clinic.intake": 1,
        "clinic.redflag": 1,
        "programs.program": 1,
        "programs.programitem": 2,
        "programs.programrevision": 1,
        "programs.sessionlog": 1,
    }
    revision = record["records"]["programs.programrevision"][0]["fields"]
    assert len(revision["snapshot"]["items"]) == 2


def test_export_contains_nothing_of_another_patient(therapist_client, full_record):
    _, record = _open(_export(therapist_client, full_record))
    patient_ids = {
        row["fields"]["patient"]
        for rows in record["records"].values()
        for row in rows
        if "patient" in row["fields"]
    }
    assert patient_ids == {full_record.pk}


def test_export_never_contains_passwords_or_the_audit_log(therapist_client, full_record):
    response = _export(therapist_client, full_record)
    text = response.content.decode("latin-1")
    _, record = _open(response)
    assert "clinic.auditevent" not in record["records"]
    assert "clinic.user" not in record["records"]
    assert "md5$" not in text and "argon2" not in text


def test_export_is_recorded_in_the_audit_log(therapist_client, therapist, full_record):
    _export(therapist_client, full_record)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).get()
    assert event.user == therapist
    assert event.patient == full_record
    assert "whole record" in event.detail


def test_export_roles_and_methods(client, therapist, patient, full_record):
    url = reverse("clinic:patient-export", args=[full_record.uuid])
    assert client.post(url).status_code == 302
    client.force_login(patient)
    assert client.post(url).status_code == 403
    client.force_login(therapist)
    assert client.get(url).status_code == 405
    missing = reverse("clinic:patient-export", args=[uuid.uuid4()])
    assert client.post(missing).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_stored_files_are_added_to_the_zip(therapist_client, full_record, monkeypatch):
    """Any FileField of an exported row is packed; here a stand-in for a stored handout."""
    stand_in = ClinicProfile.load()
    stand_in.logo.save("handout.pdf", ContentFile(b"%PDF-1.4 handout for Pat"))
    monkeypatch.setattr(export, "handout_files", lambda patient: [stand_in])
    archive, _ = _open(_export(therapist_client, full_record))
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert len(pdfs) == 1
    assert archive.read(pdfs[0]) == b"%PDF-1.4 handout for Pat"


def test_a_missing_stored_file_is_listed_not_fatal(therapist_client, full_record, monkeypatch):
    stand_in = ClinicProfile.load()
    stand_in.logo.name = "handouts/gone.pdf"
    monkeypatch.setattr(export, "handout_files", lambda patient: [stand_in])
    response = _export(therapist_client, full_record)
    assert response.status_code == 200
    archive, _ = _open(response)
    assert "handouts/gone.pdf" in archive.read("README.txt").decode()


def test_handout_files_lookup_is_guarded(full_record, monkeypatch):
    assert export.handout_files(full_record) == []  # no HandoutFile model in this build

    def fake_get_model(app_label, model_name):
        assert (app_label, model_name) == ("programs", "HandoutFile")
        return Intake  # any model with a patient key stands in

    monkeypatch.setattr(apps, "get_model", fake_get_model)
    assert export.handout_files(full_record) == list(full_record.intakes.order_by("pk"))


def test_imaging_reports_are_in_the_zip_with_their_metadata(
    therapist_client, therapist, full_record
):
    """Right of access includes the scan and test reports, filed in error ones too."""
    from clinic import imaging_reports
    from clinic.intake.sections import ImagingSection
    from tests.clinic import intake_data
    from tests.factories import blank_pdf

    intake = full_record.intakes.get()
    intake_data.save(
        intake, "imaging", intake_data.rows("imaging", {"kind": "mri"}, {"kind": "xray"}), therapist
    )
    mri, xray = (row["ref"] for row in ImagingSection.entries(intake))
    pdfs = {"mri.pdf": blank_pdf(2), "wrong.pdf": blank_pdf(3)}
    kept = imaging_reports.attach_imaging_report(
        intake=intake,
        entry=mri,
        report=imaging_reports.check_report_pdf(ContentFile(pdfs["mri.pdf"], name="mri.pdf")),
        by=therapist,
    )
    wrong = imaging_reports.attach_imaging_report(
        intake=intake,
        entry=xray,
        report=imaging_reports.check_report_pdf(ContentFile(pdfs["wrong.pdf"], name="wrong.pdf")),
        by=therapist,
    )
    imaging_reports.mark_report_filed_in_error(
        report=wrong, reason="Another patient's", by=therapist
    )

    archive, record = _open(_export(therapist_client, full_record))
    rows = {row["pk"]: row["fields"] for row in record["records"]["clinic.imagingreport"]}
    assert set(rows) == {kept.pk, wrong.pk}
    assert rows[kept.pk]["original_name"] == "mri.pdf"
    assert rows[kept.pk]["sha256"] == kept.sha256
    assert rows[kept.pk]["size"] == len(pdfs["mri.pdf"])
    assert rows[kept.pk]["uploaded_by"] == therapist.pk
    assert rows[kept.pk]["entry_label"] == "MRI"
    assert rows[wrong.pk]["filed_in_error_reason"] == "Another patient's"
    paths = {
        (item["model"], item["pk"]): item["path"]
        for item in record["files"]
        if item["model"] == "clinic.imagingreport"
    }
    for report in (kept, wrong):
        path = paths[("clinic.imagingreport", report.pk)]
        assert archive.read(path) == pdfs[report.original_name]
        assert path.endswith(report.file.name.rsplit("/", 1)[-1])
