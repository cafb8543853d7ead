"""factory_boy factories. Fictional people only; emails use the reserved .example domain."""

import hashlib
import io
import uuid
from datetime import date, timedelta

import factory
from django.utils import timezone
from pypdf import PdfWriter

from clinic.models import ImagingReport, Intake, Patient, RedFlag, User
from clinic.selfservice.models import SelfIntake
from programs.models import (
    Contraindication,
    Exercise,
    Program,
    ProgramItem,
    ProtocolTemplate,
    SessionLog,
    TemplateItem,
)

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = User.Role.THERAPIST
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AdminFactory(UserFactory):
    role = User.Role.ADMIN


class TherapistFactory(UserFactory):
    role = User.Role.THERAPIST


class PatientUserFactory(UserFactory):
    role = User.Role.PATIENT


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=20, maximum_age=85)
    email = factory.Sequence(lambda n: f"patient{n}@test.example")
    phone = factory.Sequence(lambda n: f"(617) 555-{n % 10000:04d}")
    therapist = factory.SubFactory(TherapistFactory)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    patient = factory.SubFactory(PatientFactory)
    therapist = factory.SelfAttribute("patient.therapist")
    visit_date = factory.LazyFunction(timezone.localdate)
    onset_date = date(2026, 9, 1)
    back_pain_now = 4
    leg_pain_now = 6


def screened(patient, *, on: date | None = None, consent_home_program: bool = True, by=None):
    """Give `patient` a signed intake with a red-flag screen (no flags) and the home-program
    consent, dated `on` (today by default): what the publishing gate asks for
    (clinic/screening.py). Returns the patient.

    A patient already screened is left alone. The new intake keeps the precaution tags of the
    patient's current intake, so screening does not change what the builder hides."""
    from clinic.screening import screening_status

    if on is None and consent_home_program and screening_status(patient).ok:
        return patient
    signed_by = by or patient.therapist or TherapistFactory()
    IntakeFactory(
        patient=patient,
        precaution_tags=patient.precaution_tags(),
        therapist=signed_by,
        visit_date=on or timezone.localdate(),
        status=Intake.Status.SIGNED,
        completed_sections=["complaint", "red-flags", "body-chart", "pain", "consent"],
        red_flag_answers={},
        consent_treatment=True,
        consent_privacy=True,
        consent_home_program=consent_home_program,
        signature_name=patient.full_name,
        signed_at=timezone.now(),
        signed_by_staff=signed_by,
    )
    return patient


class ScreenedPatientFactory(PatientFactory):
    """A patient with a signed, current red-flag screen and consent to a home program."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def _screened(obj, create, extracted, **kwargs):
        if create:
            screened(obj)


class RedFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RedFlag

    patient = factory.SubFactory(PatientFactory)
    code = "infection_fever"
    tier = RedFlag.Tier.URGENT
    reason = "Fever with back pain"


def blank_pdf(pages: int = 1) -> bytes:
    """A small valid PDF of blank pages (pypdf), for upload and storage tests."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


REPORT_PDF = blank_pdf()


class ImagingReportFactory(factory.django.DjangoModelFactory):
    """A stored report file. The row's `entry` need not match a test of the intake; tests that
    show reports with their tests attach through clinic.imaging_reports instead."""

    class Meta:
        model = ImagingReport

    intake = factory.SubFactory(IntakeFactory)
    patient = factory.SelfAttribute("intake.patient")
    entry = factory.LazyFunction(lambda: uuid.uuid4().hex)
    entry_label = "MRI, 3 Mar 2026, Harbor Imaging"
    file = factory.django.FileField(filename="report.pdf", data=REPORT_PDF)
    original_name = "mri-report.pdf"
    size = len(REPORT_PDF)
    sha256 = hashlib.sha256(REPORT_PDF).hexdigest()
    pages = 1
    uploaded_by = factory.SelfAttribute("intake.therapist")


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test exercise {n}")
    slug = factory.Sequence(lambda n: f"test-exercise-{n}")
    category = Exercise.Category.STABILISATION
    target_muscles = ["gluteus maximus"]
    joints = ["hip", "sacroiliac"]
    equipment = ["mat"]
    start_position = "Lie on your back with your knees bent."
    steps = ["Tighten your stomach gently.", "Lift your hips.", "Lower slowly."]
    reps = 10
    hold_s = 3


class ContraindicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contraindication

    exercise = factory.SubFactory(ExerciseFactory)
    tag = "osteoporosis"
    action = Contraindication.Action.HIDE
    note = "No loaded spinal flexion."


class ProtocolTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtocolTemplate

    name = factory.Sequence(lambda n: f"Template {n}")


class TemplateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateItem

    template = factory.SubFactory(ProtocolTemplateFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    order = factory.Sequence(lambda n: n)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    # Screened, so the program can be published; pass patient=PatientFactory() to test the gate.
    patient = factory.SubFactory(ScreenedPatientFactory)
    therapist = factory.SelfAttribute("patient.therapist")
    title = "Sciatica starter"


class ProgramItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramItem

    program = factory.SubFactory(ProgramFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    order = factory.Sequence(lambda n: n)
    reps = 10


class SessionLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionLog
        skip_postgeneration_save = True

    back_pain = 3
    leg_pain = 4
    leg_symptoms = SessionLog.LegSymptoms.SAME

    @factory.post_generation
    def _checkin_summary(obj, create, extracted, **kwargs):
        # As every writer of logs does (see programs.services.record_check_in).
        if create:
            from programs.services import refresh_checkin_summary

            refresh_checkin_summary(program=obj.program)


def published_program(*, patient=None, items: int = 3, by=None, **program_fields):
    """A program with `items` exercises, published once through the real service.

    A `patient` given without a current screen is screened first (see `screened`)."""
    from clinic.screening import screening_status
    from programs.services import publish_program

    if patient is not None and not screening_status(patient).ok:
        screened(patient)
    program = ProgramFactory(**({"patient": patient} if patient else {}), **program_fields)
    for n in range(items):
        ProgramItemFactory(program=program, order=n)
    publish_program(program=program, by=by or program.therapist)
    program.refresh_from_db()
    return program


def self_intake_answers(**red_flags) -> tuple[dict, dict]:
    """A patient's pre-visit answers as the wizard keeps them: (answers, red_flag_answers).

    Each section is cleaned by the intake's own section form, then filed under the shared
    answer format: body chart regions under "body_chart", the onset date with the pain scores.
    """
    from clinic.intake.fields import to_json
    from clinic.intake.sections import SECTION_BY_SLUG
    from tests.clinic import intake_data

    posts = {
        "complaint": intake_data.complaint(),
        "red-flags": intake_data.red_flags(**red_flags),
        "body-chart": intake_data.body_chart(),
        "pain": intake_data.pain(),
        "onset": intake_data.onset(),
    }
    stored = {}
    for slug, post in posts.items():
        form = SECTION_BY_SLUG[slug](data=post)
        assert form.is_valid(), form.errors
        stored[slug] = form.storage()
    answers = {
        "complaint": stored["complaint"].answers,  # the patient gives no visit date
        "body_chart": {"regions": stored["body-chart"].columns["body_chart"]},
        "pain": {
            **{k: to_json(v) for k, v in stored["pain"].columns.items()},
            **stored["pain"].answers,
            "onset_date": to_json(stored["onset"].columns["onset_date"]),
        },
        "onset": stored["onset"].answers,
    }
    return answers, stored["red-flags"].columns["red_flag_answers"]


def draft_intake_from(self_intake):
    """The draft intake a submitted self-intake makes: a copy of the patient's answers, marked
    patient-reported, with the red flags those answers raise."""
    from clinic.intake.fields import parse_date
    from clinic.services import refresh_intake

    answers = self_intake.answers
    pain = dict(answers.get("pain") or {})
    therapist = self_intake.patient.therapist or self_intake.requested_by
    intake = Intake.objects.create(
        patient=self_intake.patient,
        therapist=therapist,
        source=Intake.Source.PATIENT,
        answers={
            "complaint": answers.get("complaint", {}),
            "pain": {"qualities": pain.get("qualities", [])},
            "onset": answers.get("onset", {}),
        },
        red_flag_answers=self_intake.red_flag_answers,
        body_chart=(answers.get("body_chart") or {}).get("regions", []),
        onset_date=parse_date(pain.get("onset_date")),
        completed_sections=["complaint", "red-flags", "body-chart", "pain", "onset"],
        **{k: v for k, v in pain.items() if k.startswith(("back_pain_", "leg_pain_"))},
    )
    refresh_intake(intake=intake, by=therapist)
    return intake


class SelfIntakeFactory(factory.django.DjangoModelFactory):
    """A pre-visit intake the patient has answered, signed and sent, with its draft intake.

    `SelfIntakeFactory(red_flags={"night_pain": "yes"})` answers those safety questions yes."""

    class Meta:
        model = SelfIntake
        skip_postgeneration_save = True

    class Params:
        red_flags = factory.Dict({})
        given = factory.LazyAttribute(lambda o: self_intake_answers(**o.red_flags))

    patient = factory.SubFactory(PatientFactory)
    status = SelfIntake.Status.SUBMITTED
    answers = factory.LazyAttribute(lambda o: o.given[0])
    red_flag_answers = factory.LazyAttribute(lambda o: o.given[1])
    completed_steps = factory.LazyAttribute(lambda o: list(o.answers))
    requested_by = factory.SelfAttribute("patient.therapist")
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=25))
    submitted_at = factory.LazyFunction(timezone.now)
    esign_consent = True
    signature_intent = True
    signed_text = "I confirm these answers are true to the best of my knowledge."
    signature_name = factory.LazyAttribute(lambda o: o.patient.full_name)
    signed_at = factory.SelfAttribute("submitted_at")
    signed_ip = "203.0.113.24"
    signed_user_agent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"

    @factory.post_generation
    def draft(obj, create, extracted, **kwargs):
        sent = (SelfIntake.Status.SUBMITTED, SelfIntake.Status.REVIEWED)
        if create and obj.intake_id is None and obj.status in sent:
            obj.intake = draft_intake_from(obj)
            obj.save(update_fields=["intake"])
