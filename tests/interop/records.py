"""A patient record with one of everything the FHIR export maps, built through the services."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from clinic import imaging_reports, services
from clinic.intake.sections import ImagingSection
from programs.models import HandoutFile
from programs.services import archive_program, publish_program
from tests.clinic import intake_data
from tests.factories import (
    ProgramItemFactory,
    SessionLogFactory,
    blank_pdf,
    published_program,
)

HANDOUT_PDF = blank_pdf(2)
REPORT_PDF = blank_pdf(1)


def signed_intake(patient, therapist, *, days_ago: int = 60, **flags):
    """A signed intake `days_ago`, with a scan and its report; `flags` are red-flag answers."""
    visit = timezone.localdate() - timedelta(days=days_ago)
    intake = intake_data.start(patient, therapist, visit_date=visit.isoformat())
    intake_data.save(intake, "red-flags", intake_data.red_flags(**flags), therapist)
    intake_data.save(intake, "body-chart", intake_data.body_chart(), therapist)
    intake_data.save(intake, "pain", intake_data.pain(), therapist)
    intake_data.save(
        intake,
        "imaging",
        intake_data.rows("imaging", {"kind": "mri", "facility": "Harbor Imaging"}),
        therapist,
    )
    imaging_reports.attach_imaging_report(
        intake=intake,
        entry=ImagingSection.entries(intake)[0]["ref"],
        report=imaging_reports.check_report_pdf(ContentFile(REPORT_PDF, name="mri.pdf")),
        by=therapist,
    )
    return intake_data.sign(intake, therapist)


def measures(patient, therapist, *, days_ago: int = 60):
    first = timezone.localdate() - timedelta(days=days_ago)
    later = timezone.localdate()
    record = services.record_measure
    record(
        patient=patient,
        instrument="rmdq",
        answers={"ticked": list(range(1, 16)), "none_apply": False},
        by=therapist,
        taken_on=first,
    )
    record(
        patient=patient,
        instrument="rmdq",
        answers={"ticked": [1, 2, 3, 4, 5, 6, 7, 8], "none_apply": False},
        by=therapist,
        taken_on=later,
    )
    record(
        patient=patient,
        instrument="odi",
        answers={"sections": [2, 1, 3, 2, 3, 2, 1, None, 2, 1]},
        version="2.1a",
        by=therapist,
        taken_on=first,
    )
    record(
        patient=patient,
        instrument="start_back",
        answers={"items": [1, 0, 1, 1, 1, 1, 0, 1, 3]},
        by=therapist,
        taken_on=first,
    )
    record(
        patient=patient,
        instrument="sbi",
        answers={"items": [5, 4, 2, 3]},
        by=therapist,
        taken_on=first,
    )
    record(
        patient=patient,
        instrument="nprs",
        answers={"back_now": 2, "back_best": 1, "back_worst": 4, "leg_now": 3},
        by=therapist,
        taken_on=later,
    )
    services.record_psfs(
        patient=patient,
        ratings=[3, 4, 5],
        new_activities=["Sitting through a film", "Putting on socks", "Walking the dog"],
        by=therapist,
        taken_on=first,
    )


def decide_flags(patient, therapist):
    for flag in patient.red_flags.open_flags():
        services.record_flag_decision(
            flag=flag,
            reason="acknowledged_soon",
            note="Seen by her physician in May.",
            by=therapist,
        )


def programs(patient, therapist, *, logs: int = 2):
    """A program published twice (the first revision replaced) and an archived one."""
    program = published_program(patient=patient, items=2, by=therapist)
    first = program.current_revision
    HandoutFile.objects.create(
        revision=first,
        key=f"{first.pk:064d}",
        file=ContentFile(HANDOUT_PDF, name="handout.pdf"),
        size=len(HANDOUT_PDF),
        pages=2,
    )
    ProgramItemFactory(program=program, order=9, hold_s=20, times_per_day=2, days_per_week=3)
    publish_program(program=program, by=therapist)
    program.refresh_from_db()
    for day in range(logs):
        SessionLogFactory(
            patient=patient,
            program=program,
            revision=program.current_revision,
            date=timezone.localdate() - timedelta(days=day),
            exercises_done=[0, 1],
            comment="Easier today." if day == 0 else "",
        )
    old = published_program(patient=patient, items=1, by=therapist, title="Last winter")
    archive_program(program=old, by=therapist, expected_version=old.version)
    return program


def full_record(patient, therapist):
    signed_intake(patient, therapist, weight_loss="yes")
    decide_flags(patient, therapist)
    measures(patient, therapist)
    programs(patient, therapist)
    patient.refresh_from_db()
    return patient
