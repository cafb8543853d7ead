"""The builder's status bar says why publishing waits in whole sentences (one msgid each, so a
translation can order the words its own way), with the exercises' names inside."""

from tests.factories import ExerciseFactory, ProgramFactory, ProgramItemFactory, screened
from tests.programs.builder_helpers import (
    approval_exercise,
    hidden_exercise,
    hip_patient_tags,
    url,
)


def _status_bar(client, program) -> str:
    content = client.get(url("program-builder", program)).content.decode()
    return content[content.index('id="publish-blocked"') :]


def test_one_hidden_exercise_is_named_in_a_singular_sentence(therapist_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=hidden_exercise())
    hip_patient_tags(patient_record, "hip_replacement_posterior")

    status = _status_bar(therapist_client, program)

    assert (
        "Publishing is blocked: AIS knee toward the opposite shoulder is hidden for this patient "
        "and needs a written override reason." in status
    )


def test_two_hidden_exercises_are_listed_in_a_plural_sentence(therapist_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=hidden_exercise())
    ProgramItemFactory(
        program=program, exercise=hidden_exercise(name="Figure-four stretch", slug="figure-four")
    )
    hip_patient_tags(patient_record, "hip_replacement_posterior")

    status = _status_bar(therapist_client, program)

    assert (
        "Publishing is blocked: AIS knee toward the opposite shoulder, Figure-four stretch are "
        "hidden for this patient and need a written override reason." in status
    )


def test_exercises_awaiting_approval_are_named_before_the_request(therapist_client, patient_record):
    program = ProgramFactory(patient=screened(patient_record))
    ProgramItemFactory(program=program, exercise=approval_exercise(tag="acute_radicular"))
    ProgramItemFactory(program=program, exercise=ExerciseFactory(name="Bridge", slug="bridge-x"))
    hip_patient_tags(patient_record, "acute_radicular")

    status = _status_bar(therapist_client, program)

    assert "AIS hip flexor stretch: confirm it before publishing." in status
