"""The step back after a flare-up and the ease-off notice that stays in sight."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import AuditEvent
from programs.models import EaseOffNotice, Exercise, StepBack
from programs.services import publish_program, record_check_in
from programs.services.step_backs import (
    accept_step_back,
    acknowledge_ease_off,
    reject_step_back,
    revert_step_back,
    set_item_regression,
)
from tests.factories import ExerciseFactory
from tests.programs.portal_helpers import log_on, program_with


def _log(back=3, leg=4, legs="same"):
    return {
        "exercises_done": [1],
        "back_pain": back,
        "leg_pain": leg,
        "leg_symptoms": legs,
        "comment": "",
    }


@pytest.fixture
def program(patient_record):
    program = program_with(patient_record, items=2)
    item = program.items.order_by("order").first()
    easier = ExerciseFactory(name="Easier bridge", category=Exercise.Category.STABILISATION)
    set_item_regression(
        item=item,
        by=program.therapist,
        expected_version=program.version,
        exercise=easier,
        dose={"sets": 1, "reps": 5},
    )
    publish_program(program=program, by=program.therapist)
    program.refresh_from_db()
    return program


def check_in(program, *, day=None, **log):
    return record_check_in(
        program=program,
        by=program.patient.user,
        safety_answers={},
        log=_log(**log),
        day=day or timezone.localdate(),
    )


def test_regression_is_stored_and_in_the_snapshot(program):
    item = program.current_revision.items[0]
    assert item["regression"]["exercise"]["name"] == "Easier bridge"
    assert item["regression"]["reps"] == 5
    assert item["regression"]["dose_text"] == "1 set of 5, each side"
    assert "regression" not in program.current_revision.items[1]


def test_a_good_log_starts_nothing(program):
    check_in(program)
    assert not StepBack.objects.exists()
    assert not EaseOffNotice.objects.exists()


def test_symptoms_further_down_steps_back_and_raises_the_notice(program):
    check_in(program, legs="further_down")
    step_back = StepBack.objects.get()
    assert step_back.status == StepBack.Status.PENDING
    assert step_back.position == 1
    assert step_back.to_exercise.name == "Easier bridge"
    assert step_back.reason == "symptoms further down the leg"
    proposed = step_back.proposed_snapshot["items"][0]
    assert proposed["exercise"]["name"] == "Easier bridge"
    assert "regression" not in proposed
    notice = EaseOffNotice.objects.get()
    assert notice.is_open and "further down your leg" in notice.advice
    assert AuditEvent.objects.filter(detail__startswith="step back proposed by Restore").exists()
    assert AuditEvent.objects.filter(detail="ease-off notice raised by a worrying log").exists()


def test_pain_up_two_uses_the_adherence_threshold(program):
    today = timezone.localdate()
    log_on(program, today - timedelta(days=2), back=3, leg=4)
    check_in(program, leg=5)  # up 1: not yet
    assert not StepBack.objects.exists()
    check_in(program, leg=6)  # up 2
    assert StepBack.objects.get().reason == "pain up 2 since the first log"


def test_one_pending_step_back_per_item(program):
    check_in(program, legs="further_down")
    check_in(program, legs="further_down")
    assert StepBack.objects.count() == 1
    assert EaseOffNotice.objects.count() == 1


def test_a_good_log_closes_the_notice(program):
    check_in(program, legs="further_down")
    result = check_in(program, legs="moved_up")
    notice = EaseOffNotice.objects.get()
    assert not notice.is_open and notice.cleared_by == result.log


def test_the_therapist_acknowledges_the_notice(program):
    check_in(program, legs="further_down")
    notice = acknowledge_ease_off(notice=EaseOffNotice.objects.get(), by=program.therapist)
    assert not notice.is_open and notice.acknowledged_by == program.therapist
    with pytest.raises(ValidationError):
        acknowledge_ease_off(notice=notice, by=program.therapist)


def test_accept_publishes_the_regression_then_revert_publishes_the_original(program):
    check_in(program, legs="further_down")
    step_back = StepBack.objects.get()
    revision = accept_step_back(step_back=step_back, by=program.therapist)
    assert revision.number == 3
    assert revision.items[0]["exercise"]["name"] == "Easier bridge"
    assert revision.items[0]["reps"] == 5
    step_back.refresh_from_db()
    assert step_back.status == StepBack.Status.ACCEPTED
    assert step_back.published_revision == revision
    with pytest.raises(ValidationError):
        reject_step_back(step_back=step_back, by=program.therapist)

    back = revert_step_back(step_back=step_back, by=program.therapist)
    assert back.number == 4
    assert back.items[0]["exercise"]["name"] == step_back.from_exercise.name
    assert back.items[0]["regression"]["exercise"]["name"] == "Easier bridge"
    step_back.refresh_from_db()
    assert step_back.status == StepBack.Status.REVERTED
    assert AuditEvent.objects.filter(detail__startswith="step back reverted").exists()


def test_accept_waits_for_other_draft_changes(program):
    check_in(program, legs="further_down")
    program.refresh_from_db()
    program.has_unpublished_changes = True
    program.save(update_fields=["has_unpublished_changes"])
    with pytest.raises(ValidationError, match="other changes"):
        accept_step_back(step_back=StepBack.objects.get(), by=program.therapist)
    assert StepBack.objects.get().status == StepBack.Status.PENDING


def test_reject_restores_the_original(program):
    check_in(program, legs="further_down")
    step_back = reject_step_back(step_back=StepBack.objects.get(), by=program.therapist)
    assert step_back.status == StepBack.Status.REJECTED
    assert AuditEvent.objects.filter(detail__startswith="step back rejected").exists()


def test_same_exercise_is_refused(program):
    item = program.items.order_by("order").first()
    with pytest.raises(ValidationError):
        set_item_regression(
            item=item,
            by=program.therapist,
            expected_version=program.version,
            exercise=item.exercise,
        )


def _with_tag(patient, tag: str) -> None:
    """The patient's latest intake now carries `tag` (as a new intake would)."""
    intake = patient.intakes.order_by("-visit_date", "-id").first()
    intake.precaution_tags = [*intake.precaution_tags, tag]
    intake.save(update_fields=["precaution_tags"])


def test_a_regression_hidden_for_the_patient_is_refused(program):
    from tests.factories import ContraindicationFactory

    hidden = ExerciseFactory(name="Loaded flexion")
    ContraindicationFactory(exercise=hidden, tag="osteoporosis", action="hide")
    _with_tag(program.patient, "osteoporosis")
    item = program.items.order_by("order").first()
    program.refresh_from_db()
    with pytest.raises(ValidationError, match="hidden for this patient's precautions"):
        set_item_regression(
            item=item, by=program.therapist, expected_version=program.version, exercise=hidden
        )


def test_no_step_back_into_an_exercise_hidden_since_it_was_approved(program):
    from tests.factories import ContraindicationFactory

    easier = Exercise.objects.get(name="Easier bridge")
    ContraindicationFactory(exercise=easier, tag="osteoporosis", action="hide")
    _with_tag(program.patient, "osteoporosis")
    check_in(program, legs="further_down")
    assert not StepBack.objects.exists()
    assert EaseOffNotice.objects.get().is_open  # the advice still stands
