"""Worked examples of the objective-exam rules (clinic/exam/rules.py). Plain pytest."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.exam import rules


def myo(level, side, grade):
    return {"myotomes": {level: {side: grade}}}


CES_NO = dict.fromkeys(rules.CES_CODES, False)


def codes(result):
    return [(flag.code, flag.tier) for flag in result.flags]


def test_new_grade_3_is_urgent():
    result = rules.assess(myo("L5", "left", 3))
    assert codes(result) == [("exam_motor_deficit", "U")]
    assert result.flags[0].reason == "New: left L5 great-toe extension 3/5"


def test_grade_4_raises_nothing():
    assert rules.assess(myo("L5", "left", 4)).flags == ()


def test_grade_3_unchanged_from_the_previous_exam_raises_no_new_flag():
    assert rules.assess(myo("L5", "left", 3), myo("L5", "left", 3)).flags == ()


def test_better_than_before_raises_nothing():
    assert rules.assess(myo("S1", "right", 3), myo("S1", "right", 2)).flags == ()


def test_progressive_4_to_3_is_urgent():
    result = rules.assess(myo("S1", "right", 3), myo("S1", "right", 4))
    assert codes(result) == [("exam_motor_deficit", "U")]
    assert "was 4/5" in result.flags[0].reason


def test_progressive_3_to_2_is_urgent():
    result = rules.assess(myo("L4", "left", 2), myo("L4", "left", 3))
    assert codes(result) == [("exam_motor_deficit", "U")]
    assert result.flags[0].reason.startswith("Worse: left L4")


def test_not_tested_before_counts_as_new():
    assert codes(rules.assess(myo("L3", "left", 1), myo("L5", "left", 5))) == [
        ("exam_motor_deficit", "U")
    ]


def test_the_other_side_is_compared_separately():
    # Grade 3 on the left before; now grade 3 on the right: new on the right.
    assert codes(rules.assess(myo("L5", "right", 3), myo("L5", "left", 3))) == [
        ("exam_motor_deficit", "U")
    ]


@pytest.mark.parametrize(("grade", "word"), [(3, "brisk"), (4, "clonus")])
def test_brisk_reflexes_or_clonus_are_urgent(grade, word):
    result = rules.assess({"reflexes": {"patellar": {"left": grade}}})
    assert codes(result) == [("exam_umn_signs", "U")]
    assert word in result.flags[0].reason


def test_clonus_is_urgent_even_when_it_was_there_before():
    findings = {"reflexes": {"achilles": {"right": 4}}}
    assert codes(rules.assess(findings, findings)) == [("exam_umn_signs", "U")]


def test_reduced_or_absent_reflexes_alone_raise_nothing():
    assert rules.assess({"reflexes": {"achilles": {"left": 0}}}).flags == ()


def test_bilateral_deficits_ask_the_ces_questions():
    findings = {
        "myotomes": {"L5": {"left": 4}},
        "sensation": {"right": {"heel": "reduced"}},
    }
    result = rules.assess(findings)
    assert result.bilateral
    assert result.ces_unanswered == rules.CES_CODES
    assert result.deficits["right"] == ("reduced sensation S1 (heel)",)


def test_bilateral_with_all_ces_answers_no_is_a_soon_flag():
    findings = {
        "myotomes": {"L5": {"left": 4}},
        "reflexes": {"achilles": {"right": 1}},
        "ces_answers": CES_NO,
    }
    result = rules.assess(findings)
    assert result.ces_unanswered == ()
    assert codes(result) == [("exam_bilateral_signs", "S")]
    assert "Left: L5 great-toe extension 4/5; right: Achilles reflex 1+" in result.flags[0].reason


def test_bilateral_with_a_ces_yes_is_an_emergency():
    findings = {
        "myotomes": {"L5": {"left": 4, "right": 4}},
        "ces_answers": {**CES_NO, "ces_saddle": True},
    }
    result = rules.assess(findings)
    assert codes(result) == [("ces_saddle", "E"), ("exam_bilateral_signs", "S")]


def test_deficits_on_one_side_do_not_ask_the_ces_questions():
    findings = {
        "myotomes": {"L5": {"left": 4}},
        "reflexes": {"achilles": {"left": 1}},
        "sensation": {"left": {"lateral_foot": "absent"}},
    }
    result = rules.assess(findings)
    assert not result.bilateral
    assert result.ces_unanswered == ()
    assert result.flags == ()


def test_heightened_sensation_and_brisk_reflexes_are_not_deficits():
    findings = {
        "sensation": {"left": {"shin": "heightened"}, "right": {"shin": "heightened"}},
    }
    assert not rules.assess(findings).bilateral


@pytest.mark.parametrize(
    "findings",
    [
        {"myotomes": {"L1": {"left": 3}}},
        {"myotomes": {"L5": {"middle": 3}}},
        {"myotomes": {"L5": {"left": 6}}},
        {"myotomes": {"L5": {"left": True}}},
        {"reflexes": {"patellar": {"left": 5}}},
        {"sensation": {"left": {"elbow": "reduced"}}},
        {"sensation": {"left": {"heel": "tingly"}}},
        {"ces_answers": {"aaa": True}},
        {"strength": {}},
    ],
)
def test_unknown_or_out_of_range_input_is_refused(findings):
    with pytest.raises(ValueError):
        rules.assess(findings)


def test_slr_positive_when_leg_symptoms_below_the_buttock_are_reproduced():
    assert rules.slr_positive(45, "below_knee")
    assert rules.slr_positive(60, "thigh")
    assert not rules.slr_positive(40, "buttock")
    assert not rules.slr_positive(70, "back")
    assert not rules.slr_positive(None, "")


grades = st.one_of(st.none(), st.integers(0, 5))
reflex_grades = st.one_of(st.none(), st.integers(0, 4))
sides = st.fixed_dictionaries({"left": grades, "right": grades})


def _findings(myotomes, reflexes):
    return {
        "myotomes": dict(zip(rules.MYOTOME_LEVELS, myotomes, strict=True)),
        "reflexes": dict(zip(rules.REFLEX_IDS, reflexes, strict=True)),
        "ces_answers": CES_NO,
    }


@given(
    now=st.lists(sides, min_size=5, max_size=5),
    before=st.lists(sides, min_size=5, max_size=5),
    reflexes=st.lists(
        st.fixed_dictionaries({"left": reflex_grades, "right": reflex_grades}),
        min_size=2,
        max_size=2,
    ),
)
def test_motor_flag_exactly_when_a_grade_of_3_or_less_is_new_or_lower(now, before, reflexes):
    result = rules.assess(_findings(now, reflexes), _findings(before, reflexes))
    expected = any(
        n[side] is not None
        and n[side] <= 3
        and (b[side] is None or b[side] > 3 or n[side] < b[side])
        for n, b in zip(now, before, strict=True)
        for side in ("left", "right")
    )
    assert ("exam_motor_deficit" in result.codes) == expected
    brisk = any(
        r[side] is not None and r[side] >= 3 for r in reflexes for side in ("left", "right")
    )
    assert ("exam_umn_signs" in result.codes) == brisk
    # Never an emergency without a "yes" to a cauda equina question.
    assert all(flag.tier != "E" for flag in result.flags)
