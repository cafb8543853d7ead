"""Intake -> precaution tags, and the small derived intake values."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.precautions import (
    AGGRAVATING_FACTORS,
    ASAS_ITEMS,
    FACTOR_EFFECTS,
    MEDICATION_KEYWORDS,
    PAIN_QUALITIES,
    PRECAUTION_TAGS,
    asas_count,
    classify_medication,
    classify_medications,
    derive_precautions,
    directional_pattern,
    duration_category,
    neuropathic_descriptor_count,
)

TODAY = date(2025, 6, 1)


def tags(**facts):
    return [hit.tag for hit in derive_precautions({"today": TODAY, **facts})]


def reason(tag, **facts):
    hits = {hit.tag: hit for hit in derive_precautions({"today": TODAY, **facts})}
    return hits[tag].reason


# --- Tag table -------------------------------------------------------------------------------


def test_precaution_tags_are_exactly_the_fifteen_agreed_values_with_label_and_description():
    assert [value for value, _, _ in PRECAUTION_TAGS] == [
        "hip_replacement_posterior",
        "hip_replacement_anterior",
        "acute_radicular",
        "flexion_intolerant",
        "extension_intolerant",
        "osteoporosis",
        "spondylolisthesis",
        "pregnancy",
        "recent_spinal_surgery",
        "cardiovascular",
        "hypermobility",
        "anticoagulant",
        "balance_impairment",
        "aquatic_precaution",
        "non_swimmer",
    ]
    assert all(label and description for _, label, description in PRECAUTION_TAGS)


def test_no_facts_means_no_precautions():
    assert derive_precautions({}) == []


def test_unknown_fact_keys_are_rejected_not_ignored():
    with pytest.raises(ValueError, match="hip_replacement"):
        derive_precautions({"hip_replacement": True})


# --- Hip replacement -------------------------------------------------------------------------


def test_posterior_hip_replacement_within_12_months_is_hip_replacement_posterior():
    hip = {"approach": "posterior", "date": TODAY - timedelta(days=100), "side": "left"}
    assert tags(hip_replacements=[hip]) == ["hip_replacement_posterior"]
    assert reason("hip_replacement_posterior", hip_replacements=[hip]).startswith("Left hip")
    # Dated the way the rest of the app writes dates (24 Nov 2026), not 2026-11-24.
    when = hip["date"]
    assert reason("hip_replacement_posterior", hip_replacements=[hip]).endswith(
        f"on {when.day} {when:%b %Y}"
    )


def test_hip_replacement_with_approach_unknown_is_treated_as_posterior():
    for approach in ("unknown", None):
        hip = {"approach": approach, "date": TODAY - timedelta(days=30)}
        assert tags(hip_replacements=[hip]) == ["hip_replacement_posterior"]
    hip = {"approach": None, "date": TODAY - timedelta(days=30)}
    assert "approach not known" in reason("hip_replacement_posterior", hip_replacements=[hip])


def test_anterior_hip_replacement_is_hip_replacement_anterior_only():
    hip = {"approach": "anterior", "date": TODAY - timedelta(days=200)}
    assert tags(hip_replacements=[hip]) == ["hip_replacement_anterior"]


def test_lateral_hip_replacement_is_treated_as_posterior():
    hip = {"approach": "lateral", "date": TODAY - timedelta(days=200)}
    assert tags(hip_replacements=[hip]) == ["hip_replacement_posterior"]


@pytest.mark.parametrize(("days_ago", "tagged"), [(365, True), (366, False)])
def test_hip_replacement_counts_for_12_months(days_ago, tagged):
    hip = {"approach": "posterior", "date": TODAY - timedelta(days=days_ago)}
    assert (tags(hip_replacements=[hip]) == ["hip_replacement_posterior"]) == tagged


def test_hip_replacement_with_no_date_is_treated_as_recent():
    assert tags(hip_replacements=[{"approach": "anterior", "date": None}]) == [
        "hip_replacement_anterior"
    ]


def test_both_hips_replaced_by_different_approaches_give_both_tags():
    hips = [
        {"approach": "posterior", "date": TODAY - timedelta(days=60), "side": "right"},
        {"approach": "anterior", "date": TODAY - timedelta(days=90), "side": "left"},
    ]
    assert tags(hip_replacements=hips) == ["hip_replacement_posterior", "hip_replacement_anterior"]


def test_a_dated_hip_replacement_needs_todays_date_and_a_known_approach():
    hip = {"approach": "posterior", "date": date(2025, 1, 1)}
    with pytest.raises(ValueError, match="today"):
        derive_precautions({"hip_replacements": [hip]})
    with pytest.raises(ValueError, match="approach"):
        tags(hip_replacements=[{"approach": "front", "date": None}])


# --- Acute radicular -------------------------------------------------------------------------


def test_leg_more_with_pain_below_the_knee_is_acute_radicular():
    assert tags(pain_more="leg", below_knee=True) == ["acute_radicular"]


def test_leg_more_with_neurological_symptoms_is_acute_radicular():
    assert tags(pain_more="leg", neuro_symptoms=True) == ["acute_radicular"]


def test_leg_rated_higher_than_back_counts_as_leg_more():
    assert tags(back_pain_now=3, leg_pain_now=7, below_knee=True) == ["acute_radicular"]
    assert "7/10" in reason("acute_radicular", back_pain_now=3, leg_pain_now=7, below_knee=True)


@pytest.mark.parametrize(
    "facts",
    [
        {"pain_more": "back", "below_knee": True, "neuro_symptoms": True},
        {"pain_more": "equal", "below_knee": True},
        {"pain_more": "leg", "below_knee": False, "neuro_symptoms": False},
        {"back_pain_now": 6, "leg_pain_now": 6, "below_knee": True},
    ],
)
def test_acute_radicular_needs_leg_dominant_pain_and_a_nerve_sign(facts):
    assert tags(**facts) == []


# --- Directional pattern ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "pattern"),
    [
        ({"sitting": "worse", "walking": "better"}, "flexion_intolerant"),
        ({"bending_forward": "worse", "standing": "better"}, "flexion_intolerant"),
        ({"standing": "worse", "sitting": "better"}, "extension_intolerant"),
        ({"walking": "worse", "bending_forward": "better"}, "extension_intolerant"),
        ({"bending_backward": "worse", "sitting": "better"}, "extension_intolerant"),
        ({"sitting": "worse", "standing": "worse"}, "mixed"),
        ({"sitting": "worse"}, "mixed"),
        (
            {
                "sitting": "worse",
                "walking": "better",
                "standing": "worse",
                "bending_forward": "better",
            },
            "mixed",
        ),
        ({}, "unclear"),
        ({"sitting": "no_effect", "walking": "not_tried", "lifting": "worse"}, "unclear"),
    ],
)
def test_directional_pattern_reads_the_aggravating_and_easing_answers(answers, pattern):
    assert directional_pattern(answers) == pattern


def test_directional_pattern_rejects_unknown_factors_and_effects():
    with pytest.raises(ValueError, match="bending"):
        directional_pattern({"bending": "worse"})
    with pytest.raises(ValueError, match="terrible"):
        directional_pattern({"sitting": "terrible"})


def test_flexion_and_extension_patterns_become_precaution_tags_and_mixed_does_not():
    assert tags(aggravating={"sitting": "worse", "walking": "better"}) == ["flexion_intolerant"]
    assert tags(aggravating={"walking": "worse", "sitting": "better"}) == ["extension_intolerant"]
    assert tags(aggravating={"sitting": "worse", "walking": "worse"}) == []


@given(
    st.dictionaries(
        st.sampled_from([key for key, _ in AGGRAVATING_FACTORS]),
        st.sampled_from([key for key, _ in FACTOR_EFFECTS]),
    )
)
def test_directional_pattern_is_always_one_of_four_answers(answers):
    pattern = directional_pattern(answers)
    assert pattern in ("flexion_intolerant", "extension_intolerant", "mixed", "unclear")
    if pattern == "flexion_intolerant":
        assert answers.get("sitting") == "worse" or answers.get("bending_forward") == "worse"


# --- Other tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "facts",
    [
        {"history_osteoporosis": True},
        {"long_term_steroids": True},
        {"medications": ["Fosamax 70 mg weekly"]},
        {"medications": ["prednisone 5 mg"]},
    ],
)
def test_osteoporosis_comes_from_history_long_term_steroids_or_bone_medicine(facts):
    assert tags(**facts) == ["osteoporosis"]


def test_a_steroid_known_to_be_short_term_does_not_tag_osteoporosis():
    assert tags(medications=["prednisone"], long_term_steroids=False) == []


def test_a_listed_steroid_asks_the_clinician_to_check_whether_it_is_long_term():
    assert "check whether long term" in reason("osteoporosis", medications=["Medrol"])


@pytest.mark.parametrize(("weeks", "tagged"), [(15, False), (16, True), (30, True)])
def test_pregnancy_from_16_weeks(weeks, tagged):
    assert (tags(pregnant=True, pregnancy_weeks=weeks) == ["pregnancy"]) == tagged


def test_pregnancy_with_weeks_unknown_is_tagged():
    assert tags(pregnant=True) == ["pregnancy"]
    assert tags(pregnant=False, pregnancy_weeks=20) == []


@pytest.mark.parametrize(
    ("surgery_date", "tagged"),
    [(TODAY - timedelta(days=365), True), (TODAY - timedelta(days=400), False), (None, True)],
)
def test_spinal_surgery_within_12_months_or_undated_is_recent(surgery_date, tagged):
    result = tags(spinal_surgery=True, spinal_surgery_date=surgery_date)
    assert (result == ["recent_spinal_surgery"]) == tagged


def test_simple_history_answers_map_to_their_tags():
    assert tags(spondylolisthesis=True) == ["spondylolisthesis"]
    assert tags(high_blood_pressure=True) == ["cardiovascular"]
    assert tags(heart_disease=True) == ["cardiovascular"]
    assert tags(hypermobility=True) == ["hypermobility"]


def test_blood_thinners_and_bleeding_disorders_tag_anticoagulant():
    assert tags(medications=["Xarelto 20mg"]) == ["anticoagulant"]
    assert reason("anticoagulant", medications=["Xarelto 20mg"]) == (
        "Takes Xarelto 20mg (blood thinner)"
    )
    assert tags(bleeding_disorder=True) == ["anticoagulant"]
    assert tags(medications=["Tylenol", "aspirin-free Excedrin"]) == []


@pytest.mark.parametrize(("age", "tagged"), [(74, False), (75, True)])
def test_balance_impairment_from_age_75(age, tagged):
    assert (tags(age=age) == ["balance_impairment"]) == tagged


def test_balance_impairment_from_a_change_in_balance_or_walking():
    assert tags(balance_change=True, age=40) == ["balance_impairment"]


@pytest.mark.parametrize(
    "facts",
    [
        {"open_wound_or_skin_infection": True},
        {"uncontrolled_epilepsy": True},
        {"unmanaged_incontinence": True},
        {"unstable_cardiorespiratory": True},
        {"unhealed_incision": True},
        {"chlorine_sensitivity": True},
        {"fear_of_water": True},
        {"pool_access": False},
    ],
)
def test_aquatic_precaution_from_any_pool_safety_answer(facts):
    assert tags(**facts) == ["aquatic_precaution"]


def test_not_swimming_is_its_own_tag_not_a_medical_pool_precaution():
    """The answer itself recommends shallow-water walking with a float belt, so it must not
    hide pool walking the way an open wound or uncontrolled seizures do."""
    hits = derive_precautions({"can_swim": False})
    assert [h.tag for h in hits] == ["non_swimmer"]
    assert "float belt" in hits[0].reason
    assert tags(can_swim=False, pool_access=False) == ["aquatic_precaution", "non_swimmer"]
    assert tags(can_swim=False, uncontrolled_epilepsy=True) == [
        "aquatic_precaution",
        "non_swimmer",
    ]


def test_a_swimmer_with_pool_access_has_no_aquatic_precaution():
    assert tags(can_swim=True, pool_access=True) == []


def test_several_reasons_for_one_tag_are_joined_into_one_hit():
    hits = derive_precautions(
        {"today": TODAY, "history_osteoporosis": True, "medications": ["alendronate"]}
    )
    assert len(hits) == 1
    assert "alendronate" in hits[0].reason and "osteoporosis" in hits[0].reason
    assert hits[0].label == "Osteoporosis or fragile bones"


def test_a_typical_sciatica_intake_gets_the_expected_set_of_tags():
    facts = {
        "age": 58,
        "pain_more": "leg",
        "below_knee": True,
        "aggravating": {"sitting": "worse", "bending_forward": "worse", "walking": "better"},
        "medications": ["gabapentin 300 mg", "Plavix", "naproxen"],
        "high_blood_pressure": True,
        "can_swim": True,
        "pool_access": True,
    }
    assert tags(**facts) == [
        "acute_radicular",
        "flexion_intolerant",
        "cardiovascular",
        "anticoagulant",
    ]


# --- Medication classes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "classes"),
    [
        ("warfarin", {"anticoagulant"}),
        ("Coumadin 5 mg", {"anticoagulant"}),
        ("ELIQUIS", {"anticoagulant"}),
        ("apixaban", {"anticoagulant"}),
        ("rivaroxaban", {"anticoagulant"}),
        ("dabigatran", {"anticoagulant"}),
        ("heparin", {"anticoagulant"}),
        ("enoxaparin (Lovenox)", {"anticoagulant"}),
        ("clopidogrel", {"anticoagulant"}),
        ("aspirin 81 mg daily", {"anticoagulant", "nsaid"}),
        ("prednisone", {"corticosteroid"}),
        ("methylprednisolone", {"corticosteroid"}),
        ("dexamethasone", {"corticosteroid"}),
        ("methotrexate", {"immunosuppressant"}),
        ("Humira pen", {"immunosuppressant"}),
        ("adalimumab", {"immunosuppressant"}),
        ("etanercept", {"immunosuppressant"}),
        ("alendronate", {"bisphosphonate"}),
        ("risedronate", {"bisphosphonate"}),
        ("zoledronic acid", {"bisphosphonate"}),
        ("Zoledronic  Acid infusion", {"bisphosphonate"}),
        ("oxycodone", {"opioid"}),
        ("hydrocodone", {"opioid"}),
        ("Tramadol 50mg", {"opioid"}),
        ("morphine", {"opioid"}),
        ("MS Contin", {"opioid"}),
        ("gabapentin", {"gabapentinoid"}),
        ("Lyrica", {"gabapentinoid"}),
        ("pregabalin", {"gabapentinoid"}),
        ("cyclobenzaprine", {"muscle_relaxant"}),
        ("methocarbamol", {"muscle_relaxant"}),
        ("tizanidine", {"muscle_relaxant"}),
        ("baclofen", {"muscle_relaxant"}),
        ("ibuprofen", {"nsaid"}),
        ("Advil", {"nsaid"}),
        ("naproxen sodium", {"nsaid"}),
        ("meloxicam", {"nsaid"}),
        ("Celebrex", {"nsaid"}),
        ("diclofenac gel", {"nsaid"}),
        ("amitriptyline", {"antidepressant"}),
        ("duloxetine (Cymbalta)", {"antidepressant"}),
        ("sertraline", {"antidepressant"}),
    ],
)
def test_classify_medication_knows_common_generic_and_brand_names(name, classes):
    assert classify_medication(name) == classes


@pytest.mark.parametrize(
    "name",
    [
        "aspirin-free Excedrin",
        "Aspirin free pain reliever",
        "acetaminophen",
        "Tylenol",
        "vitamin D",
        "",
        "Somatostatin",  # "soma" only as a whole word
        "Prolianne cream",  # "prolia" only as a whole word
    ],
)
def test_classify_medication_has_no_false_positives_on_free_products_or_partial_words(name):
    assert classify_medication(name) == set()


def test_enoxaparin_is_not_matched_as_heparin_but_is_still_an_anticoagulant():
    assert classify_medication("enoxaparin") == {"anticoagulant"}


@pytest.mark.parametrize(
    "name", ["hydrocortisone cream 1%", "dexamethasone eye drops", "prednisolone drops"]
)
def test_topical_and_drop_steroids_are_not_systemic_corticosteroids(name):
    assert "corticosteroid" not in classify_medication(name)


def test_a_combination_product_gets_every_class_it_contains():
    assert classify_medication("Percocet") == {"opioid"}
    assert classify_medication("tramadol + celecoxib") == {"opioid", "nsaid"}


def test_classify_medications_keeps_only_names_with_a_class():
    assert classify_medications(["Tylenol", "Eliquis"]) == {"Eliquis": {"anticoagulant"}}


def test_every_class_is_one_of_the_section_1_12_highlight_classes():
    assert set(MEDICATION_KEYWORDS) == {
        "anticoagulant",
        "corticosteroid",
        "immunosuppressant",
        "bisphosphonate",
        "opioid",
        "gabapentinoid",
        "muscle_relaxant",
        "nsaid",
        "antidepressant",
    }


@given(st.text(max_size=40))
def test_classify_medication_never_fails_and_only_returns_known_classes(name):
    assert classify_medication(name) <= set(MEDICATION_KEYWORDS)


# --- Duration, ASAS, pain quality ------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "category"),
    [(0, "acute"), (42, "acute"), (43, "subacute"), (84, "subacute"), (85, "chronic")],
)
def test_duration_category_boundaries(days, category):
    assert duration_category(TODAY - timedelta(days=days), TODAY) == category


def test_duration_category_thresholds_are_configurable_for_the_acp_definition():
    onset = TODAY - timedelta(days=35)
    assert duration_category(onset, TODAY, acute_weeks=4, subacute_weeks=12) == "subacute"


def test_duration_category_rejects_a_future_onset_and_bad_thresholds():
    with pytest.raises(ValueError, match="after"):
        duration_category(TODAY + timedelta(days=1), TODAY)
    with pytest.raises(ValueError, match="thresholds"):
        duration_category(TODAY, TODAY, acute_weeks=12, subacute_weeks=6)


@given(st.integers(0, 2000))
def test_duration_category_never_goes_backwards_as_time_passes(days):
    order = ["acute", "subacute", "chronic"]
    onset = date(2020, 1, 1)
    now = order.index(duration_category(onset, onset + timedelta(days=days)))
    later = order.index(duration_category(onset, onset + timedelta(days=days + 1)))
    assert now <= later


def test_asas_count_counts_the_yes_answers():
    answers = {key: True for key, _ in ASAS_ITEMS}
    assert asas_count(answers) == 5
    answers["insidious_onset"] = False
    assert asas_count(answers) == 4
    assert asas_count({}) == 0


def test_asas_count_rejects_unknown_items():
    with pytest.raises(ValueError, match="ASAS"):
        asas_count({"onset_under_40": True})


def test_neuropathic_descriptor_count_counts_burning_shooting_tingling_and_numbness():
    assert neuropathic_descriptor_count(["burning", "aching", "tingling"]) == 2
    assert neuropathic_descriptor_count(["shooting_electric", "numbness", "burning"]) == 3
    assert neuropathic_descriptor_count([]) == 0


def test_neuropathic_descriptor_count_rejects_unknown_qualities():
    with pytest.raises(ValueError, match="electric"):
        neuropathic_descriptor_count(["electric"])


def test_pain_qualities_list_the_seventeen_section_1_5_choices():
    assert len(PAIN_QUALITIES) == 17
    assert len({value for value, _ in PAIN_QUALITIES}) == 17


@given(st.sets(st.sampled_from([value for value, _ in PAIN_QUALITIES])))
def test_neuropathic_descriptor_count_is_between_0_and_4(qualities):
    assert 0 <= neuropathic_descriptor_count(qualities) <= 4


def _non_swimmer_migration():
    import importlib

    return importlib.import_module("clinic.migrations.0020_non_swimmer_precaution")


class _StoredIntake:
    """Just the two derived fields the data migration moves, as a signed intake stores them."""

    def __init__(self, facts):
        hits = derive_precautions(facts)
        self.derived = {
            "precautions": [{"tag": h.tag, "label": h.label, "reason": h.reason} for h in hits]
        }
        self.precaution_tags = [h.tag for h in hits]

    def save(self, update_fields):
        assert set(update_fields) == {"derived", "precaution_tags"}


def _as_stored_before_the_split(facts):
    """What an intake saved before the split holds: "cannot swim" as a pool precaution."""
    intake = _StoredIntake(facts)
    hits = intake.derived["precautions"]
    swim = next((h for h in hits if h["tag"] == "non_swimmer"), None)
    if swim:
        hits.remove(swim)
        pool = next((h for h in hits if h["tag"] == "aquatic_precaution"), None)
        if pool:
            pool["reason"] += "; " + swim["reason"]
        else:
            hits.append({**swim, "tag": "aquatic_precaution", "label": "Pool exercise needs care"})
    intake.precaution_tags = [h["tag"] for h in hits]
    return intake


@pytest.mark.parametrize(
    "facts",
    [
        {"can_swim": False},
        {"can_swim": False, "pool_access": False},
        {"can_swim": False, "uncontrolled_epilepsy": True, "hypermobility": True},
        {"pool_access": False},
        {"hypermobility": True},
    ],
)
def test_stored_intakes_move_cannot_swim_to_its_own_tag_as_saving_again_would(facts):
    migration = _non_swimmer_migration()
    old = _as_stored_before_the_split(facts)
    migration._move(old, forward=True)
    now = _StoredIntake(facts)
    assert (old.precaution_tags, old.derived) == (now.precaution_tags, now.derived)
    # And back again.
    migration._move(old, forward=False)
    before = _as_stored_before_the_split(facts)
    assert (old.precaution_tags, old.derived) == (before.precaution_tags, before.derived)
