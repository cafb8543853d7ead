"""Worked examples of the follow-along timer's plan: the exact phases a dose becomes, and the
doses the builder flags because the timer cannot follow them or they go against the method."""

import pytest
from django.utils import translation

from programs.timer_plan import (
    AIS_CATEGORY,
    dose_problems,
    mode_of,
    parse_tempo,
    plan_for,
    total_seconds,
)


def ex(category="stabilisation", **extra):
    return {"name": "Test exercise", "category": category, "agonist": "", **extra}


def item(category="stabilisation", exercise=None, **dose):
    base = {"sets": 1, "reps": None, "hold_s": None, "duration_min": None, "side": "na"}
    return {**base, "tempo": "", **dose, "exercise": exercise or ex(category)}


def steps(phases):
    return [(p.kind, p.seconds, p.rep, p.side, p.set) for p in phases]


def test_hold_30s_3_reps_2_sides_10s_rest_is_this_exact_list():
    phases = plan_for(item(hold_s=30, reps=3, side="both", rest_s=10))
    one_side = lambda side: [  # noqa: E731
        ("move", 3, 1, side, 1),
        ("hold", 30, 1, side, 1),
        ("return", 3, 1, side, 1),
        ("rest", 10, 1, side, 1),
        ("move", 3, 2, side, 1),
        ("hold", 30, 2, side, 1),
        ("return", 3, 2, side, 1),
        ("rest", 10, 2, side, 1),
        ("move", 3, 3, side, 1),
        ("hold", 30, 3, side, 1),
        ("return", 3, 3, side, 1),
    ]
    assert steps(phases) == [
        ("ready", 5, 0, "Side 1 of 2", 1),
        *one_side("Side 1 of 2"),
        ("switch", 5, 0, "Side 2 of 2", 1),
        *one_side("Side 2 of 2"),
    ]
    assert [p.label for p in phases[1:5]] == [
        "Get into position",
        "Hold",
        "Release and relax",
        "Rest",
    ]
    assert phases[1].say == "Rep 1. Get into position"
    assert all(p.announce for p in phases)  # every step of a hold is long enough to hear
    assert phases[2].say == "Hold for 30 seconds"
    assert total_seconds(phases) == 5 + 2 * (3 * 36 + 2 * 10) + 5
    assert dose_problems(item(hold_s=30, reps=3, side="both", rest_s=10)) == []


def test_rest_written_in_the_tempo_is_used_between_holds():
    phases = plan_for(
        item(hold_s=8, reps=2, tempo="Lift in about 2 s, hold, lower in about 3 s. Rest 10 s")
    )
    assert steps(phases)[1:] == [
        ("move", 2, 1, "", 1),
        ("hold", 8, 1, "", 1),
        ("return", 3, 1, "", 1),
        ("rest", 10, 1, "", 1),
        ("move", 2, 2, "", 1),
        ("hold", 8, 2, "", 1),
        ("return", 3, 2, "", 1),
    ]


def test_sets_are_separated_by_a_rest_of_at_least_30_seconds():
    phases = plan_for(item(hold_s=5, reps=1, sets=2))
    assert [(p.kind, p.seconds, p.set) for p in phases] == [
        ("ready", 5, 1),
        ("move", 3, 1),
        ("hold", 5, 1),
        ("return", 3, 1),
        ("rest", 30, 2),
        ("move", 3, 2),
        ("hold", 5, 2),
        ("return", 3, 2),
    ]
    assert phases[4].cue == "Set 2 of 2 next. Relax and breathe."


def test_ais_10_reps_move_assist_return_with_the_assist_capped_at_2s():
    stretch = item(
        "ais_stretch",
        reps=10,
        hold_s=2,
        side="both",
        tempo="Move in about 2 s, assist up to 2 s, return about 2 s",
        exercise=ex("ais_stretch", agonist="hip flexors"),
    )
    phases = plan_for(stretch)
    assert mode_of(stretch) == "ais"
    work = [p for p in phases if p.kind in ("move", "assist", "return")]
    assert len(work) == 10 * 3 * 2
    assert [(p.kind, p.seconds, p.rep) for p in work[:6]] == [
        ("move", 2, 1),
        ("assist", 2, 1),
        ("return", 2, 1),
        ("move", 2, 2),
        ("assist", 2, 2),
        ("return", 2, 2),
    ]
    assert work[0].label == "Move into the stretch"
    assert work[0].cue == "Tighten the hip flexors to move. Breathe out."
    assert work[1].label == "Assist gently, breathe out — 2 s"
    assert [p.kind for p in phases if p.kind in ("rest", "switch")] == ["switch"]
    # Screen readers hear one line a repetition, not one every 2 seconds.
    assert [p.kind for p in phases if p.announce] == ["ready"] + ["move"] * 10 + ["switch"] + [
        "move"
    ] * 10
    assert total_seconds(phases) == 5 + 2 * 10 * 6 + 5
    assert dose_problems(stretch) == []


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_an_ais_cue_in_another_language_names_no_english_muscle(language):
    """The muscle a stretch contracts is stored in English only: a Spanish or Portuguese
    patient hears the general cue in their language, never "Apriete los hip flexors"."""
    stretch = item("ais_stretch", reps=10, exercise=ex("ais_stretch", agonist="hip flexors"))
    with translation.override(language):
        move = plan_for(stretch)[1]
        general = translation.gettext("Use your own muscles to move. Breathe out.")
    assert move.kind == "move"
    assert move.cue == general
    assert "hip flexors" not in move.cue
    assert general != "Use your own muscles to move. Breathe out."


def test_ais_prescribed_as_30_second_holds_is_flagged_and_the_timer_still_assists_2s():
    stretch = item("ais_stretch", reps=10, hold_s=30)
    assert {p.seconds for p in plan_for(stretch) if p.kind == "assist"} == {2}
    (problem,) = dose_problems(stretch)
    assert "a 30-second hold goes against the method" in problem
    assert "2-second assist" in problem


def test_ais_one_second_assist_is_kept_and_a_long_tempo_assist_is_flagged():
    assert {
        p.seconds for p in plan_for(item("ais_stretch", reps=2, hold_s=1)) if p.kind == "assist"
    } == {1}
    stretch = item("ais_stretch", reps=2, tempo="assist 5 s")
    assert {p.seconds for p in plan_for(stretch) if p.kind == "assist"} == {2}
    assert "5-second assist" in dose_problems(stretch)[0]


def test_ais_without_reps_or_in_minutes_is_flagged():
    problems = dose_problems(item("ais_stretch", duration_min=5))
    assert any("not minutes" in p for p in problems)
    assert "No repetitions given: the timer runs 10." in problems
    assert len([p for p in plan_for(item("ais_stretch")) if p.kind == "assist"]) == 10


def test_tempo_3s_each_way():
    phases = plan_for(item(reps=2, tempo="About 3 s each way, no pause at the ends"))
    assert [(p.kind, p.seconds, p.rep, p.label) for p in phases[1:]] == [
        ("move", 3, 1, "Move — 3 s"),
        ("return", 3, 1, "Return — 3 s"),
        ("move", 3, 2, "Move — 3 s"),
        ("return", 3, 2, "Return — 3 s"),
    ]
    assert [p.announce for p in phases[1:]] == [True, False, True, False]  # once a repetition


@pytest.mark.parametrize(
    "tempo, out_s, back_s",
    [
        ("About 3 s down, 2 s up", 3, 2),
        ("About 2 s up, a short pause, 2 s down", 2, 2),
        ("Slow and smooth: about 2 s each way", 2, 2),
        ("", None, None),
        ("Breathe out as you lift", None, None),
    ],
)
def test_tempo_wordings(tempo, out_s, back_s):
    parsed = parse_tempo(tempo)
    assert (parsed.out_s, parsed.back_s, parsed.unreadable) == (out_s, back_s, False)


def test_no_tempo_means_2s_each_way():
    assert [p.seconds for p in plan_for(item(reps=1))] == [5, 2, 2]


def test_alternate_sides_run_each_rep_right_then_left():
    phases = plan_for(item(reps=2, side="alternate"))
    assert [(p.rep, p.side) for p in phases if p.kind == "move"] == [
        (1, "Right"),
        (1, "Left"),
        (2, "Right"),
        (2, "Left"),
    ]


def test_a_15_minute_walk_is_one_15_00_phase():
    walk = item("aerobic", duration_min=15, side="both")
    phases = plan_for(walk)
    assert steps(phases) == [("ready", 5, 0, "", 1), ("work", 900, 0, "", 1)]
    assert phases[1].label == "Keep going"
    assert mode_of(walk) == "duration"
    assert dose_problems(walk) == []


def test_only_the_exercise_itself_is_work_that_a_skip_leaves_undone():
    """The timer ticks an exercise done only when no work phase was skipped: a skipped hold,
    repetition or walk is not done; a skipped countdown, rest or switch of sides is."""
    holds = plan_for(item(hold_s=10, reps=2, sets=2, side="both", rest_s=5))
    work = {p.kind for p in holds if p.work}
    pauses = {p.kind for p in holds if not p.work}
    assert (work, pauses) == ({"move", "hold", "return"}, {"ready", "rest", "switch"})
    assert [p.work for p in plan_for(item(AIS_CATEGORY, reps=1))] == [False, True, True, True]
    assert [p.work for p in plan_for(item("aerobic", duration_min=15))] == [False, True]
    # The page's timer reads it from the plan it is given.
    assert [p.as_dict()["work"] for p in holds] == [p.work for p in holds]


def test_doses_the_timer_cannot_follow_are_flagged():
    assert "timer cannot time this" in dose_problems(item())[0]
    assert "follows the 10 minutes only" in dose_problems(item(duration_min=10, reps=5))[0]
    unreadable = dose_problems(item(reps=5, tempo="1 s up, 2 s across, 3 s down"))
    assert "cannot read the times in the tempo" in unreadable[0]
    assert "cannot read" in dose_problems(item(reps=5, tempo="40 s each way"))[0]
    clash = dose_problems(item(reps=3, hold_s=10, tempo="hold 20 s"))
    assert clash == ["The tempo says hold 20 s but the dose says 10 s: the timer holds 10 s."]


def test_a_program_item_row_reads_like_a_snapshot(db):
    from tests.factories import ProgramItemFactory

    row = ProgramItemFactory(reps=10, hold_s=30)
    row.exercise.category = "ais_stretch"
    assert "goes against the method" in dose_problems(row)[0]
    assert [p.kind for p in plan_for(row)][:4] == ["ready", "move", "assist", "return"]
