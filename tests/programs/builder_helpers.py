"""Shared set-up for the builder tests: exercises with precaution rules, programs of n items."""

from django.urls import reverse

from programs.models import Contraindication
from tests.factories import (
    ContraindicationFactory,
    ExerciseFactory,
    IntakeFactory,
    ProgramFactory,
    ProgramItemFactory,
    screened,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def hip_patient_tags(patient, *tags):
    """Give the patient an intake whose precaution tags are `tags`."""
    return IntakeFactory(patient=patient, precaution_tags=list(tags))


def hidden_exercise(tag="hip_replacement_posterior", **fields):
    """An exercise whose contraindication rule hides it for `tag`."""
    exercise = ExerciseFactory(
        **{"name": "AIS knee toward the opposite shoulder", "slug": "ais-knee-shoulder", **fields}
    )
    ContraindicationFactory(
        exercise=exercise,
        tag=tag,
        action=Contraindication.Action.HIDE,
        note="Crosses the midline with the hip bent.",
    )
    return exercise


def approval_exercise(tag="hip_replacement_anterior", **fields):
    exercise = ExerciseFactory(
        **{"name": "AIS hip flexor stretch", "slug": "ais-hip-flexor", **fields}
    )
    ContraindicationFactory(
        exercise=exercise,
        tag=tag,
        action=Contraindication.Action.APPROVAL,
        note="Hip extension with rotation.",
    )
    return exercise


def caution_exercise(tag="acute_radicular", **fields):
    exercise = ExerciseFactory(**{"name": "Nerve slider", "slug": "nerve-slider", **fields})
    ContraindicationFactory(
        exercise=exercise,
        tag=tag,
        action=Contraindication.Action.CAUTION,
        note="Mid-range only; stop if symptoms spread.",
    )
    return exercise


def program_with_items(n, **program_fields):
    """A draft of `n` exercises whose patient is screened (`screened`), so it can be published."""
    if "patient" in program_fields:
        program_fields["patient"] = screened(program_fields["patient"])
    program = ProgramFactory(**program_fields)
    for position in range(n):
        ProgramItemFactory(program=program, order=position)
    return program


def url(name, obj, **kwargs):
    return reverse(f"programs:{name}", kwargs={"uuid": obj.uuid, **kwargs})
