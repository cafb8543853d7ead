"""The publishing gate in the demo (fictional people).

- Nora Lindqvist, referred by her physician with sciatica, comes for her first visit tomorrow.
  Maya has drafted her program from the sciatica starter template ahead of the visit, but it
  can't be published: there is no intake yet, so no red-flag screen and no consent to a home
  program. The builder says so and links to starting the intake (clinic/screening.py).

Safe to re-run: a patient who already has a program is left as she is.
"""

from datetime import date, timedelta

from django.utils import timezone

from clinic.models import Patient, User
from programs import services
from programs.models import Exercise, Program, ProtocolTemplate

from .program_data import SCIATICA_STARTER

LINDQVIST = {"first_name": "Nora", "last_name": "Lindqvist", "date_of_birth": date(1988, 5, 22)}
FALLBACK_SLUGS = ("ais-hip-external-rotators", "glute-bridge", "graded-walking")


def seed(*, staff: dict[str, User]) -> Program | None:
    maya = staff.get("maya@restore.example")
    if maya is None:
        return None
    patient = _lindqvist(maya)
    if patient.programs.exists():
        return patient.programs.first()
    return _draft_before_the_intake(patient, maya)


def _lindqvist(therapist: User) -> Patient:
    patient = Patient.objects.filter(**LINDQVIST).first()
    if patient is None:
        patient = Patient.objects.create(
            **LINDQVIST,
            email="nora.lindqvist@patient.example",
            phone="(617) 555-0193",
            preferred_contact=Patient.ContactMethod.EMAIL,
            therapist=therapist,
            created_by=therapist,
            occupation="Bus driver",
            referral_detail="Dr. Amara Boateng (physician)",
        )
    return patient


def _draft_before_the_intake(patient: Patient, therapist: User) -> Program:
    today = timezone.localdate()
    template = ProtocolTemplate.objects.filter(name=SCIATICA_STARTER, archived=False).first()
    program = services.create_program(
        patient=patient,
        by=therapist,
        template=template,
        title="" if template else "Sciatica starter",
        notes="Drafted before her first visit: check it against the intake and the exam.",
        start_date=today + timedelta(days=1),
        review_date=today + timedelta(days=15),
    ).program
    if template is None:  # the templates are not seeded: start from three library exercises
        for exercise in Exercise.objects.active().filter(slug__in=FALLBACK_SLUGS):
            program.refresh_from_db(fields=["version"])
            services.add_program_item(
                program=program, exercise=exercise, by=therapist, expected_version=program.version
            )
    return program
