"""Shared builders for the portal tests: programs with pictures, and logs on given days."""

from datetime import date

from programs.models import Exercise, Program, SessionLog
from programs.services import publish_program, refresh_checkin_summary
from tests.factories import ExerciseFactory, ProgramFactory, ProgramItemFactory, screened

# The smallest picture the figure renderer draws: lying on the back, lifting the right leg.
FIGURE = {
    "view": "side",
    "work": ["r_leg"],
    "props": ["mat"],
    "start": {"trunk": 180},
    "end": {"trunk": 180, "r_hip": 70},
}


def program_with(patient, *, items: int = 2, figure: bool = True, ais: bool = False, **fields):
    """A published program whose exercises have pictures (or not) and an optional AIS item."""
    program = ProgramFactory(patient=screened(patient), **fields)
    for n in range(items):
        exercise = ExerciseFactory(
            figure=FIGURE if figure else {},
            category=Exercise.Category.AIS_STRETCH if ais and n == 0 else "stabilisation",
            agonist="front of the thigh (quadriceps)" if ais and n == 0 else "",
        )
        ProgramItemFactory(
            program=program,
            exercise=exercise,
            order=n,
            note="",
            hold_s=2 if ais and n == 0 else None,
        )
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


def log_on(program: Program, day: date, *, back=3, leg=4, legs="same", done=(1,), comment=""):
    """A log written straight to the table (any day, even past ones), summary kept current."""
    log = SessionLog.objects.create(
        patient=program.patient,
        program=program,
        revision=program.current_revision,
        date=day,
        back_pain=back,
        leg_pain=leg,
        leg_symptoms=legs,
        exercises_done=list(done),
        comment=comment,
    )
    refresh_checkin_summary(program=program)
    return log
