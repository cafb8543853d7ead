"""The therapist's review of a patient-reported intake: confirm, correct, sign."""

import pytest
from django.core.exceptions import ValidationError

from clinic.intake.sections import SECTION_BY_SLUG
from clinic.models import Intake
from clinic.selfservice import review
from clinic.selfservice.models import SelfIntake, SelfIntakeReview
from tests.clinic import intake_data
from tests.factories import SelfIntakeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_intake(patient_record):
    return SelfIntakeFactory(patient=patient_record, red_flags={"night_pain": "yes"})


def _storage(slug, intake, post):
    form = SECTION_BY_SLUG[slug](data=post, intake=intake)
    assert form.is_valid(), form.errors
    return form.storage()


def _review_all(self_intake, by):
    for section in review.review_sections(self_intake):
        review.confirm_section(self_intake=self_intake, section=section.slug, by=by)


def test_the_sections_to_review_are_the_ones_the_patient_answered(self_intake):
    slugs = [s.slug for s in review.review_sections(self_intake)]
    assert slugs == ["complaint", "red-flags", "body-chart", "pain", "onset"]


def test_the_patient_said_side_reads_the_patients_own_answers(self_intake):
    said = review.patient_intake(self_intake)
    assert said.leg_pain_now == 7
    assert said.onset_date == self_intake.intake.onset_date
    assert said.body_chart[0]["region"] == "calf"
    rows = dict(SECTION_BY_SLUG["pain"].summary(said))
    assert rows["Leg pain right now"] == "7"


def test_confirm_records_who_and_leaves_everything_as_the_patient_said(self_intake, therapist):
    before = dict(self_intake.answers)
    row = review.confirm_section(self_intake=self_intake, section="pain", by=therapist)
    assert row.decision == SelfIntakeReview.Decision.CONFIRMED
    assert row.by == therapist and row.corrections == []
    self_intake.refresh_from_db()
    assert self_intake.answers == before
    progress = review.review_progress(self_intake)
    assert progress.reviewed == 1 and progress.total == 5
    assert not progress.is_complete


def test_correct_changes_the_draft_and_keeps_the_patients_answer(self_intake, therapist):
    draft = self_intake.intake
    data = _storage("pain", draft, intake_data.pain(leg_pain_now="5"))
    row, _ = review.correct_section(
        self_intake=self_intake,
        section="pain",
        data=data,
        by=therapist,
        note="Checked with the patient at the visit.",
    )
    assert row.decision == SelfIntakeReview.Decision.CORRECTED
    assert row.by == therapist and row.at is not None
    assert row.note == "Checked with the patient at the visit."
    assert row.corrections == [
        {
            "field": "leg_pain_now",
            "label": "Leg pain right now",
            "patient_said": "7",
            "corrected_to": "5",
        }
    ]
    draft.refresh_from_db()
    assert draft.leg_pain_now == 5
    self_intake.refresh_from_db()
    assert self_intake.answers["pain"]["leg_pain_now"] == 7


def test_a_correction_that_changes_nothing_is_a_confirmation(self_intake, therapist):
    data = _storage("pain", self_intake.intake, intake_data.pain())
    row, _ = review.correct_section(
        self_intake=self_intake, section="pain", data=data, by=therapist
    )
    assert row.decision == SelfIntakeReview.Decision.CONFIRMED
    assert row.corrections == []


def test_confirm_is_refused_when_the_draft_was_changed_elsewhere(self_intake, therapist):
    intake_data.save(self_intake.intake, "pain", intake_data.pain(back_pain_now="2"), therapist)
    with pytest.raises(ValidationError, match="no longer says what the patient said"):
        review.confirm_section(self_intake=self_intake, section="pain", by=therapist)
    assert not self_intake.reviews.exists()


def test_a_section_the_patient_did_not_answer_is_not_reviewed(self_intake, therapist):
    with pytest.raises(ValidationError, match="did not answer"):
        review.confirm_section(self_intake=self_intake, section="neuro", by=therapist)


def test_signing_is_refused_until_every_section_is_reviewed(self_intake, therapist):
    review.confirm_section(self_intake=self_intake, section="complaint", by=therapist)
    with pytest.raises(ValidationError, match="Review what the patient answered before signing"):
        intake_data.sign(self_intake.intake, therapist)
    draft = Intake.objects.get(pk=self_intake.intake_id)
    assert not draft.is_signed


def test_signing_marks_the_self_intake_reviewed(self_intake, therapist):
    _review_all(self_intake, therapist)
    intake_data.sign(self_intake.intake, therapist)
    self_intake.refresh_from_db()
    assert self_intake.status == SelfIntake.Status.REVIEWED
    assert self_intake.reviewed_by == therapist and self_intake.reviewed_at is not None
    assert self_intake.intake.is_signed


def test_a_reviewed_self_intake_takes_no_more_decisions(self_intake, therapist):
    _review_all(self_intake, therapist)
    intake_data.sign(self_intake.intake, therapist)
    with pytest.raises(ValidationError):
        review.confirm_section(self_intake=self_intake, section="pain", by=therapist)


def test_an_intake_taken_in_the_clinic_signs_as_before(patient_record, therapist):
    intake = intake_data.ready_to_sign(patient_record, therapist)
    intake_data.sign(intake, therapist)
    assert intake.is_signed


def test_ticked_choices_in_another_order_are_not_a_correction(self_intake, therapist):
    qualities = ["aching", "burning", "tingling"]  # the form's order, not the patient's
    assert self_intake.answers["pain"]["qualities"] != qualities
    data = _storage("pain", self_intake.intake, intake_data.pain(qualities=qualities))
    row, _ = review.correct_section(
        self_intake=self_intake, section="pain", data=data, by=therapist
    )
    assert row.decision == SelfIntakeReview.Decision.CONFIRMED


def test_an_archived_patients_intake_is_not_reviewed(self_intake, therapist):
    from clinic import services

    services.archive_patient(patient=self_intake.patient, by=therapist)
    with pytest.raises(ValidationError, match="archived"):
        review.confirm_section(self_intake=self_intake, section="pain", by=therapist)
