"""Shared builders for the step-back tests: a pre-approved regression, a flare-up log."""

from django.utils import timezone

from programs.models import Exercise, Program, StepBack
from programs.services import publish_program, record_check_in
from programs.services.step_backs import set_item_regression
from tests.factories import ExerciseFactory


def with_regression(program: Program, *, name="Easier bridge", dose=None) -> Program:
    """Pre-approve an easier exercise for the program's first item and publish it."""
    item = program.items.order_by("order", "id").first()
    easier = ExerciseFactory(name=name, category=Exercise.Category.STABILISATION)
    set_item_regression(
        item=item,
        by=program.therapist,
        expected_version=program.version,
        exercise=easier,
        dose=dose if dose is not None else {"sets": 1, "reps": 5},
    )
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


def flare_up(program: Program, *, legs="further_down", back=3, leg=4):
    """A patient's check-in whose log says the symptoms moved further down the leg."""
    return record_check_in(
        program=program,
        by=program.patient.user,
        safety_answers={},
        log={
            "exercises_done": [1],
            "back_pain": back,
            "leg_pain": leg,
            "leg_symptoms": legs,
            "comment": "",
        },
        day=timezone.localdate(),
    )


def stepped_back(program: Program) -> StepBack:
    """The program's pending step back, made by a flare-up when there is none yet."""
    found = StepBack.objects.filter(program=program).first()
    if found:
        return found
    if not program.current_revision.items[0].get("regression"):
        with_regression(program)
    flare_up(program)
    return StepBack.objects.get(program=program)
