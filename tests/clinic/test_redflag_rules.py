"""Worked examples of the red-flag rules, one per rule in docs/clinical-rules.md section 1.

Each test name says the rule; the body is the example the doc gives.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.redflags import (
    COMBINED_FLAGS,
    FLAG_SUMMARIES,
    FLAG_TIERS,
    NEURO_ITEMS,
    QUESTIONS_BY_CODE,
    RED_FLAG_QUESTIONS,
    SHORT_FORM_QUESTIONS,
    evaluate,
)


def screen(answers=None, *, age=40, sex="female", **derived):
    return evaluate(answers or {}, age=age, sex=sex, derived=derived)


# --- Constant, progressive, non-mechanical pain ------------------------------------------------


def test_getting_worse_with_an_explicit_no_raises_no_flag_only_a_hint():
    # The course answered "Getting worse", the severe-pain question answered No.
    result = screen({"severe_unremitting": False}, course="worsening")
    assert result.positives == ()
    (hint,) = result.hints
    assert "getting worse" in hint.lower()


def test_worsening_mechanical_pain_is_a_note_for_the_clinician_not_a_flag():
    # Worse since it started, but sitting makes it worse and lying down eases it.
    result = screen(course="worsening", constant_pain=True, mechanical_pain=True)
    assert result.positives == ()
    assert not result.needs_clearance
    assert "mechanical" in result.hints[0] and "not a red flag" in result.hints[0]


def test_worsening_pain_that_comes_and_goes_is_a_note_not_a_flag():
    result = screen(course="worsening", constant_pain=False, mechanical_pain=False)
    assert result.positives == ()
    assert "comes and goes" in result.hints[0]


def test_constant_progressive_non_mechanical_pain_is_urgent():
    # Constant, worse every week, nothing about rest or position changes it.
    result = screen(course="worsening", constant_pain=True, mechanical_pain=False)
    (hit,) = result.positives
    assert (hit.code, hit.tier) == ("severe_unremitting", "U")
    assert "constant" in hit.reason and "rest or position" in hit.reason
    assert result.needs_clearance


def test_the_patients_no_outranks_pain_worked_out_as_non_mechanical():
    result = screen(
        {"severe_unremitting": False}, course="worsening", constant_pain=True, mechanical_pain=False
    )
    assert result.positives == ()
    assert "answered No" in result.hints[0]


def test_worsening_pain_not_yet_described_asks_the_clinician_to_check():
    result = screen(course="worsening")
    assert result.positives == ()
    assert "check whether it is constant" in result.hints[0]


def test_the_patients_yes_to_constant_worsening_pain_is_urgent_whatever_the_course():
    assert screen({"severe_unremitting": True}, course="improving").codes == ("severe_unremitting",)


@given(
    course=st.sampled_from(["improving", "unchanged", "worsening", "fluctuating"]),
    constant=st.sampled_from([True, False, None]),
    mechanical=st.sampled_from([True, False, None]),
)
def test_an_explicit_no_always_wins_over_the_course_for_the_same_flag(course, constant, mechanical):
    derived = {"course": course}
    if constant is not None:
        derived["constant_pain"] = constant
    if mechanical is not None:
        derived["mechanical_pain"] = mechanical
    result = evaluate({"severe_unremitting": False}, age=40, sex=None, derived=derived)
    assert "severe_unremitting" not in result.codes


# --- Infection ---------------------------------------------------------------------------------


def test_a_bladder_infection_alone_is_soon_not_urgent():
    for result in (screen(recent_infection=True), screen({"recent_infection": True})):
        (hit,) = result.positives
        assert (hit.code, hit.tier) == ("recent_infection", "S")
        assert not result.needs_clearance


def test_a_recent_infection_with_fever_is_urgent_and_the_reason_names_both():
    result = screen(recent_infection=True, fever_chills_sweats=True)
    assert result.codes == ("infection_fever", "recent_infection")
    fever = result.positives[0]
    assert fever.tier == "U" and "recent infection" in fever.reason
    assert result.needs_clearance


def test_feeling_unwell_answered_yes_with_a_recent_infection_is_urgent():
    result = screen({"infection_fever": True, "recent_infection": True})
    assert result.highest_tier == "U"
    assert "recent infection" in result.positives[0].reason


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppressed", "recent_spinal_procedure"])
def test_a_recent_infection_with_a_risk_factor_is_urgent(risk):
    result = screen(recent_infection=True, **{risk: True})
    assert result.codes == ("infection_risk", "recent_infection")
    assert "recent infection" in result.positives[0].reason
    assert result.needs_clearance


def test_the_infection_risk_question_no_longer_covers_an_ordinary_infection():
    question = QUESTIONS_BY_CODE["infection_risk"].question.lower()
    assert "bladder infection" not in question and "recently had an infection" not in question
    assert "bladder" in QUESTIONS_BY_CODE["recent_infection"].question


# --- Combinations: suspected malignancy --------------------------------------------------------


@pytest.mark.parametrize(("age", "urgent"), [(49, False), (50, True), (72, True)])
def test_history_of_cancer_at_age_50_or_over_is_urgent_suspected_malignancy(age, urgent):
    result = screen(history_cancer=True, age=age)
    assert ("malignancy_suspected" in result.codes) == urgent
    assert "cancer_history" in result.codes
    assert result.needs_clearance == urgent


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ({"unexplained_weight_loss": True}, "weight loss"),
        ({"night_pain_unrelieved": True}, "night pain"),
        ({"weeks_without_improvement": 4}, "no improvement"),
    ],
)
def test_history_of_cancer_with_another_malignancy_sign_is_urgent(facts, words):
    result = screen(history_cancer=True, age=35, **facts)
    hit = next(h for h in result.positives if h.code == "malignancy_suspected")
    assert hit.tier == "U"
    assert hit.reason.startswith("History of cancer with") and words in hit.reason
    assert hit.question is None and hit.combined is COMBINED_FLAGS[0]
    assert hit.pathology == "Suspected spinal malignancy"


def test_answered_questions_count_for_the_cancer_combination_too():
    result = screen({"cancer_history": True, "no_improvement": True}, age=35)
    assert result.codes[0] == "malignancy_suspected"


def test_the_other_malignancy_signs_without_cancer_stay_soon():
    result = screen(age=66, unexplained_weight_loss=True, night_pain_unrelieved=True)
    assert result.codes == ("weight_loss", "night_pain")
    assert not result.needs_clearance


def test_history_of_cancer_alone_in_a_younger_patient_stays_soon():
    assert screen(history_cancer=True, age=38).codes == ("cancer_history",)


# --- Explicit answers that disagree ------------------------------------------------------------


def test_a_yes_elsewhere_still_raises_the_flag_when_its_question_was_answered_no():
    # "No" to the safety question, but cancer ticked in the medical history.
    (hit,) = screen({"cancer_history": False}, history_cancer=True).positives
    assert hit.code == "cancer_history"
    assert "answered No" in hit.reason


def test_new_saddle_numbness_in_the_nerve_questions_is_an_emergency_even_after_a_no():
    result = screen({"ces_saddle": False}, neuro_new={"saddle_numbness"})
    assert result.is_emergency
    assert "answered No" in result.positives[0].reason


def test_a_long_standing_bladder_change_does_not_contradict_the_one_leg_question():
    (hit,) = screen({"neuro_stable": False}, neuro_old={"bladder_change"}).positives
    assert hit.code == "neuro_stable" and "answered No" not in hit.reason


# --- Titles match what raised them -------------------------------------------------------------


@pytest.mark.parametrize("item", ["numbness", "pins_and_needles", "balance_change"])
def test_new_or_worsening_sensory_symptoms_are_titled_new_or_worsening(item):
    (hit,) = screen(neuro_new={item}).positives
    assert (hit.code, hit.tier) == ("neuro_changing", "S")
    assert FLAG_SUMMARIES[hit.code].startswith("new or worsening")
    assert hit.reason.startswith("New or worsening")


@pytest.mark.parametrize("item", NEURO_ITEMS)
def test_long_standing_symptoms_are_titled_long_standing(item):
    (hit,) = screen(neuro_old={item}).positives
    assert hit.code == "neuro_stable"
    assert FLAG_SUMMARIES[hit.code].startswith("long-standing")
    assert hit.reason.startswith("Long-standing")
    assert "stable" not in FLAG_SUMMARIES["neuro_changing"]


def test_every_flag_the_engine_can_raise_has_a_title_and_a_tier():
    assert set(FLAG_TIERS) == {q.code for q in RED_FLAG_QUESTIONS} | {
        f.code for f in COMBINED_FLAGS
    }
    assert set(FLAG_SUMMARIES) == set(FLAG_TIERS)
    assert not {f.code for f in COMBINED_FLAGS} & set(QUESTIONS_BY_CODE)


def test_a_first_episode_at_an_unknown_age_is_titled_so():
    (hit,) = screen(age=None, first_episode=True).positives
    assert hit.code == "age_onset" and "age is not recorded" in hit.reason
    assert FLAG_SUMMARIES["age_onset"].endswith("or age not known")


def test_severe_unremitting_is_titled_by_its_rule_not_by_worsening_alone():
    title = FLAG_SUMMARIES["severe_unremitting"]
    assert "constant" in title and "rest or position" in title
    assert "or steadily worsening" not in title


# --- The check-in short form says the same as the intake ---------------------------------------


def test_short_form_wording_follows_the_rules():
    assert "infection" not in SHORT_FORM_QUESTIONS["infection_risk"].lower()
    pain = SHORT_FORM_QUESTIONS["severe_unremitting"].lower()
    assert "constant" in pain and "worse" in pain and "rest or position" in pain
    assert "unwell" in SHORT_FORM_QUESTIONS["infection_fever"]
    assert "recent_infection" not in SHORT_FORM_QUESTIONS  # soon: not re-asked at check-ins
    assert all(len(text) <= 90 for text in SHORT_FORM_QUESTIONS.values())


def test_a_check_in_yes_to_back_procedure_or_low_immunity_is_urgent():
    result = evaluate({"infection_risk": True}, age=None, sex=None, derived={})
    assert result.highest_tier == "U"
