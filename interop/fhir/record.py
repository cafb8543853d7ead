"""A patient's whole record, read in a fixed number of queries, for the FHIR builders.

One query per kind of row, then one for every person the rows name, so the count stays the same
for one intake or fifty (the API's `$everything` pins it). The builders never query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clinic.models import (
    ClinicProfile,
    ImagingReport,
    Intake,
    OutcomeMeasure,
    Patient,
    RedFlag,
    User,
)
from programs.models import HandoutFile, Program, ProgramRevision, SessionLog


@dataclass
class PatientRecord:
    patient: Patient
    clinic: ClinicProfile
    intakes: list[Intake]
    measures: list[OutcomeMeasure]
    flags: list[RedFlag]
    programs: list[Program]
    revisions: list[ProgramRevision]
    logs: list[SessionLog]
    handouts: list[HandoutFile]
    reports: list[ImagingReport]
    people: dict[int, User] = field(default_factory=dict)

    def person(self, user_id: int | None) -> User | None:
        return self.people.get(user_id) if user_id else None


# Every column naming a member of staff, per kind of row: the people the export describes.
PEOPLE_COLUMNS = {
    "patient": ("therapist_id",),
    "intakes": ("therapist_id", "signed_by_staff_id"),
    "measures": ("recorded_by_id",),
    "flags": ("raised_by_id", "decided_by_id"),
    "programs": ("therapist_id",),
    "revisions": ("published_by_id",),
    "reports": ("uploaded_by_id", "filed_in_error_by_id"),
}


def load_record(patient: Patient) -> PatientRecord:
    """Everything the export needs, oldest first: the same ten or so queries for any size."""
    record = PatientRecord(
        patient=patient,
        clinic=ClinicProfile.load(),
        intakes=list(patient.intakes.order_by("visit_date", "id")),
        measures=list(patient.measures.order_by("taken_on", "id")),
        flags=list(patient.red_flags.order_by("created_at", "id")),
        programs=list(patient.programs.order_by("created_at", "id")),
        revisions=list(
            ProgramRevision.objects.filter(program__patient=patient).order_by(
                "program_id", "number"
            )
        ),
        logs=list(patient.session_logs.order_by("date", "id")),
        handouts=list(
            HandoutFile.objects.filter(revision__program__patient=patient).order_by(
                "created_at", "id"
            )
        ),
        reports=list(patient.imaging_reports.order_by("uploaded_at", "id")),
    )
    ids: set[int] = set()
    for kind, columns in PEOPLE_COLUMNS.items():
        rows = [patient] if kind == "patient" else getattr(record, kind)
        for row in rows:
            ids.update(getattr(row, column) for column in columns)
    ids.discard(None)
    # Staff only: a patient who answered a questionnaire themselves is not a Practitioner.
    staff = User.objects.filter(pk__in=ids).exclude(role=User.Role.PATIENT) if ids else []
    record.people = {user.pk: user for user in staff}
    return record
