"""Outcome-measure scoring, from worked examples checked by hand against the published scoring."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic.scoring import (
    ODI_SECTIONS,
    ODI_SECTIONS_MODIFIED,
    RMDQ_ATTRIBUTION,
    RMDQ_STATEMENTS,
    START_BACK_COPYRIGHT,
    START_BACK_ITEMS,
    meaningful_change,
    nprs_band,
    nprs_composite,
    odi_band,
    odi_sections,
    score_odi,
    score_psfs,
    score_rmdq,
    score_sbi,
    score_start_back,
)

# --- NPRS ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "none"), (1, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"), (7, "severe")]
    + [(10, "severe")],
)
def test_nprs_band_follows_the_descriptive_cut_points(value, band):
    assert nprs_band(value) == band


@pytest.mark.parametrize("bad", [-1, 11, 5.0, "5", None, True])
def test_nprs_band_rejects_anything_but_a_whole_number_from_0_to_10(bad):
    with pytest.raises(ValueError, match="pain rating"):
        nprs_band(bad)


def test_nprs_composite_is_the_mean_of_now_best_and_worst_to_one_decimal():
    assert nprs_composite(5, 3, 8) == 5.3
    assert nprs_composite(4, 2, 7) == 4.3
    assert nprs_composite(6, 6, 7) == 6.3
    assert nprs_composite(0, 0, 0) == 0.0


def test_nprs_composite_rejects_a_rating_out_of_range():
    with pytest.raises(ValueError, match="Worst pain"):
        nprs_composite(5, 3, 11)


@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10))
def test_nprs_composite_always_lies_between_the_lowest_and_highest_rating(a, b, c):
    assert min(a, b, c) <= nprs_composite(a, b, c) <= max(a, b, c)


# --- RMDQ ------------------------------------------------------------------------------------


def test_rmdq_has_the_24_original_statements_and_an_attribution():
    assert len(RMDQ_STATEMENTS) == 24
    assert RMDQ_STATEMENTS[0] == "I stay at home most of the time because of my back."
    assert RMDQ_STATEMENTS[-1] == "I stay in bed most of the time because of my back."
    assert len(set(RMDQ_STATEMENTS)) == 24
    assert "Roland" in RMDQ_ATTRIBUTION and "Spine 2000" in RMDQ_ATTRIBUTION


def test_rmdq_score_is_the_count_of_ticked_statements():
    result = score_rmdq({1, 3, 9, 17, 24}, none_apply=False)
    assert result.score == 5
    assert result.complete
    assert result.ticked == (1, 3, 9, 17, 24)


def test_rmdq_none_apply_is_a_deliberate_zero():
    result = score_rmdq([], none_apply=True)
    assert result.score == 0
    assert result.complete
    assert result.recovered


def test_rmdq_with_no_ticks_and_no_none_apply_is_an_abandoned_form():
    result = score_rmdq([], none_apply=False)
    assert result.score is None
    assert not result.complete
    assert result.recovered is None


def test_rmdq_ticks_together_with_none_apply_is_an_error():
    with pytest.raises(ValueError, match="none of these apply"):
        score_rmdq([4], none_apply=True)


@pytest.mark.parametrize("bad", [0, 25, -1, "3", True])
def test_rmdq_rejects_a_statement_number_outside_1_to_24(bad):
    with pytest.raises(ValueError, match="RMDQ statement"):
        score_rmdq([bad], none_apply=False)


def test_rmdq_recovered_means_a_score_of_2_or_less():
    assert score_rmdq([1, 2], none_apply=False).recovered
    assert not score_rmdq([1, 2, 3], none_apply=False).recovered


@given(st.lists(st.integers(1, 24)))
def test_rmdq_score_equals_the_number_of_distinct_ticked_statements(ticked):
    result = score_rmdq(ticked, none_apply=False)
    if ticked:
        assert result.score == len(set(ticked))
        assert 0 < result.score <= 24
    else:
        assert result.score is None


# --- PSFS ------------------------------------------------------------------------------------


def test_psfs_is_the_mean_of_the_activity_ratings_to_one_decimal():
    assert score_psfs([3, 4, 5]).score == 4.0
    assert score_psfs([2, 3, 3]).score == 2.7
    assert score_psfs([6, 6, 7, 6]).score == 6.3  # 6.25 rounds half up, not to even
    assert score_psfs([0, 1, 2, 3, 10]).score == 3.2


def test_psfs_keeps_the_item_level_ratings():
    result = score_psfs([2, 5, 8])
    assert result.ratings == (2, 5, 8)


@pytest.mark.parametrize("ratings", [[], [5], [5, 6], [1, 2, 3, 4, 5, 6]])
def test_psfs_needs_three_to_five_activities(ratings):
    with pytest.raises(ValueError, match="3 to 5"):
        score_psfs(ratings)


@pytest.mark.parametrize("bad", [-1, 11, 7.5, None])
def test_psfs_rejects_a_rating_outside_0_to_10(bad):
    with pytest.raises(ValueError, match="PSFS activity 2"):
        score_psfs([5, bad, 5])


@given(st.lists(st.integers(0, 10), min_size=3, max_size=5))
def test_psfs_score_stays_within_the_lowest_and_highest_rating(ratings):
    score = score_psfs(ratings).score
    assert min(ratings) <= score <= max(ratings)
    assert abs(score - sum(ratings) / len(ratings)) <= 0.05 + 1e-9


# --- SBI -------------------------------------------------------------------------------------


def test_sbi_is_the_sum_of_the_four_items():
    result = score_sbi([5, 3, 0, 6])
    assert result.score == 14
    assert result.complete
    assert result.bothersome_items == (1, 4)


def test_sbi_with_a_missing_item_is_incomplete_but_still_lists_bothersome_items():
    result = score_sbi([4, None, 2, 1])
    assert result.score is None
    assert not result.complete
    assert result.bothersome_items == (1,)


def test_sbi_item_rated_exactly_4_counts_as_bothersome_and_3_does_not():
    assert score_sbi([4, 3, 3, 3]).bothersome_items == (1,)


@pytest.mark.parametrize("items", [[1, 2, 3], [1, 2, 3, 4, 5]])
def test_sbi_needs_exactly_four_items(items):
    with pytest.raises(ValueError, match="4 items"):
        score_sbi(items)


def test_sbi_rejects_an_item_above_6():
    with pytest.raises(ValueError, match="SBI item 3"):
        score_sbi([1, 1, 7, 1])


@given(st.lists(st.integers(0, 6), min_size=4, max_size=4))
def test_sbi_total_is_always_within_0_to_24(items):
    result = score_sbi(items)
    assert result.score == sum(items)
    assert 0 <= result.score <= 24


# --- STarT Back ------------------------------------------------------------------------------


def test_start_back_ships_constructs_and_copyright_but_no_item_wording():
    assert len(START_BACK_ITEMS) == 9
    assert START_BACK_ITEMS[0] == "Leg pain spread"
    assert all(len(label) < 40 for label in START_BACK_ITEMS)  # labels, not questions
    assert "Keele" in START_BACK_COPYRIGHT


def test_start_back_all_agree_but_item_9_slightly_is_high_risk():
    result = score_start_back([1, 1, 1, 1, 1, 1, 1, 1, 1])  # item 9: 1 = "slightly"
    assert (result.total, result.psychosocial, result.risk) == (8, 4, "high")


def test_start_back_items_1_3_4_and_item_9_very_much_is_medium_risk():
    result = score_start_back([1, 0, 1, 1, 0, 0, 0, 0, 3])  # item 9: 3 = "very much"
    assert (result.total, result.psychosocial, result.risk) == (4, 1, "medium")


def test_start_back_items_1_and_2_only_is_low_risk():
    result = score_start_back([1, 1, 0, 0, 0, 0, 0, 0, 0])
    assert (result.total, result.risk) == (2, "low")


@pytest.mark.parametrize(("item9", "scored"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1)])
def test_start_back_item_9_scores_1_only_for_very_much_or_extremely(item9, scored):
    result = score_start_back([0] * 8 + [item9])
    assert result.item_scores[8] == scored
    assert result.total == scored


def test_start_back_total_3_is_low_even_with_a_psychosocial_subscore_of_3():
    result = score_start_back([0, 0, 0, 0, 1, 1, 1, 0, 0])
    assert (result.total, result.psychosocial, result.risk) == (3, 3, "low")


def test_start_back_total_4_with_subscore_3_is_medium_and_with_subscore_4_is_high():
    assert score_start_back([1, 0, 0, 0, 1, 1, 1, 0, 0]).risk == "medium"
    assert score_start_back([0, 0, 0, 0, 1, 1, 1, 1, 0]).risk == "high"


def test_start_back_accepts_booleans_for_the_agree_disagree_items():
    assert score_start_back([True, True] + [False] * 6 + [0]).total == 2


def test_start_back_with_any_missing_answer_is_incomplete():
    result = score_start_back([1, 1, 1, None, 1, 1, 1, 1, 4])
    assert not result.complete
    assert result.total is None and result.psychosocial is None and result.risk is None


def test_start_back_rejects_2_on_an_agree_disagree_item_and_5_on_item_9():
    with pytest.raises(ValueError, match="item 2"):
        score_start_back([0, 2, 0, 0, 0, 0, 0, 0, 0])
    with pytest.raises(ValueError, match="item 9"):
        score_start_back([0] * 8 + [5])


@given(
    st.lists(st.integers(0, 1), min_size=8, max_size=8),
    st.integers(0, 4),
)
def test_start_back_subscore_never_exceeds_total_and_risk_follows_the_rule(items, item9):
    result = score_start_back([*items, item9])
    assert 0 <= result.psychosocial <= result.total <= 9
    assert result.psychosocial <= 5
    expected = "low" if result.total <= 3 else ("medium" if result.psychosocial <= 3 else "high")
    assert result.risk == expected


# --- ODI -------------------------------------------------------------------------------------

SIXTEEN_IN_TEN = [2, 2, 2, 2, 2, 2, 2, 1, 1, 0]


def test_odi_16_points_with_all_10_sections_is_32_percent():
    result = score_odi(SIXTEEN_IN_TEN, version="2.1a")
    assert result.raw_sum == 16
    assert result.answered == 10
    assert result.percent == 32.0
    assert result.band == "moderate"
    assert result.reportable


def test_odi_16_points_with_9_sections_answered_is_35_6_percent():
    result = score_odi([2, 2, 2, 2, 2, 2, 2, 1, 1, None], version="2.1a")
    assert result.percent == 35.6
    assert result.missing_sections == ("Travelling",)


def test_odi_two_missing_sections_is_still_reported():
    result = score_odi([5, 5, 5, 5, 5, 5, 5, 5, None, None], version="1.0")
    assert result.percent == 100.0
    assert result.band == "bed_bound"


def test_odi_more_than_two_missing_sections_is_not_reported():
    result = score_odi([3, 3, 3, 3, 3, 3, 3, None, None, None], version="2.1a")
    assert not result.reportable
    assert result.percent is None and result.band is None
    assert result.missing_sections == ("Sex life", "Social life", "Travelling")


def test_odi_keeps_the_version_and_the_modified_version_names_section_8_differently():
    assert score_odi(SIXTEEN_IN_TEN, version="modified").version == "modified"
    assert odi_sections("modified")[7] == "Employment / homemaking"
    assert odi_sections("2.1a") == ODI_SECTIONS
    assert len(ODI_SECTIONS) == len(ODI_SECTIONS_MODIFIED) == 10


def test_odi_rejects_an_unknown_version():
    with pytest.raises(ValueError, match="ODI version"):
        score_odi(SIXTEEN_IN_TEN, version="2.0")


def test_odi_rejects_a_section_score_above_5_or_the_wrong_number_of_sections():
    with pytest.raises(ValueError, match="section 3"):
        score_odi([0, 0, 6, 0, 0, 0, 0, 0, 0, 0], version="2.1a")
    with pytest.raises(ValueError, match="10 sections"):
        score_odi([0] * 9, version="2.1a")


@pytest.mark.parametrize(
    ("percent", "band", "label"),
    [
        (0, "minimal", "minimal disability"),
        (20, "minimal", "minimal disability"),
        (20.5, "moderate", "moderate disability"),
        (21, "moderate", "moderate disability"),
        (40, "moderate", "moderate disability"),
        (41, "severe", "severe disability"),
        (60, "severe", "severe disability"),
        (61, "very_severe", "very severe / disabling"),
        (80, "very_severe", "very severe / disabling"),
        (81, "bed_bound", "bed-bound or exaggerating symptoms"),
        (100, "bed_bound", "bed-bound or exaggerating symptoms"),
    ],
)
def test_odi_bands_follow_the_developers_ranges(percent, band, label):
    assert odi_band(percent) == (band, label)


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=10, max_size=10))
def test_odi_percent_is_always_within_0_to_100_when_reportable(sections):
    result = score_odi(sections, version="2.1a")
    missing = sections.count(None)
    assert result.reportable == (missing <= 2)
    if result.reportable:
        assert 0 <= result.percent <= 100
        assert result.band is not None
    else:
        assert result.percent is None


# --- Meaningful change -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "baseline", "follow_up", "direction"),
    [
        # NPRS: 2 points or 30 %
        ("nprs", 8, 6, "improved"),  # 2 points
        ("nprs", 8, 7, "no meaningful change"),  # 1 point, 12.5 %
        ("nprs", 3, 2, "improved"),  # 1 point but 33 %
        ("nprs", 6, 8, "worse"),
        ("nprs", 7, 7, "no meaningful change"),
        # RMDQ: 5 points or 30 %
        ("rmdq", 20, 15, "improved"),  # 5 points, 25 %
        ("rmdq", 20, 16, "no meaningful change"),  # 4 points, 20 %
        ("rmdq", 10, 7, "improved"),  # 3 points, exactly 30 %
        ("rmdq", 10, 14, "worse"),
        # ODI: 10 points or 30 %
        ("odi", 60, 50, "improved"),  # 10 points, 16.7 %
        ("odi", 60, 51, "no meaningful change"),
        ("odi", 20.0, 14.0, "improved"),  # 6 points, exactly 30 %
        ("odi", 35.6, 46.0, "worse"),
        # PSFS: 2 points on the average, higher is better
        ("psfs", 3.0, 5.0, "improved"),
        ("psfs", 3.0, 4.7, "no meaningful change"),
        ("psfs", 7.3, 5.3, "worse"),
        ("psfs", 6, 4.1, "no meaningful change"),  # 1.9 points, 31.7 %: no percent rule
        # SBI: 30 % (clinic rule)
        ("sbi", 10, 7, "improved"),
        ("sbi", 10, 8, "no meaningful change"),
        ("sbi", 10, 13, "worse"),
    ],
)
def test_meaningful_change_applies_each_measures_rule_in_both_directions(
    measure, baseline, follow_up, direction
):
    result = meaningful_change(measure, baseline, follow_up)
    assert result.direction == direction
    assert result.meaningful == (direction != "no meaningful change")


def test_meaningful_change_points_and_percent_are_positive_when_better():
    nprs = meaningful_change("nprs", 8, 5)
    assert (nprs.points, nprs.percent) == (3.0, 37.5)
    psfs = meaningful_change("psfs", 4, 7)
    assert (psfs.points, psfs.percent) == (3.0, 75.0)
    worse = meaningful_change("rmdq", 12, 16)
    assert (worse.points, worse.percent) == (-4.0, -33.3)


def test_meaningful_change_from_a_baseline_of_0_does_not_divide_by_zero():
    nprs = meaningful_change("nprs", 0, 1)
    assert nprs.percent is None
    assert nprs.direction == "no meaningful change"  # 1 point, and no percent rule at 0
    assert meaningful_change("nprs", 0, 3).direction == "worse"
    assert meaningful_change("psfs", 0, 2).direction == "improved"
    assert meaningful_change("odi", 0, 0).direction == "no meaningful change"


def test_meaningful_change_any_rise_from_an_sbi_of_0_is_worse():
    result = meaningful_change("sbi", 0, 1)
    assert result.percent is None
    assert result.direction == "worse"
    assert meaningful_change("sbi", 0, 0).direction == "no meaningful change"


def test_meaningful_change_reports_the_rule_it_used():
    assert "no official" in meaningful_change("sbi", 10, 5).rule
    assert meaningful_change("rmdq", 10, 5).rule == "at least 5 points or 30 %"


def test_meaningful_change_rejects_unknown_measures_and_out_of_range_scores():
    with pytest.raises(ValueError, match="Unknown measure"):
        meaningful_change("promis", 50, 40)
    with pytest.raises(ValueError, match="NPRS follow-up"):
        meaningful_change("nprs", 5, 11)
    with pytest.raises(ValueError, match="RMDQ baseline"):
        meaningful_change("rmdq", -1, 3)


@given(
    st.sampled_from(["nprs", "rmdq", "odi", "psfs", "sbi"]),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_meaningful_change_swapping_the_scores_reverses_the_direction(measure, a, b):
    there, back = meaningful_change(measure, a, b), meaningful_change(measure, b, a)
    assert there.points == -back.points
    if there.direction == "improved":
        assert back.direction in ("worse", "no meaningful change")
    if a == b:
        assert there.direction == back.direction == "no meaningful change"


def test_trend_chart_dates_read_like_the_rest_of_the_app():
    from datetime import date

    from clinic.measures import Trend, TrendPoint

    def trend(*days):
        points = [TrendPoint(day=day, value=3, text="3", url="") for day in days]
        return Trend("nprs", "Back pain", 10, False, "", points).chart_data()["labels"]

    assert trend(date(2026, 8, 25), date(2026, 11, 4)) == ["25 Aug", "4 Nov"]
    assert trend(date(2025, 12, 30), date(2026, 1, 6)) == ["30 Dec 2025", "6 Jan 2026"]
