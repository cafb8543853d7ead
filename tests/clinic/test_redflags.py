"""Red-flag catalogue and rules engine."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.redflags import (
    FLAG_SUMMARIES,
    NEURO_ITEMS,
    NEURO_NEW_FLAGS,
    OVERRIDE_REASONS,
    QUESTIONS_BY_CODE,
    RED_FLAG_QUESTIONS,
    SCREENING_NOTE,
    SHORT_FORM_CODES,
    SHORT_FORM_QUESTIONS,
    TIER_INSTRUCTIONS,
    allowed_override_reasons,
    evaluate,
)

TIER_E = {
    "ces_bladder",
    "ces_bowel",
    "ces_saddle",
    "ces_sexual",
    "ces_bilateral",
    "neuro_progressive",
    "aaa",
    "dvt_pe",
}
TIER_U = {
    "infection_fever",
    "infection_risk",
    "fracture_trauma",
    "severe_unremitting",
    "thoracic_pain",
}
TIER_S = {
    "cancer_history",
    "weight_loss",
    "age_onset",
    "no_improvement",
    "night_pain",
    "osteoporosis_steroids",
    "inflammatory_bp",
    "recent_infection",
    "structural_deformity",
    "neuro_stable",
}
ALL_CODES = [q.code for q in RED_FLAG_QUESTIONS]


def screen(answers=None, *, age=40, sex="female", **derived):
    return evaluate(answers or {}, age=age, sex=sex, derived=derived)


# --- Catalogue -------------------------------------------------------------------------------


def test_catalogue_holds_every_section_2_2_item_in_its_tier():
    tiers = {q.code: q.tier for q in RED_FLAG_QUESTIONS}
    assert {c for c, t in tiers.items() if t == "E"} == TIER_E
    assert {c for c, t in tiers.items() if t == "U"} == TIER_U
    assert {c for c, t in tiers.items() if t == "S"} == TIER_S
    assert len(ALL_CODES) == len(set(ALL_CODES)) == 23


def test_every_question_is_plain_words_with_a_pathology_and_the_tier_instruction():
    for q in RED_FLAG_QUESTIONS:
        assert q.question.endswith("?") or q.question.endswith(".")
        assert q.pathology
        assert q.instruction == TIER_INSTRUCTIONS[q.tier]
        assert q.code in FLAG_SUMMARIES
    # Clinical jargon stays out of what the patient hears.
    jargon = ("cauda", "equina", "perineal", "radicul", "incontinence", "thoracic", "claudicat")
    for q in RED_FLAG_QUESTIONS:
        assert not any(word in q.question.lower() for word in jargon), q.code


def test_emergency_instruction_sends_the_patient_to_the_emergency_department_now():
    assert TIER_INSTRUCTIONS["E"] == (
        "Go to the nearest emergency department now or call 911. Do not wait for your "
        "appointment and do not rely on email or messages."
    )
    assert "today" in TIER_INSTRUCTIONS["U"] and "24 hours" in TIER_INSTRUCTIONS["U"]
    assert "may refer you to your doctor" in TIER_INSTRUCTIONS["S"]


def test_screening_note_says_it_is_not_a_diagnosis_and_to_act_on_later_symptoms():
    assert "cannot diagnose" in SCREENING_NOTE
    assert "emergency department" in SCREENING_NOTE


def test_short_form_asks_again_every_emergency_and_urgent_item_and_nothing_else():
    assert set(SHORT_FORM_CODES) == TIER_E | TIER_U
    assert all(len(text) <= 90 for text in SHORT_FORM_QUESTIONS.values())


def test_override_reasons_cover_the_three_documented_reasons_and_a_tier_s_acknowledgement():
    values = [value for value, _ in OVERRIDE_REASONS]
    assert values == ["old_stable", "physician_clearance", "declined_referral", "acknowledged_soon"]


def test_a_plain_acknowledgement_is_only_offered_for_tier_s_flags():
    assert "acknowledged_soon" in dict(allowed_override_reasons("S"))
    assert "acknowledged_soon" not in dict(allowed_override_reasons("E"))
    assert "acknowledged_soon" not in dict(allowed_override_reasons("U"))
    with pytest.raises(ValueError, match="tier"):
        allowed_override_reasons("X")


# --- Tiers and clearance ---------------------------------------------------------------------


def test_no_answers_yes_means_no_flags_and_no_clearance():
    result = screen(dict.fromkeys(ALL_CODES, False))
    assert result.positives == ()
    assert result.highest_tier is None
    assert not result.needs_clearance
    assert result.unanswered == ()
    assert "Nothing" in result.instruction


@pytest.mark.parametrize("code", sorted(TIER_E))
def test_any_emergency_item_answered_yes_is_tier_e_and_needs_clearance(code):
    result = screen({code: True})
    assert result.highest_tier == "E"
    assert result.is_emergency
    assert result.needs_clearance
    assert result.instruction == TIER_INSTRUCTIONS["E"]
    assert result.codes == (code,)


@pytest.mark.parametrize("code", sorted(TIER_U))
def test_any_urgent_item_answered_yes_is_tier_u_and_needs_clearance(code):
    result = screen({code: True})
    assert result.highest_tier == "U"
    assert result.needs_clearance
    assert not result.is_emergency
    assert result.instruction == TIER_INSTRUCTIONS["U"]


@pytest.mark.parametrize("code", sorted(TIER_S - {"age_onset"}))
def test_any_soon_item_answered_yes_is_tier_s_for_review_not_clearance(code):
    result = screen({code: True})
    assert result.highest_tier == "S"
    assert not result.needs_clearance
    assert result.instruction == TIER_INSTRUCTIONS["S"]


def test_the_highest_tier_wins_and_every_positive_is_still_listed_most_serious_first():
    result = screen({"cancer_history": True, "infection_fever": True, "dvt_pe": True})
    assert result.highest_tier == "E"
    assert result.codes == ("dvt_pe", "infection_fever", "cancer_history")
    assert [hit.tier for hit in result.positives] == ["E", "U", "S"]


def test_each_hit_says_why_in_plain_words_and_links_back_to_its_question():
    (hit,) = screen({"ces_saddle": True}).positives
    assert hit.reason == "Answered yes: new numbness or pins and needles in the saddle area"
    assert hit.question is QUESTIONS_BY_CODE["ces_saddle"]


def test_a_flag_raised_two_ways_is_listed_once_with_both_reasons():
    result = screen({"cancer_history": True}, history_cancer=True)
    (hit,) = result.positives
    assert "Answered yes" in hit.reason and "Medical history: cancer" in hit.reason


def test_unanswered_questions_are_listed_so_an_incomplete_screen_is_visible():
    result = screen({"ces_bladder": False})
    assert "ces_bladder" not in result.unanswered
    assert "ces_bowel" in result.unanswered
    assert len(result.unanswered) == 22


def test_a_check_in_short_form_screens_only_the_emergency_and_urgent_items():
    answers = dict.fromkeys(SHORT_FORM_CODES, False) | {"thoracic_pain": True}
    result = evaluate(answers, age=None, sex=None, derived={})
    assert result.highest_tier == "U"
    assert set(result.unanswered) == TIER_S


def test_unknown_answer_codes_and_derived_keys_are_rejected_not_ignored():
    with pytest.raises(ValueError, match="ces_bladdr"):
        screen({"ces_bladdr": True})
    with pytest.raises(ValueError, match="bilateral_legs"):
        screen(bilateral_legs=True)
    with pytest.raises(ValueError, match="neuro_new"):
        screen(neuro_new={"saddle"})


@given(st.dictionaries(st.sampled_from(ALL_CODES), st.booleans()))
def test_needs_clearance_is_exactly_any_emergency_or_urgent_positive(answers):
    result = evaluate(answers, age=40, sex="male", derived={})
    tiers = {hit.tier for hit in result.positives}
    assert result.needs_clearance == bool(tiers & {"E", "U"})
    assert result.highest_tier == next((t for t in "EUS" if t in tiers), None)


@given(
    st.dictionaries(st.sampled_from(ALL_CODES), st.booleans()),
    st.dictionaries(st.sampled_from(ALL_CODES), st.booleans()),
)
def test_answering_more_questions_yes_never_removes_a_flag(answers, more):
    before = set(evaluate(answers, age=60, sex=None, derived={}).codes)
    extra = {code: True for code, value in more.items() if value}
    after = set(evaluate(answers | extra, age=60, sex=None, derived={}).codes)
    assert before <= after


# --- Derived flags ---------------------------------------------------------------------------


@pytest.mark.parametrize(("age", "flagged"), [(19, True), (20, False), (50, False), (51, True)])
def test_first_ever_episode_flags_age_onset_under_20_or_over_50(age, flagged):
    result = screen(age=age, first_episode=True)
    assert ("age_onset" in result.codes) == flagged


def test_age_alone_is_not_a_flag_without_a_first_episode():
    assert screen(age=70, first_episode=False).positives == ()
    assert screen({"age_onset": False}, age=70).positives == ()


def test_answering_first_episode_directly_also_applies_the_age_rule():
    assert screen({"age_onset": True}, age=62).codes == ("age_onset",)
    assert screen({"age_onset": True}, age=35).codes == ()


def test_first_episode_with_age_unknown_is_flagged_for_the_clinician_to_check():
    (hit,) = screen(age=None, first_episode=True).positives
    assert hit.code == "age_onset" and "age is not recorded" in hit.reason


def test_first_episode_from_derived_facts_counts_as_answering_the_age_onset_question():
    assert "age_onset" not in screen(first_episode=False).unanswered


@pytest.mark.parametrize(("count", "flagged"), [(3, False), (4, True), (5, True)])
def test_asas_count_of_4_or_more_flags_inflammatory_back_pain(count, flagged):
    result = screen(asas_positive_count=count)
    assert ("inflammatory_bp" in result.codes) == flagged


@pytest.mark.parametrize(
    "key", ["history_axspa", "history_psoriasis", "history_ibd", "history_uveitis"]
)
def test_known_inflammatory_disease_with_back_pain_flags_inflammatory_back_pain(key):
    assert screen(**{key: True}).codes == ("inflammatory_bp",)


def test_new_symptoms_in_both_legs_from_the_body_chart_is_an_emergency():
    result = screen(bilateral_leg_symptoms=True, bilateral_new=True)
    assert result.codes == ("ces_bilateral",)
    assert result.highest_tier == "E"


def test_old_symptoms_in_both_legs_are_not_an_emergency_but_are_not_ignored():
    result = screen(bilateral_leg_symptoms=True, bilateral_new=False, neuro_old={"both_legs"})
    assert result.codes == ("neuro_stable",)
    assert "body chart" in result.positives[0].reason
    assert not result.needs_clearance


def test_both_legs_on_the_chart_with_newness_not_recorded_asks_the_clinician_to_check():
    result = screen(bilateral_leg_symptoms=True)
    assert result.positives == ()
    (hint,) = result.hints
    assert "both sides" in hint and "ask again" in hint


def test_new_flag_in_one_leg_only_is_not_ces_bilateral():
    assert screen(bilateral_leg_symptoms=False, bilateral_new=True).positives == ()


@pytest.mark.parametrize(("item", "code"), sorted(NEURO_NEW_FLAGS.items()))
def test_each_new_neurological_symptom_raises_its_flag(item, code):
    assert screen(neuro_new={item}).codes == (code,)


@pytest.mark.parametrize("item", NEURO_ITEMS)
def test_each_old_stable_neurological_symptom_is_tier_s_neuro_stable(item):
    result = screen(neuro_old={item})
    assert result.codes == ("neuro_stable",)
    assert result.highest_tier == "S"


def test_new_saddle_numbness_and_bladder_change_are_both_emergencies():
    result = screen(neuro_new={"saddle_numbness", "bladder_change"})
    assert set(result.codes) == {"ces_saddle", "ces_bladder"}
    assert result.is_emergency


def test_a_symptom_marked_both_new_and_old_counts_as_new():
    assert screen(neuro_new={"leg_weakness"}, neuro_old={"leg_weakness"}).codes == (
        "neuro_progressive",
    )


def test_unrelieved_night_pain_flags_night_pain():
    assert screen(night_pain_unrelieved=True).codes == ("night_pain",)
    assert screen(night_pain_unrelieved=False).codes == ()


@pytest.mark.parametrize(
    "key", ["history_osteoporosis", "long_term_steroids", "osteoporosis_medication"]
)
def test_osteoporosis_or_long_term_steroids_flags_fracture_risk(key):
    assert screen(**{key: True}).codes == ("osteoporosis_steroids",)


def test_cancer_history_and_weight_loss_come_from_the_medical_history():
    assert screen(history_cancer=True).codes == ("cancer_history",)
    assert screen(unexplained_weight_loss=True).codes == ("weight_loss",)


@pytest.mark.parametrize(("weeks", "flagged"), [(3, False), (4, True), (8, True)])
def test_no_improvement_after_4_weeks_of_care_is_flagged(weeks, flagged):
    assert ("no_improvement" in screen(weeks_without_improvement=weeks).codes) == flagged


def test_fever_in_the_medical_history_is_urgent():
    result = screen(fever_chills_sweats=True)
    assert result.codes == ("infection_fever",)
    assert result.needs_clearance


@pytest.mark.parametrize("key", ["iv_drug_use", "immunosuppressed", "recent_spinal_procedure"])
def test_each_infection_risk_factor_flags_infection_risk(key):
    assert screen(**{key: True}).codes == ("infection_risk",)


def test_recent_major_trauma_is_an_urgent_fracture_flag():
    result = screen(recent_major_trauma=True)
    assert result.codes == ("fracture_trauma",)
    assert result.highest_tier == "U"


def test_a_minor_fall_is_a_fracture_flag_only_with_fragile_bones_or_older_age():
    assert screen(recent_minor_trauma=True, age=40).codes == ()
    both = screen(recent_minor_trauma=True, history_osteoporosis=True, age=40)
    assert both.codes == ("fracture_trauma", "osteoporosis_steroids")


@pytest.mark.parametrize(
    ("sex", "age", "flagged"),
    [
        ("male", 65, False),
        ("male", 66, True),
        ("female", 75, False),
        ("female", 76, True),
        ("F", 70, False),
        (None, 66, True),  # sex unknown: the lower (male) threshold, the cautious choice
    ],
)
def test_a_minor_fall_in_older_age_uses_the_sex_specific_fracture_threshold(sex, age, flagged):
    result = screen(recent_minor_trauma=True, age=age, sex=sex)
    assert ("fracture_trauma" in result.codes) == flagged


def test_constant_worsening_non_mechanical_pain_flags_severe_unremitting_pain():
    result = screen(course="worsening", constant_pain=True, mechanical_pain=False)
    assert result.codes == ("severe_unremitting",)
    assert screen(course="improving", constant_pain=True, mechanical_pain=False).codes == ()


def test_new_thoracic_pain_from_the_body_chart_is_urgent():
    assert screen(thoracic_pain_new=True).highest_tier == "U"


def test_false_derived_facts_raise_nothing():
    facts = {
        "first_episode": False,
        "asas_positive_count": 0,
        "bilateral_leg_symptoms": False,
        "bilateral_new": False,
        "neuro_new": set(),
        "neuro_old": set(),
        "night_pain_unrelieved": False,
        "history_osteoporosis": False,
        "history_cancer": False,
        "recent_minor_trauma": False,
        "course": "unchanged",
    }
    assert screen(age=80, **facts).positives == ()
