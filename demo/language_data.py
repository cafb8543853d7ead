"""Two demo patients who read Spanish and Brazilian Portuguese, with everything in their language.

Rosa Ñúñez Delgado (fictional) speaks Spanish; João Conceição (fictional) speaks Brazilian
Portuguese. Neither needs an interpreter. Each has a portal login, a signed intake, a published
home program of library exercises (the portal shows the exercise cards in their language), two
to three weeks of session logs with pain scores, weekly home questionnaires with some answered
and one due today, and emails in the outbox written in their language: the "program ready"
notice and the questionnaire link, both made by the services that send them for real.

Rosa's therapist has read the Spanish wording of each exercise in her program against the
English and marked it reviewed, so her handout prints no warning. João's Portuguese exercises
are not reviewed yet, so his handout and his exercise cards say in one line that the text is
translated and to ask the therapist if anything is unclear.

Everything goes through the services the pages use. Idempotent: each part is skipped once the
patient has it.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from clinic.models import OutcomeMeasure, Patient, User
from clinic.questionnaires import services as questionnaires
from clinic.questionnaires.models import MeasureSchedule, QuestionnaireRequest
from demo import clinic_data
from demo import program_data as program_demo
from programs import services as programs
from programs.exercise_translations import ExerciseTranslation
from programs.library import mark_translation_reviewed
from programs.models import Exercise, Program, SessionLog

log = logging.getLogger(__name__)

REVIEWER = "maya@restore.example"


@dataclass(frozen=True)
class LanguagePatient:
    key: str  # their key in seed_demo's `patients`
    email: str
    first_name: str
    last_name: str
    date_of_birth: date
    language: str  # as the front desk wrote it on the record
    code: str  # the language code it means (clinic.languages)
    label: str  # the language's own name, for the login list
    therapist: str
    phone: str
    complaint: str  # the patient's own words
    program: dict  # title, goals, notes, slugs
    comments: dict[int, str]  # session log comments by day of the program
    review_translations: bool  # the therapist has reviewed this language's exercise text


ROSA = LanguagePatient(
    key="nunez",
    email="rosa@patient.example",
    first_name="Rosa",
    last_name="Ñúñez Delgado",
    date_of_birth=date(1977, 3, 14),
    language="Spanish",
    code="es",
    label="Español",
    therapist="maya@restore.example",
    phone="(617) 555-0171",
    complaint="Me duele la parte baja de la espalda desde que cargo cajas en el trabajo. "
    "Sentada mucho rato me duele más.",
    program={
        "title": "Espalda baja: moverse y fortalecer",
        "goals": "Trabajar un turno completo sin dolor fuerte.\nCaminar 30 minutos al día.",
        "notes": "Camine 5 minutos antes de empezar. Haga los estiramientos cada día y los "
        "ejercicios de fuerza los días indicados.",
        "slugs": [
            "ais-single-knee-to-chest",
            "ais-hip-flexors-side-lying",
            "abdominal-brace",
            "glute-bridge",
            "bird-dog",
            "graded-walking",
        ],
    },
    comments={
        2: "El puente me cuesta, hice menos repeticiones.",
        9: "Hoy trabajé el turno entero con menos dolor.",
        15: "Caminé 20 minutos sin parar.",
    },
    review_translations=True,
)

JOAO = LanguagePatient(
    key="conceicao",
    email="joao@patient.example",
    first_name="João",
    last_name="Conceição",
    date_of_birth=date(1983, 10, 2),
    language="Portuguese (Brazil)",
    code="pt-br",
    label="Português",
    therapist="sam@restore.example",
    phone="(617) 555-0172",
    complaint="Dor na nádega direita que desce pela perna quando dirijo o caminhão por muito "
    "tempo.",
    program={
        "title": "Ciática: alongar e fortalecer",
        "goals": "Dirigir duas horas sem dor na perna.\nDormir a noite toda.",
        "notes": "Faça os alongamentos todos os dias, devagar e sem dor.",
        "slugs": [
            "ais-bent-knee-hamstring",
            "ais-hip-external-rotators",
            "posterior-pelvic-tilt",
            "clamshell",
            "supine-sciatic-nerve-slider",
            "graded-walking",
        ],
    },
    comments={
        3: "O alongamento puxa atrás do joelho, fiz com cuidado.",
        11: "Dirigi uma hora e a perna doeu menos.",
    },
    review_translations=False,
)

LANGUAGE_PATIENTS = (ROSA, JOAO)
PROGRAM_DAYS = 20  # the program started this many days ago: about three weeks of logs
# Home questionnaires: (instrument, days since the first one). Weekly; the pain scores are due
# today, the bothersomeness index tomorrow, so exactly one waits.
SCHEDULES = (("nprs", 21), ("sbi", 20))


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, email, password) rows for the login list: the role says the language."""
    return [
        (f"Patient ({each.label})", each.email, clinic_data.DEMO_PASSWORD)
        for each in LANGUAGE_PATIENTS
    ]


def _at(day: date, hour: int = 19) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 15)))


def _patient(spec: LanguagePatient, staff: dict[str, User]) -> Patient:
    therapist = staff[spec.therapist]
    patient = Patient.objects.filter(
        first_name=spec.first_name, last_name=spec.last_name, date_of_birth=spec.date_of_birth
    ).first()
    if patient is None:
        patient = Patient.objects.create(
            first_name=spec.first_name,
            last_name=spec.last_name,
            date_of_birth=spec.date_of_birth,
            email=spec.email,
            phone=spec.phone,
            preferred_contact=Patient.ContactMethod.EMAIL,
            consent_email=True,
            language=spec.language,
            interpreter_needed=False,
            therapist=therapist,
            created_by=therapist,
        )
    if patient.user_id is None:
        patient.user = clinic_data._user(
            spec.email, spec.first_name, spec.last_name, User.Role.PATIENT
        )
        patient.save(update_fields=["user"])
    return patient


def _intake(spec: LanguagePatient, patient: Patient) -> None:
    """A signed first visit: low-back or buttock pain, no red flags."""
    if patient.intakes.exists():
        return
    visit = clinic_data._days_ago(PROGRAM_DAYS + 1)
    leg = spec is JOAO
    intake = clinic_data._intake(
        patient,
        patient.therapist,
        visit,
        {
            "complaint": {
                "own_words": spec.complaint,
                "main_area": "leg" if leg else "low_back",
                "pain_more": "leg" if leg else "back",
                "below_knee": "no",
                "related_to": ["none"],
            },
            "red-flags": clinic_data._red_flags(),
            "body-chart": clinic_data._chart(
                ("lumbar_paraspinal", "both" if not leg else "right", ["pain"], not leg),
                ("buttock_deep", "right", ["pain"], leg),
            ),
            "pain": {
                "back_pain_now": "3" if leg else "6",
                "leg_pain_now": "6" if leg else "1",
                "qualities": ["aching"],
            },
            "onset": {
                "onset_date": (visit - timedelta(days=40)).isoformat(),
                "onset_type": "gradual",
                "trigger": "no_clear_cause" if leg else "lifting",
                "course": "unchanged",
            },
            "neuro": clinic_data._neuro(),
        },
    )
    clinic_data._sign(intake, patient.therapist)


def _review_translations(spec: LanguagePatient, reviewer: User) -> None:
    """The therapist vouches for the translation of each exercise in the patient's program
    (before it is published: the published version freezes the review status)."""
    if not spec.review_translations:
        return
    rows = ExerciseTranslation.objects.filter(
        exercise__slug__in=spec.program["slugs"], language=spec.code, reviewed_on__isnull=True
    )
    for row in rows:
        mark_translation_reviewed(translation=row, by=reviewer)


def _program(spec: LanguagePatient, patient: Patient) -> Program | None:
    """The published home program; publishing it emails the patient that it is ready."""
    title = spec.program["title"]
    program = Program.objects.filter(patient=patient, title=title).first()
    if program is not None:
        return program
    slugs = spec.program["slugs"]
    exercises = {e.slug: e for e in Exercise.objects.active().filter(slug__in=slugs)}
    if len(exercises) != len(slugs):
        log.warning("Skipped the demo program for %s: the library is not loaded yet.", patient)
        return None
    therapist = patient.therapist
    today = timezone.localdate()
    program = programs.create_program(
        patient=patient,
        by=therapist,
        title=title,
        goals=spec.program["goals"],
        notes=spec.program["notes"],
        start_date=today - timedelta(days=PROGRAM_DAYS),
        review_date=today + timedelta(days=14),
    ).program
    for slug in slugs:
        programs.add_program_item(
            program=program,
            exercise=exercises[slug],
            by=therapist,
            expected_version=program_demo._version(program),
        )
    program_demo._publish(program, therapist, days_ago=PROGRAM_DAYS)
    program.refresh_from_db()
    return program


def _session_logs(spec: LanguagePatient, patient: Patient, program: Program) -> None:
    """A log most days since the program started, pain easing; the days missing up to
    yesterday are added on a later run."""
    revision = program.current_revision
    if revision is None:
        return
    today = timezone.localdate()
    existing = set(program.session_logs.values_list("date", flat=True))
    positions = [item["position"] for item in revision.items]
    new_logs = []
    for day in range(PROGRAM_DAYS):
        when = program.start_date + timedelta(days=day)
        rng = random.Random(f"{spec.key}-{day}")  # noqa: S311 (demo data, not security)
        if when in existing or when >= today or not (day == 0 or rng.random() < 0.8):
            continue
        back = 6 - 3 * day / PROGRAM_DAYS if spec is ROSA else 3 - day / PROGRAM_DAYS
        leg = 1 if spec is ROSA else 6 - 3 * day / PROGRAM_DAYS
        new_logs.append(
            SessionLog(
                patient=patient,
                program=program,
                revision=revision,
                date=when,
                exercises_done=positions if rng.random() < 0.85 else positions[:3],
                back_pain=max(0, round(back + rng.choice((-1, 0, 0, 1)))),
                leg_pain=max(0, round(leg + rng.choice((-1, 0, 0, 1)))),
                leg_symptoms="none" if spec is ROSA else "same",
                comment=spec.comments.get(day, ""),
            )
        )
    if new_logs:
        SessionLog.objects.bulk_create(new_logs)
        programs.refresh_checkin_summary(program=program)


def _answers(instrument: str, week: int) -> dict:
    if instrument == "sbi":
        return {f"item_{n}": max(0, value - week) for n, value in enumerate((3, 2, 2, 3), 1)}
    return {"back_now": 6 - week, "back_best": 3, "back_worst": 7 - week, "leg_now": 2}


def _questionnaires(patient: Patient) -> None:
    """Weekly pain scores and bothersomeness at home: answered for three weeks (through the
    portal and by emailed link), this week's pain scores due today with its link emailed."""
    if MeasureSchedule.objects.filter(patient=patient).exists():
        return
    therapist = patient.therapist
    today = timezone.localdate()
    for instrument, first_ago in SCHEDULES:
        schedule = questionnaires.schedule_measure(
            patient=patient, instrument=instrument, cadence="every", every_weeks=1, by=therapist
        )
        start = today - timedelta(days=first_ago)
        MeasureSchedule.objects.filter(pk=schedule.pk).update(
            starts_on=start, next_due_on=start, created_at=_at(start, 9)
        )
        for week in range(3):
            day = start + timedelta(weeks=week)
            made = questionnaires.make_due_requests(today=day)
            request = next(r for r in made if r.schedule_id == schedule.pk)
            request = questionnaires.save_answers(request=request, data=_answers(instrument, week))
            measure = questionnaires.submit_questionnaire(
                request=request, by=patient.user if week % 2 else None
            )
            OutcomeMeasure.objects.filter(pk=measure.pk).update(taken_on=day, created_at=_at(day))
            QuestionnaireRequest.objects.filter(pk=request.pk).update(
                completed_at=_at(day), created_at=_at(day, 8)
            )
    questionnaires.make_due_requests(today=today)
    for request in QuestionnaireRequest.objects.filter(patient=patient, status="due"):
        if request.reminder_count == 0 and questionnaires.may_email(patient):
            questionnaires.send_link(request=request, by=None)


def seed(*, staff: dict[str, User], patients: dict[str, Patient]) -> None:
    if any(email not in staff for email in (REVIEWER, ROSA.therapist, JOAO.therapist)):
        return
    for spec in LANGUAGE_PATIENTS:
        patient = _patient(spec, staff)
        patients[spec.key] = patient
        _intake(spec, patient)
        _review_translations(spec, staff[REVIEWER])
        program = _program(spec, patient)
        if program is not None:
            _session_logs(spec, patient, program)
        _questionnaires(patient)
