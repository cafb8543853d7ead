"""Building blocks the exercises share: tempo and evidence wording, doses, rules and poses.

Names starting with an underscore are for the exercise modules of this package only.
"""

from __future__ import annotations

AIS_TEMPO = "Move in about 2 s, assist up to 2 s, return about 2 s"
AIS_EVIDENCE = (
    "Active Isolated Stretching is a coaching method with little trial evidence of its own. "
    "Stretching in general modestly improves range of movement, and exercise is a recommended "
    "part of care for low-back pain."
)
EXERCISE_EVIDENCE = (
    "Exercise, including this kind of strengthening and control work, is a recommended part of "
    "care for low-back pain. Which exercise suits whom is a clinical judgement."
)
BREATHE_STRETCH = "Breathe out as you move into the stretch, and breathe in as you come back."
BREATHE_HOLD = "Keep breathing normally the whole time. Do not hold your breath."


# The keys of an exercise's `dose`: the dose the library suggests for it.
DOSE_KEYS = ("sets", "reps", "hold_s", "rest_s", "duration_min", "times_per_day", "days_per_week")


def dose(
    *,
    sets: int = 1,
    reps: int | None = None,
    hold_s: int | None = None,
    rest_s: int | None = None,
    duration_min: int | None = None,
    times_per_day: int = 1,
    days_per_week: int = 7,
) -> dict:
    return {
        "sets": sets,
        "reps": reps,
        "hold_s": hold_s,
        "rest_s": rest_s,
        "duration_min": duration_min,
        "times_per_day": times_per_day,
        "days_per_week": days_per_week,
    }


def ais_dose(reps: int = 10, sets: int = 1) -> dict:
    return dose(sets=sets, reps=reps, hold_s=2, rest_s=0)


def when_easy(change: str) -> str:
    """A tip that progresses the therapist's dose instead of stating one of its own: the handout
    and portal print the prescribed dose beside it, and the two must never disagree."""
    return f"When this feels easy for a week, {change}. Check with your therapist first."


def c(tag: str, action: str, note: str) -> dict:
    return {"tag": tag, "action": action, "note": note}


# Rules that apply the same way to a whole group of exercises.
SURGERY = c(
    "recent_spinal_surgery",
    "approval",
    "Follow the surgeon's plan. Your clinician must approve this exercise first.",
)
_ANTICOAG = c(
    "anticoagulant",
    "caution",
    "Use only a very light pull with the rope or hands at the end of the movement.",
)
_HYPERMOBILE = c(
    "hypermobility",
    "caution",
    "Use a smaller range. Stop at the first gentle stretch and skip the extra assist.",
)
PREG_SUPINE = c(
    "pregnancy",
    "caution",
    "After about 16 weeks, keep time on your back short, or use a side-lying or seated version.",
)


def ais(*specific: dict) -> list[dict]:
    return [*specific, _ANTICOAG, _HYPERMOBILE, SURGERY]


# --- figure building blocks (plain dicts; see programs.figures) -------------------------------

SUPINE = {"trunk": 180, "r_shoulder_abd": 12, "l_shoulder_abd": 12}
HOOK_L = {"l_hip": 45, "l_knee": 90}
HOOK_R = {"r_hip": 45, "r_knee": 90}
ROPE_HANDS = {
    "r_hand": {"reach": "r_arch", "frac": 0.9},
    "l_hand": {"reach": "r_arch", "frac": 0.9},
}
HANDS_BEHIND_R_THIGH = {
    "r_hand": {"at": "r_thigh_back", "off": [0, 0, 4]},
    "l_hand": {"at": "r_thigh_back", "off": [0, 0, -4]},
}
SIT = {"r_hip": 90, "l_hip": 90, "r_knee": 90, "l_knee": 90}
SIDE_LYING_R_DOWN = {"trunk": 180, "roll": 90}  # on the right side, facing the viewer
# lying on the right side seen from above, bottom knee hugged in, head on the lower arm
SIDE_LYING_HUG = {
    **SIDE_LYING_R_DOWN,
    "r_hip": 105,
    "r_knee": 115,
    "r_hand": {"at": "r_shin_front", "off": [0, 0, 0]},
}
QUAD = {
    "trunk": 0,
    "r_hip": 90,
    "l_hip": 90,
    "r_knee": 90,
    "l_knee": 90,
    "r_shoulder": 90,
    "l_shoulder": 90,
    "r_ankle": -30,
    "l_ankle": -30,
}
STAND = {"r_elbow": 10, "l_elbow": 10}
