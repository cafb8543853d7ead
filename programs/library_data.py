"""The clinic's 36-exercise library (CLINICAL §5.3) as plain data, written for patients.

Pure Python, no Django: `load_library` and the tests read it directly. Every exercise has the
same keys (see the module docstring of `programs.figures` for the `figure` pose format).

Wording rules: second person, short sentences, any technical word explained in brackets.
Contraindication actions follow CLINICAL §4.2: "hide" where the reference says hide, avoid or
do not; "approval" where it asks for clinician approval; "caution" where it says modify, reduce
the range or prefer an alternative. The universal stop rules of §5.2 are added by the app, so
`stop_rules` here are only the exercise's own.
"""

from __future__ import annotations

LIBRARY_VERSION = "2026.11.2"

CATEGORY_LABELS = {
    "ais_stretch": "Active Isolated Stretch",
    "stabilisation": "Core and hip strength (stabilisation)",
    "mobility": "Gentle spine movement (mobility)",
    "neural": "Nerve gliding",
    "mckenzie": "Directional back exercise (McKenzie-style)",
    "functional": "Everyday movement practice",
    "aquatic": "Pool exercise",
    "aerobic": "Walking and fitness",
}

JOINT_LABELS = {
    "lumbar": "Low back (lumbar spine)",
    "iliolumbar": "Where the low back meets the pelvis (iliolumbar)",
    "sacroiliac": "Back of the pelvis (sacroiliac joint)",
    "hip": "Hip",
}

EQUIPMENT_LABELS = {
    "rope": "Stretching rope or yoga strap, 8–10 ft (2.5–3 m) long",
    "chair": "Firm chair",
    "mat": "Exercise mat or carpet",
    "wall": "Wall",
    "pool": "Swimming pool",
    "band": "Resistance band",
    "dowel": "Broomstick or dowel",
}

PRECAUTION_TAGS = (
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
)
ACTIONS = ("hide", "approval", "caution")

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


def _dose(
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


def _ais_dose(reps: int = 10, sets: int = 1) -> dict:
    return _dose(sets=sets, reps=reps, hold_s=2, rest_s=0)


def _c(tag: str, action: str, note: str) -> dict:
    return {"tag": tag, "action": action, "note": note}


# Rules that apply the same way to a whole group (CLINICAL §4.2).
_SURGERY = _c(
    "recent_spinal_surgery",
    "approval",
    "Follow the surgeon's plan. Your clinician must approve this exercise first.",
)
_ANTICOAG = _c(
    "anticoagulant",
    "caution",
    "Use only a very light pull with the rope or hands at the end of the movement.",
)
_HYPERMOBILE = _c(
    "hypermobility",
    "caution",
    "Use a smaller range. Stop at the first gentle stretch and skip the extra assist.",
)
_PREG_SUPINE = _c(
    "pregnancy",
    "caution",
    "After about 16 weeks, keep time on your back short, or use a side-lying or seated version.",
)


def _ais(*specific: dict) -> list[dict]:
    return [*specific, _ANTICOAG, _HYPERMOBILE, _SURGERY]


# --- figure building blocks (plain dicts; see programs.figures) -------------------------------

_SUPINE = {"trunk": 180, "r_shoulder_abd": 12, "l_shoulder_abd": 12}
_HOOK_L = {"l_hip": 45, "l_knee": 90}
_HOOK_R = {"r_hip": 45, "r_knee": 90}
_ROPE_HANDS = {
    "r_hand": {"reach": "r_arch", "frac": 0.9},
    "l_hand": {"reach": "r_arch", "frac": 0.9},
}
_HANDS_BEHIND_R_THIGH = {
    "r_hand": {"at": "r_thigh_back", "off": [0, 0, 4]},
    "l_hand": {"at": "r_thigh_back", "off": [0, 0, -4]},
}
_SIT = {"r_hip": 90, "l_hip": 90, "r_knee": 90, "l_knee": 90}
_SIDE_LYING_R_DOWN = {"trunk": 180, "roll": 90}  # on the right side, facing the viewer
# lying on the right side seen from above, bottom knee hugged in, head on the lower arm
_SIDE_LYING_HUG = {
    **_SIDE_LYING_R_DOWN,
    "r_hip": 105,
    "r_knee": 115,
    "r_hand": {"at": "r_shin_front", "off": [0, 0, 0]},
}
_QUAD = {
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
_STAND = {"r_elbow": 10, "l_elbow": 10}


EXERCISES: list[dict] = [
    # ------------------------------------------------------------------ A. AIS stretches
    {
        "number": 1,
        "slug": "ais-bent-knee-hamstring",
        "name": "AIS bent-knee hamstring stretch",
        "category": "ais_stretch",
        "summary": "Stretches the upper part of the muscles at the back of your thigh and your "
        "buttock, starting with the knee bent.",
        "target_muscles": ["hamstrings", "gluteus maximus"],
        "joints": ["hip", "lumbar"],
        "equipment": ["mat"],
        "start_position": "Lie on your back on a mat. Bend your other knee with that foot flat "
        "on the floor, or keep that leg straight if it feels better. Lift the leg you are "
        "stretching so your hip is bent to about a right angle, and hold the back of that "
        "thigh with both hands.",
        "steps": [
            "Tighten the muscles at the front of your thigh (quadriceps) to straighten your knee "
            "toward the ceiling.",
            "When it will not go further on its own, pull gently with your hands for up to "
            "2 seconds while you breathe out.",
            "Bend your knee back down and let the leg relax completely.",
            "Repeat. Each time you may get a little further.",
        ],
        "agonist": "front of the thigh (quadriceps)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep your head and low back resting on the floor.",
            "Aim for a light stretch, never pain.",
            "You can loop a rope around your foot instead of using your hands.",
        ],
        "stop_rules": ["Stop if you feel tingling or pins and needles below the knee."],
        "contraindications": _ais(
            _c(
                "acute_radicular",
                "caution",
                "Stay short of any leg tingling, or do the nerve slider lying on your back "
                "instead.",
            ),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hip bent no more than a right angle (90°).",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "With sciatica, keep the range short of leg symptoms or swap for the "
        "supine nerve slider (#30). After a posterior hip replacement keep hip flexion at or "
        "below 90°.",
        "progressions": ["ais-straight-leg-hamstring"],
        "regressions": ["supine-sciatic-nerve-slider"],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat"],
            "start": {**_SUPINE, **_HOOK_L, **_HANDS_BEHIND_R_THIGH, "r_hip": 90, "r_knee": 90},
            "end": {**_SUPINE, **_HOOK_L, **_HANDS_BEHIND_R_THIGH, "r_hip": 90, "r_ankle": 5},
            "highlight": {"region": "hamstrings", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_knee"},
        },
    },
    {
        "number": 2,
        "slug": "ais-straight-leg-hamstring",
        "name": "AIS straight-leg hamstring stretch",
        "category": "ais_stretch",
        "summary": "Stretches the whole length of the muscles at the back of your thigh, with a "
        "rope to help at the end.",
        "target_muscles": ["hamstrings", "gastrocnemius"],
        "joints": ["hip", "lumbar"],
        "equipment": ["rope", "mat"],
        "start_position": "Lie on your back with your other knee bent and that foot flat. Loop "
        "the rope around the middle (arch) of the foot you are stretching and hold both ends. "
        "Keep that knee straight and pull your toes gently toward you.",
        "steps": [
            "Tighten the front of your thigh and raise the leg, knee straight, until it will "
            "not go higher on its own.",
            "Walk your hands up the rope and help the leg a little further for up to 2 seconds, "
            "breathing out.",
            "Lower the leg all the way to the floor and relax.",
            "Repeat.",
        ],
        "agonist": "front of the thigh and front of the hip (quadriceps and hip flexors)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep your low back relaxed on the floor.",
            "The rope only helps at the very end. Your own muscles do the lifting.",
        ],
        "stop_rules": [
            "Stop if you feel tingling, burning or pins and needles below the knee. This "
            "stretch pulls on the sciatic nerve (the large nerve down the back of the leg)."
        ],
        "contraindications": _ais(
            _c(
                "acute_radicular",
                "hide",
                "This stretch pulls on the sciatic nerve (the big nerve down the back of the "
                "leg). Use the nerve slider (#30) or the bent-knee version (#1) instead.",
            ),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Keep the leg below a right angle (90°) at the hip.",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Tensions the sciatic nerve: avoid with acute radicular pain (use "
        "#30 or #1). Keep the lumbar spine relaxed on the floor.",
        "progressions": [],
        "regressions": ["ais-bent-knee-hamstring"],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_arch", "to": ["r_hand", "l_hand"]}],
            "start": {**_SUPINE, **_HOOK_L, **_ROPE_HANDS, "r_ankle": 10},
            "end": {**_SUPINE, **_HOOK_L, **_ROPE_HANDS, "r_hip": 78, "r_ankle": 10},
            "highlight": {"region": "hamstrings", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_hip"},
        },
    },
    {
        "number": 3,
        "slug": "ais-single-knee-to-chest",
        "name": "AIS single knee-to-chest stretch",
        "category": "ais_stretch",
        "summary": "Stretches your buttock and one side of your low back by bringing one knee "
        "toward your chest.",
        "target_muscles": ["gluteus maximus", "erector spinae"],
        "joints": ["hip", "lumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with both legs straight, or with the other knee bent "
        "and that foot flat.",
        "steps": [
            "Use the muscles at the front of your hip and your stomach muscles to bring one knee "
            "up toward your chest.",
            "With your hands behind your thigh, help the knee a little closer for up to 2 "
            "seconds, breathing out. Keep your hands off the kneecap.",
            "Lower the leg back down and relax.",
            "Repeat.",
        ],
        "agonist": "front of the hip and stomach muscles (hip flexors and abdominals)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Hands go behind your thigh so there is no pressure on the kneecap.",
            "Keep the other leg relaxed.",
        ],
        "stop_rules": ["Stop if you feel a pinch deep in the front of your hip or groin."],
        "contraindications": _ais(
            _c(
                "flexion_intolerant",
                "caution",
                "Bending forward makes your pain worse: use a small range, or choose another "
                "stretch.",
            ),
            _c("osteoporosis", "caution", "Move gently and do not force the knee in."),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Bring the knee up only to a right angle (90°) at the hip.",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Flexion-biased. Limit range with flexion intolerance and "
        "osteoporosis; limit to 90° hip flexion after a posterior hip replacement.",
        "progressions": ["ais-double-knee-to-chest"],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat"],
            "start": {**_SUPINE},
            "end": {
                **_SUPINE,
                "r_hip": 118,
                "r_knee": 118,
                "r_hand": {"at": "r_knee_back", "off": [0, 0, 4]},
                "l_hand": {"at": "r_knee_back", "off": [0, 0, -4]},
            },
            "highlight": {"region": "gluteals", "side": "r"},
            "arrow": {"joint": "r_knee", "pivot": "r_hip", "gap": 14},
        },
    },
    {
        "number": 4,
        "slug": "ais-double-knee-to-chest",
        "name": "AIS double knee-to-chest stretch",
        "category": "ais_stretch",
        "summary": "Gently rounds your low back by bringing both knees toward your chest.",
        "target_muscles": ["erector spinae", "thoracolumbar fascia"],
        "joints": ["lumbar", "iliolumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with both knees bent and your feet flat on the floor.",
        "steps": [
            "Tighten your stomach and curl both knees up toward your chest. Your tailbone lifts "
            "a little off the floor.",
            "Hold behind both thighs and help a little further for up to 2 seconds, breathing out.",
            "Lower your feet to the floor one at a time and relax.",
            "Repeat.",
        ],
        "agonist": "stomach muscles and front of the hips (abdominals and hip flexors)",
        "dose": _ais_dose(reps=8),
        "per_side": False,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Start with 8 and build up to 10 if it feels fine.",
            "Lower one foot at a time to protect your back.",
        ],
        "stop_rules": ["Stop if bending forward sends pain further into your leg."],
        "contraindications": _ais(
            _c(
                "flexion_intolerant",
                "hide",
                "Bending forward makes your pain worse: do not do this one.",
            ),
            _c("osteoporosis", "hide", "End-range bending of the spine is not advised."),
            _c(
                "pregnancy",
                "hide",
                "Not advised after about 16 weeks (pressure on the bump, time on the back).",
            ),
            _c(
                "hip_replacement_posterior",
                "hide",
                "Bends the hips far past a right angle (90°).",
            ),
            _c(
                "acute_radicular",
                "caution",
                "Use a small range and stop before any leg symptoms.",
            ),
        ),
        "precaution_notes": "Suits the stenosis / extension-intolerant pattern. Avoid with "
        "flexion intolerance, osteoporosis, a disc pattern that worsens with bending, pregnancy "
        "over ~16 weeks and after a posterior hip replacement.",
        "progressions": [],
        "regressions": ["ais-single-knee-to-chest"],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg", "l_leg"],
            "props": ["mat"],
            "start": {**_SUPINE, **_HOOK_L, **_HOOK_R},
            "end": {
                **_SUPINE,
                "trunk": 194,
                "lumbar": 10,
                "thorax": 4,
                "r_hip": 118,
                "l_hip": 118,
                "r_knee": 120,
                "l_knee": 120,
                "r_hand": {"at": "r_knee_back", "off": [-2, 0, 2]},
                "l_hand": {"at": "l_knee_back", "off": [-2, 0, -2]},
            },
            "highlight": {"region": "lumbar"},
            "arrow": {"joint": "r_knee", "pivot": "pelvis", "gap": 14},
        },
    },
    {
        "number": 5,
        "slug": "ais-knee-to-opposite-shoulder",
        "name": "AIS buttock stretch: knee toward the opposite shoulder",
        "category": "ais_stretch",
        "summary": "Stretches the deep buttock muscles, including the piriformis, by bringing one "
        "knee across toward the other shoulder.",
        "target_muscles": [
            "gluteus maximus",
            "piriformis",
            "deep hip external rotators",
            "posterior hip capsule",
        ],
        "joints": ["hip", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back. Bend the hip and knee of the side you are "
        "stretching. Hold the outside of that knee with the opposite hand (or loop a rope "
        "around the knee).",
        "steps": [
            "Use your inner-thigh and front-of-hip muscles to bring the knee up toward your "
            "chest and across toward your other shoulder.",
            "Help it gently for up to 2 seconds, breathing out.",
            "Bring the knee back and relax.",
            "Repeat.",
        ],
        "agonist": "inner thigh and front of the hip (hip adductors and hip flexors)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep both shoulders and your low back on the floor.",
            "If you feel a pinch in the groin, bring the knee up less high.",
        ],
        "stop_rules": [
            "Stop if you feel a sharp pinch in the front of the hip or groin.",
            "Stop if a deep ache in the buttock turns into tingling down the leg.",
        ],
        "contraindications": _ais(
            _c(
                "hip_replacement_posterior",
                "hide",
                "Crosses the midline with the hip bent: not allowed after a posterior hip "
                "replacement.",
            ),
            _c(
                "acute_radicular",
                "caution",
                "Keep it gentle and stop if leg tingling starts.",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Hidden after a posterior hip replacement. Groin pinching suggests "
        "hip impingement: reduce the angle. Stop if deep buttock pain becomes leg paraesthesia.",
        "progressions": [],
        "regressions": ["ais-single-knee-to-chest"],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top_tilt",
            "work": ["r_leg"],
            "props": ["mat"],
            "start": {
                **_SUPINE,
                **_HOOK_L,
                "r_hip": 80,
                "r_knee": 100,
                "l_hand": {"at": "r_knee_out"},
            },
            "end": {
                **_SUPINE,
                **_HOOK_L,
                "r_hip": 110,
                "r_hip_abd": -32,
                "r_knee": 105,
                "l_hand": {"at": "r_knee_out"},
            },
            "highlight": {"region": "piriformis", "side": "r"},
            "arrow": {"joint": "r_knee", "pivot": "r_hip", "gap": 14},
        },
    },
    {
        "number": 6,
        "slug": "ais-hip-external-rotators",
        "name": "AIS hip outward-rotator stretch (piriformis)",
        "category": "ais_stretch",
        "summary": "Stretches the small deep muscles at the back of the hip, including the "
        "piriformis, by swinging the foot outward.",
        "target_muscles": ["piriformis", "gemelli", "obturators", "quadratus femoris"],
        "joints": ["hip", "sacroiliac"],
        "equipment": ["rope", "mat"],
        "start_position": "Lie on your back. Bend the hip and knee of the side you are "
        "stretching to right angles, with the thigh pointing at the ceiling. Loop the rope "
        "around that ankle. Hold both ends in the hand on the same side as the leg, outside "
        "it.",
        "steps": [
            "Keep your thigh still and swing your foot outward, away from the other leg, using "
            "the muscles that turn the hip inward.",
            "Pull gently on the rope for up to 2 seconds, breathing out.",
            "Bring the foot back to the center and relax.",
            "Repeat.",
        ],
        "agonist": "muscles that turn the hip inward (front of gluteus medius and tensor "
        "fasciae latae)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Your knee stays over your hip. Only the foot moves.",
            "You can support the thigh with your other hand.",
        ],
        "stop_rules": ["Stop if you feel pain in or around the knee."],
        "contraindications": _ais(
            _c(
                "hip_replacement_posterior",
                "hide",
                "Turns the hip inward when it is bent: not allowed after a posterior hip "
                "replacement.",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Hidden after a posterior hip replacement. Knee pain: reduce the "
        "range or support the thigh.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top_tilt",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_ankle_out", "to": "r_hand"}],
            "start": {
                **_SUPINE,
                "r_hip": 90,
                "r_knee": 90,
                "r_hand": {"at": "r_ankle_out", "off": [-22, 2, 16]},
                "l_hand": {"at": "r_knee_in"},
            },
            "end": {
                **_SUPINE,
                "r_hip": 90,
                "r_knee": 90,
                "r_hip_rot": 38,
                "r_hand": {"at": "r_ankle_out", "off": [-22, 2, 16]},
                "l_hand": {"at": "r_knee_in"},
            },
            "highlight": {"region": "piriformis", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_knee", "gap": 12},
        },
    },
    {
        "number": 7,
        "slug": "ais-hip-internal-rotators",
        "name": "AIS hip inward-rotator stretch",
        "category": "ais_stretch",
        "summary": "Stretches the muscles at the side and front of the hip by swinging the foot "
        "inward across the body.",
        "target_muscles": ["tensor fasciae latae", "gluteus medius", "gluteus minimus"],
        "joints": ["hip"],
        "equipment": ["rope", "mat"],
        "start_position": "Lie on your back with the hip and knee of the side you are stretching "
        "bent to right angles. Loop the rope around that ankle and hold the ends in the hand on "
        "the inside of the leg.",
        "steps": [
            "Keep your thigh still and swing your foot inward, across toward the other side. "
            "The deep muscles that turn the hip outward do the work.",
            "Pull gently on the rope for up to 2 seconds, breathing out.",
            "Bring the foot back to the center and relax.",
            "Repeat.",
        ],
        "agonist": "deep muscles that turn the hip outward (deep external rotators)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [BREATHE_STRETCH, "Your knee stays over your hip. Only the foot moves."],
        "stop_rules": ["Stop if you feel pain in or around the knee."],
        "contraindications": _ais(
            _c(
                "hip_replacement_anterior",
                "approval",
                "Turns the hip outward: check with your clinician first after an anterior hip "
                "replacement.",
            ),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hip bent no more than a right angle (90°).",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Needs approval after an anterior hip replacement. Knee pain: "
        "reduce the range.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top_tilt",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_ankle_in", "to": "l_hand"}],
            "start": {
                **_SUPINE,
                "r_hip": 90,
                "r_knee": 90,
                "l_hand": {"at": "r_ankle_in", "off": [-24, 2, -18]},
                "r_hand": {"at": "r_knee_out"},
            },
            "end": {
                **_SUPINE,
                "r_hip": 90,
                "r_knee": 90,
                "r_hip_rot": -38,
                "l_hand": {"at": "r_ankle_in", "off": [-24, 2, -18]},
                "r_hand": {"at": "r_knee_out"},
            },
            "highlight": {"region": "abductors", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_knee", "gap": 12},
        },
    },
    {
        "number": 8,
        "slug": "ais-hip-adductors",
        "name": "AIS inner-thigh (adductor) stretch",
        "category": "ais_stretch",
        "summary": "Stretches the inner-thigh muscles by moving the straight leg out to the side.",
        "target_muscles": [
            "adductor longus",
            "adductor brevis",
            "adductor magnus",
            "gracilis",
        ],
        "joints": ["hip"],
        "equipment": ["rope", "mat"],
        "start_position": "Lie on your back with both legs straight. Loop the rope around the "
        "foot you are stretching so it wraps around the inside of the ankle, and hold the ends "
        "in the hand on the same side. Turn that leg in slightly so the toes point a little "
        "inward.",
        "steps": [
            "Use the muscles on the outside of your hip to move the leg sideways, away from the "
            "other leg. Keep the knee straight.",
            "Pull gently on the rope for up to 2 seconds, breathing out.",
            "Bring the leg back to the middle and relax.",
            "Repeat.",
        ],
        "agonist": "outer hip (gluteus medius and gluteus minimus)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep the knee straight and the toes turned slightly in.",
            "Keep your other leg and your pelvis still.",
        ],
        "stop_rules": ["Stop if you feel pain at the front of the pelvis or in the groin."],
        "contraindications": _ais(
            _c(
                "pregnancy",
                "caution",
                "If you have pelvic or groin pain, use a small range or skip this stretch. "
                "Keep time on your back short after about 16 weeks.",
            ),
        ),
        "precaution_notes": "Pubic or groin pain (for example pregnancy-related pelvic girdle "
        "pain): small range or skip.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_ankle_in", "to": "r_hand"}],
            "start": {
                **_SUPINE,
                "r_hip_rot": 10,
                "r_hand": {"at": "r_ankle_in", "off": [-38, 0, 22]},
            },
            "end": {
                **_SUPINE,
                "r_hip_rot": 10,
                "r_hip_abd": 40,
                "r_hand": {"at": "r_ankle_in", "off": [-38, 0, 22]},
            },
            "highlight": {"region": "adductors", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_hip", "gap": 12},
        },
    },
    {
        "number": 9,
        "slug": "ais-hip-abductors",
        "name": "AIS outer-hip (abductor and ITB) stretch",
        "category": "ais_stretch",
        "summary": "Stretches the muscles on the outside of the hip and thigh by moving the "
        "straight leg across the body.",
        "target_muscles": [
            "gluteus medius",
            "gluteus minimus",
            "tensor fasciae latae",
            "iliotibial band",
        ],
        "joints": ["hip"],
        "equipment": ["rope", "mat"],
        "start_position": "Lie on your back. Loop the rope around the foot you are stretching so "
        "it wraps around the outside of the ankle, and hold the ends in the opposite hand.",
        "steps": [
            "Keep the leg straight and slightly lifted, and use your inner-thigh muscles to move "
            "it across the middle of your body.",
            "Pull gently on the rope for up to 2 seconds, breathing out.",
            "Bring the leg back and relax.",
            "Repeat.",
        ],
        "agonist": "inner thigh (hip adductors)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [BREATHE_STRETCH, "Keep both hips on the floor. Do not roll onto your side."],
        "stop_rules": [],
        "contraindications": _ais(
            _c(
                "hip_replacement_posterior",
                "hide",
                "Moves the leg across the midline: not allowed after a posterior hip replacement.",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Hidden after a posterior hip replacement (adduction past the "
        "midline).",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_ankle_out", "to": "l_hand"}],
            "start": {
                **_SUPINE,
                "r_hip": 12,
                "l_hand": {"at": "r_ankle_out", "off": [-40, 0, -44]},
            },
            "end": {
                **_SUPINE,
                "r_hip": 16,
                "r_hip_abd": -24,
                "l_hand": {"at": "r_ankle_out", "off": [-40, 0, -44]},
            },
            "highlight": {"region": "abductors", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_hip", "gap": 12},
        },
    },
    {
        "number": 10,
        "slug": "ais-hip-flexors-side-lying",
        "name": "AIS hip-flexor (psoas) stretch, lying on your side",
        "category": "ais_stretch",
        "summary": "Stretches the muscles at the front of the hip by moving the top leg "
        "backward while you lie on your side.",
        "target_muscles": ["iliopsoas", "rectus femoris"],
        "joints": ["hip", "lumbar", "iliolumbar"],
        "equipment": ["mat"],
        "start_position": "Lie on the side you are not stretching, with a pillow under your "
        "head. Hug the bottom knee up toward your chest to keep your low back flat. The top "
        "leg is straight, or bent at the knee if that is easier.",
        "steps": [
            "Squeeze your buttock and the back of your thigh to move the top thigh backward. "
            "Do not arch your low back.",
            "Help gently with your hand or a rope at the ankle for up to 2 seconds, breathing out.",
            "Bring the leg back in line with your body and relax.",
            "Repeat.",
        ],
        "agonist": "buttock and back of the thigh (gluteus maximus and hamstrings)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep the bottom knee hugged in the whole time.",
            "Tuck your tailbone under a little so the stretch stays at the front of the hip.",
        ],
        "stop_rules": ["Stop if your low back pinches or aches as the leg moves back."],
        "contraindications": _ais(
            _c(
                "hip_replacement_anterior",
                "approval",
                "Moves the hip backward: check with your clinician first after an anterior hip "
                "replacement.",
            ),
            _c(
                "extension_intolerant",
                "caution",
                "Keep the pelvis tucked under and the movement small so your back does not arch.",
            ),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Do not hug the bottom knee past a right angle; use a pillow between the knees.",
            ),
        ),
        "precaution_notes": "Anterior hip replacement: approval. Extension-intolerant pattern: "
        "keep the pelvis posteriorly tilted and avoid lumbar extension.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top",
            "work": ["l_leg"],
            "props": ["mat", {"type": "pillow", "at": "head"}],
            "start": {**_SIDE_LYING_HUG, "l_hand": {"at": "pelvis", "boff": [2, 6, 14]}},
            "end": {
                **_SIDE_LYING_HUG,
                "l_hip": -28,
                "l_hand": {"at": "pelvis", "boff": [2, 6, 14]},
            },
            "highlight": {"region": "hip_flexors", "side": "l"},
            "arrow": {"joint": "l_ankle", "pivot": "l_hip", "gap": 12},
        },
    },
    {
        "number": 11,
        "slug": "ais-quadriceps-side-lying",
        "name": "AIS front-of-thigh (quadriceps) stretch, lying on your side",
        "category": "ais_stretch",
        "summary": "Stretches the muscles at the front of your thigh by bending the top knee "
        "and moving the thigh back.",
        "target_muscles": ["rectus femoris", "vastus lateralis", "vastus medialis"],
        "joints": ["hip"],
        "equipment": ["mat"],
        "start_position": "Lie on your side with a pillow under your head and the bottom knee "
        "hugged up. Reach your top hand (or a rope) toward the top ankle.",
        "steps": [
            "Use the muscles at the back of your thigh (hamstrings) to bend the top knee and "
            "bring the heel toward your buttock.",
            "Then squeeze your buttock to move the thigh slightly backward.",
            "Help with your hand or the rope for up to 2 seconds, breathing out.",
            "Return to the start and relax.",
        ],
        "agonist": "back of the thigh, then buttock (hamstrings, then gluteus maximus)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep your low back flat. Do not arch it to get the thigh further back.",
            "If you cannot reach your ankle, loop a rope around it.",
        ],
        "stop_rules": ["Stop if you feel pain in the knee. Bend it less next time."],
        "contraindications": _ais(
            _c(
                "hip_replacement_anterior",
                "approval",
                "Moves the hip backward: check with your clinician first after an anterior hip "
                "replacement.",
            ),
            _c(
                "extension_intolerant",
                "caution",
                "Skip the backward thigh movement so your back does not arch.",
            ),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Do not hug the bottom knee past a right angle; use a pillow between the knees.",
            ),
        ),
        "precaution_notes": "Knee pain or knee replacement: limit knee flexion. Avoid lumbar "
        "extension as the thigh moves back.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "top",
            "work": ["l_leg"],
            "props": ["mat", {"type": "pillow", "at": "head"}],
            "start": {
                **_SIDE_LYING_HUG,
                "l_knee": 30,
                "l_hand": {"at": "pelvis", "boff": [2, 6, 14]},
            },
            "end": {
                **_SIDE_LYING_HUG,
                "l_hip": -10,
                "l_knee": 135,
                "l_ankle": -20,
                "l_hand": {"at": "l_ankle", "off": [0, 4, 0]},
            },
            "highlight": {"region": "quadriceps", "side": "l"},
            "arrow": {"joint": "l_ankle", "pivot": "l_knee", "gap": 12},
        },
    },
    {
        "number": 12,
        "slug": "ais-seated-trunk-flexion",
        "name": "AIS seated forward bend (low-back muscles)",
        "category": "ais_stretch",
        "summary": "Stretches the long muscles along your low back by rolling your trunk down "
        "between your knees while seated.",
        "target_muscles": ["erector spinae", "multifidus", "thoracolumbar fascia"],
        "joints": ["lumbar", "iliolumbar"],
        "equipment": ["chair"],
        "start_position": "Sit on a firm chair with your feet flat and apart and your hands on "
        "your thighs.",
        "steps": [
            "Tuck your chin, tighten your stomach and roll your trunk down between your knees, "
            "one part of the spine at a time.",
            "With your hands on your shins or ankles, help a little further for up to 2 "
            "seconds, breathing out.",
            "Roll back up slowly using your back muscles, breathing in.",
            "Repeat.",
        ],
        "agonist": "stomach muscles (abdominals)",
        "dose": _ais_dose(reps=8),
        "per_side": False,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Start with 8 and build up to 10 if it feels fine.",
            "If you feel dizzy, slow down and sit up more slowly.",
        ],
        "stop_rules": ["Stop if you feel dizzy or light-headed."],
        "contraindications": _ais(
            _c("osteoporosis", "hide", "Loaded forward bending of the spine is not advised."),
            _c(
                "flexion_intolerant",
                "hide",
                "Bending forward makes your pain worse: do not do this one.",
            ),
            _c(
                "hip_replacement_posterior",
                "hide",
                "Bends the hips far past a right angle (90°).",
            ),
            _c(
                "acute_radicular",
                "caution",
                "Go only part of the way down and stop before any leg symptoms.",
            ),
        ),
        "precaution_notes": "Hidden for osteoporosis and flexion intolerance. Dizziness: slow "
        "down.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["floor", "chair"],
            "start": {
                **_SIT,
                "r_hip_abd": 14,
                "l_hip_abd": 14,
                "r_hand": {"at": "r_thigh_top"},
                "l_hand": {"at": "l_thigh_top"},
            },
            "end": {
                **_SIT,
                "r_hip_abd": 14,
                "l_hip_abd": 14,
                "trunk": 78,
                "lumbar": 44,
                "thorax": 40,
                "neck": 20,
                "r_hand": {"at": "r_ankle_out", "off": [4, 6, 0]},
                "l_hand": {"at": "l_ankle_out", "off": [4, 6, 0]},
            },
            "highlight": {"region": "back"},
            "arrow": {"joint": "head", "pivot": "pelvis", "gap": 16},
        },
    },
    {
        "number": 13,
        "slug": "ais-seated-side-bend",
        "name": "AIS seated side bend (quadratus lumborum and obliques)",
        "category": "ais_stretch",
        "summary": "Stretches the muscles along the side of your low back and waist by bending "
        "sideways while seated.",
        "target_muscles": ["quadratus lumborum", "external oblique", "internal oblique"],
        "joints": ["lumbar", "iliolumbar"],
        "equipment": ["chair"],
        "start_position": "Sit tall on a firm chair with both buttocks firmly on the seat. "
        "Rest one hand on the thigh of the side you will bend toward and the other hand on "
        "your chest.",
        "steps": [
            "Bend sideways, away from the side you are stretching, using the side muscles of "
            "the side you bend toward.",
            "Let the hand slide down your thigh and help lightly for up to 2 seconds, "
            "breathing out.",
            "Come back up to sitting tall.",
            "Repeat.",
        ],
        "agonist": "side muscles of the side you bend toward (obliques and quadratus lumborum)",
        "dose": _ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep both sitting bones down on the chair.",
            "Bend straight to the side, not forward.",
        ],
        "stop_rules": ["Stop if you feel any symptoms in your leg."],
        "contraindications": _ais(
            _c(
                "osteoporosis", "caution", "Use a small, slow side bend and do not push at the end."
            ),
        ),
        "precaution_notes": "Keep both ischial tuberosities on the seat. Stop with any leg "
        "symptoms.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "front",
            "work": ["trunk"],
            "props": ["floor", "chair"],
            "start": {
                **_SIT,
                "r_hip_abd": 10,
                "l_hip_abd": 10,
                "r_hand": {"at": "r_thigh_top", "off": [-6, 0, 8]},
                "l_hand": {"at": "chest", "coff": [12, -20, -6]},
                "l_arm_pole": [0, -1, 0.3],
            },
            "end": {
                **_SIT,
                "r_hip_abd": 10,
                "l_hip_abd": 10,
                "side_bend": 34,
                "r_hand": {"at": "r_knee_out", "off": [-6, 0, 0]},
                "l_hand": {"at": "chest", "coff": [12, -20, -6]},
                "l_arm_pole": [0, -1, 0.3],
            },
            "highlight": {"region": "trunk_side", "side": "l"},
            "arrow": {"joint": "head", "pivot": "pelvis", "gap": 16},
        },
    },
    {
        "number": 14,
        "slug": "ais-seated-trunk-rotation",
        "name": "AIS seated trunk rotation",
        "category": "ais_stretch",
        "summary": "Stretches the muscles that turn your trunk by twisting gently while seated.",
        "target_muscles": ["external oblique", "internal oblique", "multifidus", "rotatores"],
        "joints": ["lumbar"],
        "equipment": ["chair"],
        "start_position": "Sit tall on a firm chair with your feet flat and your arms crossed "
        "over your chest.",
        "steps": [
            "Turn your trunk to one side using your side stomach muscles (obliques). Keep your "
            "hips and knees facing forward.",
            "Reach a hand back to the chair back and help a little further for up to 2 "
            "seconds, breathing out.",
            "Turn back to the front.",
            "Repeat.",
        ],
        "agonist": "side stomach muscles (obliques)",
        "dose": _ais_dose(reps=8),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Start with 8 and build up to 10 if it feels fine.",
            "Sit tall: turn around your spine as if it were a pole.",
        ],
        "stop_rules": ["Stop if the twist gives you a sharp pain in the back."],
        "contraindications": _ais(
            _c("osteoporosis", "hide", "End-range twisting of the spine is not advised."),
            _c(
                "acute_radicular",
                "caution",
                "With a recent disc problem, keep the turn small.",
            ),
        ),
        "precaution_notes": "Hidden for osteoporosis (end-range rotation). Acute disc pain: "
        "small range.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "camera": {"az": 40, "el": 60},
            "work": ["trunk"],
            "props": ["floor", "chair"],
            "start": {
                **_SIT,
                "r_hand": {"at": "l_shoulder", "coff": [10, -6, 0]},
                "l_hand": {"at": "r_shoulder", "coff": [10, -10, 0]},
                "r_arm_pole": [0.2, -1, 0.5],
                "l_arm_pole": [0.2, -1, 0.5],
            },
            "end": {
                **_SIT,
                "twist": 55,
                "neck": 5,
                "r_hand": {"at": "pelvis", "off": [-24, 44, 18]},
                "l_hand": {"at": "r_shoulder", "coff": [10, -10, 0]},
                "r_arm_pole": [-0.5, -1, 0.5],
                "l_arm_pole": [0.2, -1, 0.5],
            },
            "highlight": {"region": "obliques", "side": "l"},
            "arrow": {"joint": "l_shoulder", "pivot": "chest", "gap": 18},
        },
    },
    {
        "number": 15,
        "slug": "ais-calf",
        "name": "AIS calf stretch (gastrocnemius and soleus)",
        "category": "ais_stretch",
        "summary": "Stretches your calf by pulling the foot up toward the shin, with a rope to "
        "help at the end.",
        "target_muscles": ["gastrocnemius", "soleus"],
        "joints": [],
        "equipment": ["rope", "mat"],
        "start_position": "Lie on your back (or sit) with the rope looped around the ball of "
        "your foot. The leg you are stretching rests straight on the floor.",
        "steps": [
            "Use the muscles at the front of your shin to pull your toes and foot up toward the "
            "shin.",
            "Pull gently on the rope for up to 2 seconds, breathing out.",
            "Point your foot away to relax.",
            "Do one set with the knee straight, then one with the knee slightly bent to reach "
            "the deeper calf muscle (soleus).",
        ],
        "agonist": "front of the shin (tibialis anterior)",
        "dose": _ais_dose(sets=2),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "One set with the knee straight, one set with the knee slightly bent.",
        ],
        "stop_rules": [
            "Do not do this if your calf is newly painful, swollen, warm or red. That can be a "
            "blood clot: get medical advice the same day.",
        ],
        "contraindications": _ais(
            _c(
                "acute_radicular",
                "caution",
                "Keep the leg flat on the floor or the knee bent; pulling the foot up with the "
                "leg raised stretches the nerve.",
            ),
            _PREG_SUPINE,
        ),
        "precaution_notes": "Suspected DVT (calf pain with swelling): do not stretch; follow "
        "the emergency advice (§2).",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_ball", "to": ["r_hand", "l_hand"]}],
            "start": {
                **_SUPINE,
                **_HOOK_L,
                "r_hip": 14,
                "r_ankle": -25,
                "r_hand": {"reach": "r_ball", "frac": 0.85},
                "l_hand": {"reach": "r_ball", "frac": 0.85},
            },
            "end": {
                **_SUPINE,
                **_HOOK_L,
                "r_hip": 14,
                "r_ankle": 22,
                "r_hand": {"reach": "r_ball", "frac": 0.85},
                "l_hand": {"reach": "r_ball", "frac": 0.85},
            },
            "highlight": {"region": "calf", "side": "r"},
            "arrow": {"joint": "r_toe", "pivot": "r_ankle", "gap": 8},
        },
    },
    # ------------------------------------------------ B. Corrective / stabilisation exercises
    {
        "number": 16,
        "slug": "abdominal-brace",
        "name": "Abdominal brace (drawing in)",
        "category": "stabilisation",
        "summary": "Teaches the deep stomach muscles that support your low back to switch on "
        "gently.",
        "target_muscles": ["transversus abdominis", "internal oblique", "pelvic floor"],
        "joints": ["lumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with your knees bent and your feet flat. Rest your "
        "hands on your lower belly.",
        "steps": [
            "Breathe normally.",
            "Gently draw your lower belly in, or firm up your trunk as if someone were about to "
            "nudge you. Use only about a quarter of your full effort.",
            "Hold for 10 seconds while you keep breathing.",
            "Let go and rest.",
        ],
        "agonist": "",
        "dose": _dose(reps=10, hold_s=10),
        "per_side": False,
        "tempo": "",
        "cues": [
            BREATHE_HOLD,
            "Gentle effort: you should still be able to talk.",
            "Later you can practice it sitting, standing and while you move.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c("cardiovascular", "caution", "Keep breathing all the time; never hold your breath."),
            _c(
                "pregnancy",
                "caution",
                "After about 16 weeks, practice it lying on your side, sitting or on hands and "
                "knees.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Low-load motor control. No Valsalva.",
        "progressions": ["heel-slides", "posterior-pelvic-tilt"],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["mat"],
            "start": {
                **_SUPINE,
                **_HOOK_L,
                **_HOOK_R,
                "belly": 6,
                "r_hand": {"at": "navel", "off": [4, 2, 4]},
                "l_hand": {"at": "navel", "off": [-4, 2, -4]},
            },
            "end": {
                **_SUPINE,
                **_HOOK_L,
                **_HOOK_R,
                "belly": 0,
                "r_hand": {"at": "navel", "off": [4, 2, 4]},
                "l_hand": {"at": "navel", "off": [-4, 2, -4]},
            },
            "highlight": {"region": "abdominals"},
            "arrow": {"joint": "navel", "dir": [0, 1], "off": [6, -28], "min_len": 16},
        },
    },
    {
        "number": 17,
        "slug": "posterior-pelvic-tilt",
        "name": "Pelvic tilt, lying on your back",
        "category": "stabilisation",
        "summary": "Gently flattens your low back to the floor by tilting the pelvis, using "
        "your stomach and buttock muscles.",
        "target_muscles": ["rectus abdominis", "transversus abdominis", "gluteus maximus"],
        "joints": ["lumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with your knees bent and your feet flat on the floor.",
        "steps": [
            "Breathe out and tilt your pelvis so your pubic bone moves up toward your ribs. "
            "Your low back flattens onto the floor.",
            "Hold for 3 seconds.",
            "Let the pelvis return to its natural position.",
        ],
        "agonist": "",
        "dose": _dose(reps=10, hold_s=3),
        "per_side": False,
        "tempo": "Tilt in about 2 s, hold 3 s, release in about 2 s",
        "cues": [
            "Breathe out as you tilt, and breathe in as you let go.",
            "Small, smooth movement, only as far as it is comfortable.",
            "Build up to 15 repetitions and 5-second holds.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "pregnancy",
                "caution",
                "After about 16 weeks, do the tilt standing against a wall or on hands and knees.",
            ),
            _c(
                "flexion_intolerant",
                "caution",
                "Keep the tilt small; it rounds the low back a little.",
            ),
            _c(
                "cardiovascular", "caution", "Breathe out during the tilt; do not hold your breath."
            ),
            _SURGERY,
        ],
        "precaution_notes": "Pain-free range only. Progress to sitting or standing against a wall.",
        "progressions": ["glute-bridge"],
        "regressions": ["abdominal-brace"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["mat"],
            "plant": ["r_foot", "l_foot"],
            "start": {**_SUPINE, **_HOOK_L, **_HOOK_R, "trunk": 178, "arch": 7},
            "end": {**_SUPINE, **_HOOK_L, **_HOOK_R, "trunk": 182, "arch": -1},
            "highlight": {"region": "abdominals"},
            "arrow": {"joint": "low_back", "dir": [0, 1], "off": [0, -34], "min_len": 16},
        },
    },
    {
        "number": 18,
        "slug": "glute-bridge",
        "name": "Glute bridge",
        "category": "stabilisation",
        "summary": "Strengthens your buttock muscles and the muscles that steady your low back "
        "and pelvis.",
        "target_muscles": ["gluteus maximus", "hamstrings", "multifidus"],
        "joints": ["hip", "lumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with your knees bent, feet flat and hip-width "
        "apart, and arms by your sides.",
        "steps": [
            "Tighten your stomach gently, as in the abdominal brace.",
            "Press through your heels and lift your hips until your shoulders, hips and knees "
            "make a straight line. Do not arch your back.",
            "Hold for 3 seconds.",
            "Lower slowly.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=10, hold_s=3, rest_s=30, days_per_week=4),
        "per_side": False,
        "tempo": "Lift in about 2 s, hold 3 s, lower in about 3 s",
        "cues": [
            "Breathe out as you lift, and breathe in as you lower.",
            "Start every other day. Move to daily when it is easy.",
            "If the back of your thigh cramps, move your feet a little closer to your bottom.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "pregnancy",
                "caution",
                "After about 16 weeks, keep the time on your back short.",
            ),
            _c("cardiovascular", "caution", "Breathe out as you lift; do not hold your breath."),
            _SURGERY,
        ],
        "precaution_notes": "Progressions: band around the knees, marching in the bridge, "
        "single-leg bridge (#19).",
        "progressions": ["single-leg-bridge"],
        "regressions": ["posterior-pelvic-tilt"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg", "l_leg"],
            "props": ["mat"],
            "plant": ["r_foot", "l_foot", "r_hand", "l_hand"],
            "start": {**_SUPINE, **_HOOK_L, **_HOOK_R},
            "end": {**_SUPINE, **_HOOK_L, **_HOOK_R, "root": [8, 0], "trunk": 208, "neck": 26},
            "highlight": {"region": "gluteals", "side": "r"},
            "arrow": {"joint": "pelvis", "dir": [0, -1], "off": [0, -36], "min_len": 18},
        },
    },
    {
        "number": 19,
        "slug": "single-leg-bridge",
        "name": "Single-leg bridge",
        "category": "stabilisation",
        "summary": "A harder bridge on one leg that also trains you to keep the pelvis level.",
        "target_muscles": ["gluteus maximus", "hamstrings", "gluteus medius", "multifidus"],
        "joints": ["hip", "lumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back as for the bridge. Straighten one knee so that both "
        "thighs stay level with each other.",
        "steps": [
            "Tighten your stomach gently.",
            "Press through the heel of the bent leg and lift your hips. Keep the pelvis level, "
            "not dipping to one side.",
            "Lower slowly with control.",
            "Finish the set, then swap legs.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=6, rest_s=30, days_per_week=4),
        "per_side": True,
        "tempo": "Lift in about 2 s, lower in about 3 s",
        "cues": [
            "Breathe out as you lift, and breathe in as you lower.",
            "Build up to 8 on each side.",
            "Keep your hips level, as if balancing a glass of water on your belly.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "pregnancy",
                "caution",
                "After about 16 weeks, keep the time on your back short.",
            ),
            _c("cardiovascular", "caution", "Breathe out as you lift; do not hold your breath."),
            _SURGERY,
        ],
        "precaution_notes": "Progress to this only when the double-leg bridge (#18) is easy "
        "and pain-free.",
        "progressions": [],
        "regressions": ["glute-bridge"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat"],
            "plant": ["r_foot", "r_hand", "l_hand"],
            "start": {**_SUPINE, **_HOOK_R, "l_hip": 45, "l_knee": 0},
            "end": {
                **_SUPINE,
                **_HOOK_R,
                "root": [8, 0],
                "trunk": 208,
                "neck": 26,
                "l_hip": -8,
                "l_knee": 0,
            },
            "highlight": {"region": "gluteals", "side": "r"},
            "arrow": {"joint": "pelvis", "dir": [0, -1], "off": [0, -36], "min_len": 18},
        },
    },
    {
        "number": 20,
        "slug": "clamshell",
        "name": "Clamshell",
        "category": "stabilisation",
        "summary": "Strengthens the muscles at the side and back of your hip while you lie on "
        "your side.",
        "target_muscles": ["gluteus medius", "deep hip external rotators"],
        "joints": ["hip", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your side with a pillow under your head. Bend your hips a "
        "little (about 45°) and your knees to a right angle. Keep your feet together and your "
        "hips stacked one above the other.",
        "steps": [
            "Keep your feet together and lift the top knee, without letting your pelvis roll "
            "backward.",
            "Hold for 2 seconds.",
            "Lower the knee slowly.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=12, hold_s=2, rest_s=30),
        "per_side": True,
        "tempo": "Lift in about 2 s, hold 2 s, lower in about 2 s",
        "cues": [
            "Breathe out as you lift, and breathe in as you lower.",
            "Rest your top hand on your hip to feel that the pelvis stays still.",
            "Build up to 15. Later a resistance band above the knees makes it harder.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hips bent less than a right angle and a pillow between the knees.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Posterior hip replacement: hip flexion under 90° and a pillow "
        "between the knees. Progression: band above the knees.",
        "progressions": ["side-lying-hip-abduction"],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "camera": {"az": 35, "el": 30},
            "work": ["l_leg"],
            "props": ["mat", {"type": "pillow", "at": "head"}],
            "start": {
                **_SIDE_LYING_R_DOWN,
                "r_hip": 45,
                "l_hip": 45,
                "r_knee": 90,
                "l_knee": 90,
                "r_shoulder": 150,
                "r_elbow": 60,
                "l_hand": {"at": "pelvis", "boff": [0, 4, 16]},
            },
            "end": {
                **_SIDE_LYING_R_DOWN,
                "r_hip": 45,
                "l_hip": 45,
                "r_knee": 90,
                "l_knee": 90,
                "l_hip_abd": 26,
                "l_hip_rot": -48,
                "r_shoulder": 150,
                "r_elbow": 60,
                "l_hand": {"at": "pelvis", "boff": [0, 4, 16]},
            },
            "highlight": {"region": "abductors", "side": "l"},
            "arrow": {"joint": "l_knee", "pivot": "l_hip", "gap": 10},
        },
    },
    {
        "number": 21,
        "slug": "side-lying-hip-abduction",
        "name": "Side-lying leg lift (hip abduction)",
        "category": "stabilisation",
        "summary": "Strengthens the muscles at the side of your hip that keep the pelvis level "
        "when you walk.",
        "target_muscles": ["gluteus medius", "gluteus minimus"],
        "joints": ["hip", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your side with a pillow under your head. Bend the bottom "
        "knee. Keep the top leg straight, in line with your body, toes pointing forward.",
        "steps": [
            "Lift the top leg up, keeping it slightly behind the line of your body, to about "
            "30 to 40°.",
            "Hold for 2 seconds.",
            "Lower it slowly.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=10, hold_s=2, rest_s=30),
        "per_side": True,
        "tempo": "Lift in about 2 s, hold 2 s, lower in about 2 s",
        "cues": [
            "Breathe out as you lift, and breathe in as you lower.",
            "Do not roll your pelvis back or hitch your hip up toward your ribs.",
            "Lead with the heel; keep the toes pointing forward.",
        ],
        "stop_rules": [],
        "contraindications": [_SURGERY],
        "precaution_notes": "Watch for pelvic roll-back or hip hiking (tensor fasciae latae "
        "taking over).",
        "progressions": [],
        "regressions": ["clamshell"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side_high",
            "work": ["l_leg"],
            "props": ["mat", {"type": "pillow", "at": "head"}],
            "start": {
                **_SIDE_LYING_R_DOWN,
                "r_hip": 40,
                "r_knee": 80,
                "r_shoulder": 150,
                "r_elbow": 60,
                "l_hand": {"at": "chest", "coff": [14, -14, 0], "y": 4},
            },
            "end": {
                **_SIDE_LYING_R_DOWN,
                "r_hip": 40,
                "r_knee": 80,
                "l_hip": -8,
                "l_hip_abd": 34,
                "r_shoulder": 150,
                "r_elbow": 60,
                "l_hand": {"at": "chest", "coff": [14, -14, 0], "y": 4},
            },
            "highlight": {"region": "abductors", "side": "l"},
            "arrow": {"joint": "l_ankle", "pivot": "l_hip", "gap": 12},
        },
    },
    {
        "number": 22,
        "slug": "bird-dog",
        "name": "Bird dog (opposite arm and leg reach)",
        "category": "stabilisation",
        "summary": "Trains your back and buttock muscles to hold the spine steady while your "
        "arm and leg move.",
        "target_muscles": ["multifidus", "erector spinae", "gluteus maximus"],
        "joints": ["lumbar", "sacroiliac", "hip"],
        "equipment": ["mat"],
        "start_position": "Get onto your hands and knees: hands under your shoulders, knees "
        "under your hips, back flat (neither arched nor rounded). Tighten your stomach "
        "lightly.",
        "steps": [
            "Reach one leg back until it is level with your hip. At the same time reach the "
            "opposite arm forward, level with your shoulder.",
            "Do not rock or arch your back. Hold for 5 seconds.",
            "Return to hands and knees, then swap sides.",
        ],
        "agonist": "",
        "dose": _dose(reps=6, hold_s=5),
        "per_side": True,
        "tempo": "Reach in about 2 s, hold 5 s, return in about 2 s",
        "cues": [
            BREATHE_HOLD,
            "Imagine a cup of tea resting on your low back: do not spill it.",
            "Too hard? Move only the leg, or only the arm.",
            "Sore wrists: rest on your fists or forearms. Sore knees: kneel on a cushion.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c("cardiovascular", "caution", "Keep breathing through the hold."),
            _c(
                "extension_intolerant",
                "caution",
                "Lift the leg only as high as you can without arching your back.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "McGill-style descending pyramid (e.g. 6-4-2) if fatigue affects "
        "form. Holds of 5–10 s.",
        "progressions": [],
        "regressions": ["cat-camel"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg", "l_arm"],
            "props": ["mat"],
            "start": {**_QUAD},
            "end": {**_QUAD, "r_hip": 0, "r_knee": 0, "r_ankle": -20, "l_shoulder": 175},
            "highlight": {"region": "gluteals", "side": "r"},
            "arrow": {"joint": "r_ankle", "pivot": "r_hip", "gap": 12},
        },
    },
    {
        "number": 23,
        "slug": "dead-bug",
        "name": "Dead bug",
        "category": "stabilisation",
        "summary": "Trains your stomach muscles to keep your low back still while your arms and "
        "legs move.",
        "target_muscles": [
            "transversus abdominis",
            "rectus abdominis",
            "external oblique",
            "internal oblique",
        ],
        "joints": ["lumbar"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with hips and knees bent to right angles (like a "
        "table top) and your arms pointing at the ceiling. Your low back rests gently on the "
        "floor.",
        "steps": [
            "Breathe out as you lower one heel slowly toward the floor. If you can, take the "
            "opposite arm back over your head at the same time. Do not let your back arch.",
            "Bring them back.",
            "Repeat with the other arm and leg.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=6, rest_s=30),
        "per_side": True,
        "tempo": "Lower in about 3 s, return in about 2 s",
        "cues": [
            "Breathe out as the leg lowers.",
            "Your low back stays in gentle contact with the floor the whole time.",
            "Easier version: keep the knee bent and just tap the heel down.",
            "Build up to 10 on each side.",
        ],
        "stop_rules": ["Stop if your back arches off the floor or starts to hurt."],
        "contraindications": [
            _c(
                "pregnancy",
                "hide",
                "After about 16 weeks, do the bird dog (#22) instead.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Anti-extension control. Regression: heel taps with knees bent.",
        "progressions": [],
        "regressions": ["heel-slides"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg", "l_arm"],
            "props": ["mat"],
            "start": {
                **_SUPINE,
                "r_hip": 90,
                "l_hip": 90,
                "r_knee": 90,
                "l_knee": 90,
                "r_shoulder": 90,
                "l_shoulder": 90,
            },
            "end": {
                **_SUPINE,
                "r_hip": 28,
                "l_hip": 90,
                "r_knee": 12,
                "l_knee": 90,
                "r_shoulder": 90,
                "l_shoulder": 165,
            },
            "highlight": {"region": "abdominals"},
            "arrow": {"joint": "r_heel", "pivot": "r_hip", "gap": 12},
        },
    },
    {
        "number": 24,
        "slug": "modified-side-plank",
        "name": "Side plank from the knees",
        "category": "stabilisation",
        "summary": "Builds endurance in the muscles along the side of your trunk and hip.",
        "target_muscles": [
            "quadratus lumborum",
            "external oblique",
            "internal oblique",
            "gluteus medius",
        ],
        "joints": ["lumbar", "iliolumbar", "hip"],
        "equipment": ["mat"],
        "start_position": "Lie on your side propped up on your forearm, elbow under your "
        "shoulder. Bend your knees to a right angle, with your hips in line with your trunk.",
        "steps": [
            "Lift your hips until your knees, hips and shoulders form a straight line.",
            "Hold for 10 seconds, breathing normally.",
            "Lower your hips to the floor.",
        ],
        "agonist": "",
        "dose": _dose(reps=3, hold_s=10, rest_s=20),
        "per_side": True,
        "tempo": "Lift in about 2 s, hold 10 s, lower in about 2 s",
        "cues": [
            BREATHE_HOLD,
            "Keep your body in one line: do not let the hips sag or push back.",
            "Build up to 5 holds of 20 seconds.",
        ],
        "stop_rules": ["Stop if you feel pain in the shoulder you are leaning on."],
        "contraindications": [
            _c("cardiovascular", "caution", "Keep the holds short and breathe throughout."),
            _c("pregnancy", "caution", "Keep to this knee version and use short holds."),
            _SURGERY,
        ],
        "precaution_notes": "Shoulder pain: wall side plank (standing, forearm on the wall). "
        "Progress to the full side plank from the feet.",
        "progressions": [],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "camera": {"az": 20, "el": 18},
            "work": ["trunk"],
            "props": ["mat"],
            "start": {
                **_SIDE_LYING_R_DOWN,
                "trunk": 138,
                "r_hip": 10,
                "l_hip": 10,
                "r_hip_abd": -40,
                "l_hip_abd": 40,
                "r_knee": 90,
                "l_knee": 90,
                "r_hand": {"at": "r_shoulder", "off": [-4, 0, 26], "y": 4.5},
                "r_arm_pole": [-1, 0, 1],
                "l_hand": {"at": "pelvis", "boff": [0, 4, 16]},
            },
            "end": {
                **_SIDE_LYING_R_DOWN,
                "trunk": 154,
                "r_hip": 5,
                "l_hip": 5,
                "r_knee": 90,
                "l_knee": 90,
                "r_hand": {"at": "r_shoulder", "off": [-4, 0, 26], "y": 4.5},
                "r_arm_pole": [-1, 0, 1],
                "l_hand": {"at": "pelvis", "boff": [0, 4, 16]},
            },
            "highlight": {"region": "trunk_side", "side": "r"},
            "arrow": {"joint": "pelvis", "dir": [0, -1], "off": [0, 30], "min_len": 16},
        },
    },
    {
        "number": 25,
        "slug": "mcgill-curl-up",
        "name": "McGill curl-up",
        "category": "stabilisation",
        "summary": "Strengthens your stomach muscles while your low back keeps its natural curve.",
        "target_muscles": ["rectus abdominis", "external oblique", "internal oblique"],
        "joints": ["lumbar"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with one knee bent and the other leg straight. Slide "
        "your hands, palms down, under the small of your back to keep its natural curve.",
        "steps": [
            "Tighten your stomach gently.",
            "Lift your head and shoulders an inch or two off the floor as one unit. Do not "
            "poke your chin forward.",
            "Hold for 8 seconds, breathing.",
            "Lower. Halfway through the set, swap which knee is bent.",
        ],
        "agonist": "",
        "dose": _dose(reps=5, hold_s=8, rest_s=10),
        "per_side": False,
        "tempo": "Lift in about 1 s, hold 8 s, lower in about 2 s",
        "cues": [
            BREATHE_HOLD,
            "Imagine your head and neck resting on a tray that lifts with your shoulders.",
            "Do fewer reps in each later round (for example 5, then 3, then 1).",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "pregnancy",
                "hide",
                "Stomach-muscle work on your back is not advised after about 16 weeks.",
            ),
            _c("osteoporosis", "caution", "Keep the lift very small; no sit-ups."),
            _c("cardiovascular", "caution", "Breathe through the hold."),
            _SURGERY,
        ],
        "precaution_notes": "Preferred to sit-ups, which load the spine heavily in flexion. Neck "
        "pain: support the head with one hand.",
        "progressions": [],
        "regressions": ["abdominal-brace"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["mat"],
            "start": {
                **_SUPINE,
                **_HOOK_L,
                "r_hand": {"at": "low_back", "off": [0, 2, 5]},
                "l_hand": {"at": "low_back", "off": [0, 2, -5]},
                "r_arm_pole": [0, -1, 1],
                "l_arm_pole": [0, -1, 1],
            },
            "end": {
                **_SUPINE,
                **_HOOK_L,
                "thorax": 22,
                "neck": 0,
                "r_hand": {"at": "low_back", "off": [0, 2, 5]},
                "l_hand": {"at": "low_back", "off": [0, 2, -5]},
                "r_arm_pole": [0, -1, 1],
                "l_arm_pole": [0, -1, 1],
            },
            "highlight": {"region": "abdominals"},
            "arrow": {"joint": "head", "dir": [0, -1], "off": [0, -22], "min_len": 16},
        },
    },
    {
        "number": 26,
        "slug": "cat-camel",
        "name": "Cat–camel (gentle spine movement)",
        "category": "mobility",
        "summary": "A slow warm-up that moves each part of your spine gently through the "
        "middle of its range.",
        "target_muscles": ["erector spinae", "multifidus", "rectus abdominis"],
        "joints": ["lumbar", "iliolumbar"],
        "equipment": ["mat"],
        "start_position": "Get onto your hands and knees with hands under your shoulders and "
        "knees under your hips.",
        "steps": [
            "Slowly round your back up toward the ceiling and let your head drop (camel).",
            "Then slowly let your back sag gently and lift your head a little (cat).",
            "Keep moving between the two, staying in the middle of the range.",
        ],
        "agonist": "",
        "dose": _dose(reps=8),
        "per_side": False,
        "tempo": "About 3 s each way, no pause at the ends",
        "cues": [
            "Breathe out as you round up, and breathe in as you let the back sag.",
            "It is a movement, not a stretch: do not push to the end.",
            "Build up to 10 slow cycles. A good warm-up before other exercises.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c("osteoporosis", "caution", "Use a small range."),
            _c("flexion_intolerant", "caution", "Round your back only a little."),
            _c("extension_intolerant", "caution", "Let the back sag only a little."),
            _c("spondylolisthesis", "caution", "Keep the sagging part small."),
            _SURGERY,
        ],
        "precaution_notes": "Segmental mobility, mid-range only. Fine in pregnancy, gently.",
        "progressions": ["bird-dog"],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["mat"],
            "start": {**_QUAD, "arch": -12, "neck": 35},
            "end": {**_QUAD, "arch": 9, "neck": -15},
            "highlight": {"region": "back"},
            "arrow": {"joint": "upper_back", "dir": [0, 1], "off": [0, -30], "min_len": 16},
        },
    },
    {
        "number": 27,
        "slug": "heel-slides",
        "name": "Heel slides, lying on your back",
        "category": "stabilisation",
        "summary": "Teaches you to keep the pelvis steady while one leg moves — a good first "
        "exercise when pain is high.",
        "target_muscles": ["transversus abdominis", "internal oblique", "multifidus"],
        "joints": ["lumbar", "sacroiliac"],
        "equipment": ["mat"],
        "start_position": "Lie on your back with your knees bent and feet flat. Tighten your "
        "stomach lightly.",
        "steps": [
            "Slide one heel along the floor until that leg is straight.",
            "Slide it back to the start. Your pelvis should not rock.",
            "Repeat, then change legs.",
            "Another version: lift one foot an inch or two as if marching, then put it down.",
        ],
        "agonist": "",
        "dose": _dose(reps=10),
        "per_side": True,
        "tempo": "About 3 s out, 3 s back",
        "cues": [
            "Breathe out as the leg slides away, and breathe in as it comes back.",
            "Rest your hands on the front of your hip bones to feel that they stay still.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "pregnancy",
                "caution",
                "After about 16 weeks, keep the time on your back short.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Suitable in the very acute stage as a first-stage control exercise.",
        "progressions": ["dead-bug"],
        "regressions": ["abdominal-brace"],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat"],
            "start": {**_SUPINE, **_HOOK_L, **_HOOK_R},
            "end": {**_SUPINE, **_HOOK_L, "r_hip": 4, "r_knee": 4},
            "highlight": {"region": "abdominals"},
            "arrow": {"joint": "r_heel", "off": [-6, -30]},
        },
    },
    {
        "number": 28,
        "slug": "hip-hinge-dowel",
        "name": "Hip hinge with a stick",
        "category": "functional",
        "summary": "Trains you to bend forward from the hips with a straight back, so everyday "
        "bending and lifting spares your low back.",
        "target_muscles": ["gluteus maximus", "hamstrings"],
        "joints": ["hip", "lumbar"],
        "equipment": ["dowel"],
        "start_position": "Stand with your feet hip-width apart. Hold a broomstick or dowel "
        "along your back so it touches the back of your head, your upper back and the flat "
        "bone at the base of your spine (sacrum).",
        "steps": [
            "Soften your knees.",
            "Push your hips back and tip your trunk forward. Keep all three points touching the "
            "stick.",
            "Stand back up by squeezing your buttocks.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=10, rest_s=30),
        "per_side": False,
        "tempo": "About 3 s down, 2 s up",
        "cues": [
            "Breathe in as you hinge forward, and breathe out as you stand up.",
            "If the stick leaves your head or your low back, you are bending your spine: go "
            "less far.",
            "Later, practice picking up a light object from a raised surface the same way.",
        ],
        "stop_rules": ["Stop if symptoms run down your leg."],
        "contraindications": [
            _c(
                "balance_impairment",
                "caution",
                "Stand next to a kitchen counter or sturdy chair you can hold.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Good choice with osteoporosis (neutral spine). Stop if symptoms "
        "travel down the leg.",
        "progressions": [],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["floor", "dowel"],
            "plant": ["r_foot", "l_foot"],
            "start": {
                **_STAND,
                "r_hand": {"at": "neck_top", "boff": [-14, 2, -4]},
                "l_hand": {"at": "sacrum", "boff": [-5, 2, 4]},
                "r_arm_pole": [0, 1, 1],
                "l_arm_pole": [0, -1, 1],
            },
            "end": {
                **_STAND,
                "ground": "start",
                "root": [-20, -10],
                "trunk": 42,
                "r_hand": {"at": "neck_top", "boff": [-14, 2, -4]},
                "l_hand": {"at": "sacrum", "boff": [-5, 2, 4]},
                "r_arm_pole": [0, 1, 1],
                "l_arm_pole": [0, -1, 1],
            },
            "highlight": {"region": "hamstrings", "side": "r"},
            "arrow": {"joint": "head", "pivot": "pelvis", "gap": 16},
        },
    },
    {
        "number": 29,
        "slug": "sit-to-stand",
        "name": "Sit to stand",
        "category": "functional",
        "summary": "Strengthens your thighs and buttocks with the everyday movement of getting "
        "up from a chair.",
        "target_muscles": ["quadriceps", "gluteus maximus"],
        "joints": ["hip"],
        "equipment": ["chair"],
        "start_position": "Sit on the front half of a firm chair, feet flat and hip-width "
        "apart, arms crossed over your chest.",
        "steps": [
            "Lean forward from your hips, keeping your back straight.",
            "Stand up without using your hands.",
            "Sit down again slowly and with control.",
        ],
        "agonist": "",
        "dose": _dose(sets=2, reps=8, rest_s=30),
        "per_side": False,
        "tempo": "About 2 s up, 3 s down",
        "cues": [
            "Breathe out as you stand up.",
            "Build up to 10. Too hard? Use a higher seat or push with your hands.",
            "Put the chair against a wall so it cannot slide.",
        ],
        "stop_rules": [],
        "contraindications": [
            _c(
                "hip_replacement_posterior",
                "caution",
                "Use a high seat and do not lean so far that the hips bend past a right angle.",
            ),
            _c(
                "balance_impairment",
                "caution",
                "Have a sturdy support within reach and stand up slowly.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Posterior hip replacement: high seat, avoid leaning past 90° hip "
        "flexion. Regression: higher seat or hands.",
        "progressions": [],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["floor", {"type": "chair", "front": 8, "back": 28}],
            "plant": ["r_foot", "l_foot"],
            "start": {
                **_SIT,
                "r_knee": 100,
                "l_knee": 100,
                "trunk": 80,
                "r_hand": {"at": "l_shoulder", "coff": [10, -6, 0]},
                "l_hand": {"at": "r_shoulder", "coff": [10, -10, 0]},
                "r_arm_pole": [0.2, -1, 0.5],
                "l_arm_pole": [0.2, -1, 0.5],
            },
            "end": {
                "ground": "start",
                "root": [16, 38],
                "trunk": 88,
                "r_hand": {"at": "l_shoulder", "coff": [10, -6, 0]},
                "l_hand": {"at": "r_shoulder", "coff": [10, -10, 0]},
                "r_arm_pole": [0.2, -1, 0.5],
                "l_arm_pole": [0.2, -1, 0.5],
            },
            "highlight": {"region": "quadriceps", "side": "r"},
            "arrow": {"joint": "pelvis", "off": [-18, 0]},
        },
    },
    # ------------------------------------------------------------ C. Neural mobility
    {
        "number": 30,
        "slug": "supine-sciatic-nerve-slider",
        "name": "Sciatic nerve slider, lying on your back",
        "category": "neural",
        "summary": "Gently glides the sciatic nerve (the large nerve down the back of the leg) "
        "without stretching it.",
        "target_muscles": ["sciatic nerve", "tibial nerve"],
        "joints": ["hip", "lumbar"],
        "equipment": ["mat"],
        "start_position": "Lie on your back. Hold behind the knee of the side you are working, "
        "with the hip bent to about a right angle (less if your leg is sore). Bring your chin "
        "gently toward your chest.",
        "steps": [
            "Straighten your knee toward the ceiling while you tip your head back onto the "
            "floor. Let the ankle relax.",
            "Bend the knee again while you bring your chin toward your chest.",
            "Keep the two movements smooth and together, and stay short of any symptoms.",
        ],
        "agonist": "",
        "dose": _dose(reps=10),
        "per_side": True,
        "tempo": "Slow and smooth: about 2 s each way",
        "cues": [
            "Breathe easily throughout.",
            "You should feel at most a mild, brief stretch.",
            "Simplest version: keep the knee a little bent and slowly point and flex your foot.",
            "Build up to 15 slow cycles, up to 3 times a day.",
        ],
        "stop_rules": [
            "Stop if symptoms last after you finish.",
            "Stop if you feel more than a mild, brief stretch behind the knee.",
        ],
        "contraindications": [
            _c(
                "acute_radicular",
                "caution",
                "This is the preferred nerve exercise for you: keep it mid-range and stay short "
                "of symptoms.",
            ),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hip bent no more than a right angle (90°).",
            ),
            _PREG_SUPINE,
            _SURGERY,
        ],
        "precaution_notes": "A slider (load one end, unload the other). Avoid tensioners "
        "(both ends loaded at once) unless prescribed. Symptoms should not linger.",
        "progressions": ["seated-slump-slider"],
        "regressions": [],
        "evidence_note": "Nerve gliding is a common part of care for sciatica; the evidence "
        "for it is limited.",
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat"],
            "start": {
                **_SUPINE,
                **_HOOK_L,
                "r_hip": 85,
                "r_knee": 95,
                "neck": 34,
                "r_hand": {"at": "r_knee_back", "off": [0, 0, 4]},
                "l_hand": {"at": "r_knee_back", "off": [0, 0, -4]},
            },
            "end": {
                **_SUPINE,
                **_HOOK_L,
                "r_hip": 85,
                "r_knee": 14,
                "r_ankle": -20,
                "neck": 0,
                "r_hand": {"at": "r_knee_back", "off": [0, 0, 4]},
                "l_hand": {"at": "r_knee_back", "off": [0, 0, -4]},
            },
            "highlight": {"region": "sciatic", "side": "r", "width": 6},
            "arrow": {"joint": "r_ankle", "pivot": "r_knee", "gap": 12},
        },
    },
    {
        "number": 31,
        "slug": "seated-slump-slider",
        "name": "Seated slump slider",
        "category": "neural",
        "summary": "Glides the large nerve down the back of your leg (sciatic nerve) and the "
        "nerves of your spine while you sit, without stretching them.",
        "target_muscles": ["sciatic nerve", "tibial nerve"],
        "joints": ["lumbar", "hip"],
        "equipment": ["chair"],
        "start_position": "Sit near the front of a chair, let your back round a little, and "
        "put your hands behind your back.",
        "steps": [
            "Straighten one knee and pull the toes up while you look up at the ceiling.",
            "Bend the knee again while you look down, chin toward your chest.",
            "Keep moving smoothly between the two.",
        ],
        "agonist": "",
        "dose": _dose(reps=10),
        "per_side": True,
        "tempo": "Slow and smooth: about 2 s each way",
        "cues": [
            "Breathe easily throughout.",
            "If slouching brings on symptoms, sit upright instead: it works just as well.",
            "Build up to 15 cycles, up to twice a day.",
        ],
        "stop_rules": [
            "Stop if symptoms last after you finish.",
            "Stop if you feel more than a mild, brief stretch.",
        ],
        "contraindications": [
            _c(
                "acute_radicular",
                "caution",
                "Sit upright, keep the movement mid-range and stay short of symptoms.",
            ),
            _c("flexion_intolerant", "caution", "Sit upright rather than slouched."),
            _c("osteoporosis", "caution", "Sit upright rather than slouched."),
            _c(
                "hip_replacement_posterior",
                "caution",
                "Use a higher seat and sit upright so the hip stays at or below a right angle.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "As #30. Nerve excursion is similar sitting upright or slumped, so "
        "sit upright if slumping provokes symptoms.",
        "progressions": [],
        "regressions": ["supine-sciatic-nerve-slider"],
        "evidence_note": "Nerve gliding is a common part of care for sciatica; the evidence "
        "for it is limited.",
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["floor", {"type": "chair", "front": 6, "back": 30}],
            "start": {
                **_SIT,
                "lumbar": 14,
                "thorax": 10,
                "neck": 34,
                "r_hand": {"at": "sacrum", "boff": [-8, 6, -4]},
                "l_hand": {"at": "sacrum", "boff": [-8, 6, 4]},
                "r_arm_pole": [-1, -0.3, 0.5],
                "l_arm_pole": [-1, -0.3, 0.5],
            },
            "end": {
                **_SIT,
                "lumbar": 14,
                "thorax": 10,
                "neck": -22,
                "r_knee": 8,
                "r_ankle": 15,
                "r_hand": {"at": "sacrum", "boff": [-8, 6, -4]},
                "l_hand": {"at": "sacrum", "boff": [-8, 6, 4]},
                "r_arm_pole": [-1, -0.3, 0.5],
                "l_arm_pole": [-1, -0.3, 0.5],
            },
            "highlight": {"region": "sciatic", "side": "r", "width": 6},
            "arrow": {"joint": "r_ankle", "pivot": "r_knee", "gap": 12},
        },
    },
    # -------------------------------------------------------------- D. McKenzie-style
    {
        "number": 32,
        "slug": "prone-press-up",
        "name": "Lying face down, on elbows, and press-up (back extension)",
        "category": "mckenzie",
        "summary": "Arches your low back step by step while lying face down; used when this "
        "direction eases your leg symptoms.",
        "target_muscles": ["erector spinae", "multifidus"],
        "joints": ["lumbar"],
        "equipment": ["mat"],
        "start_position": "Lie face down for 1 to 2 minutes, with a pillow under your hips if "
        "you need it. Then prop yourself up on your elbows for 1 to 5 minutes. When that is "
        "comfortable, move on to press-ups.",
        "steps": [
            "Place your hands under your shoulders.",
            "Keep your hips and pelvis relaxed on the floor and push your upper body up as far "
            "as is comfortable.",
            "Pause for 1 to 2 seconds, then lower yourself down.",
            "Each time, go a little higher if it feels fine.",
        ],
        "agonist": "",
        "dose": _dose(reps=10, times_per_day=3),
        "per_side": False,
        "tempo": "About 2 s up, pause 1–2 s, 2 s down",
        "cues": [
            "Breathe out as you push up.",
            "Let your back and buttocks stay relaxed: your arms do the work.",
            "A good sign: leg symptoms shrink back toward your spine, even if your back aches "
            "a little for a while.",
        ],
        "stop_rules": [
            "Stop if symptoms spread further down your leg or get worse, and tell the clinic.",
        ],
        "contraindications": [
            _c(
                "extension_intolerant",
                "hide",
                "Arching back makes your pain worse: do not do this one.",
            ),
            _c(
                "spondylolisthesis",
                "approval",
                "Repeated arching needs your clinician's approval.",
            ),
            _c("pregnancy", "hide", "Do not lie face down after the first trimester."),
            _c("hypermobility", "caution", "Push up only part of the way, with control."),
            _SURGERY,
        ],
        "precaution_notes": "Use only when the directional pattern fits. Good if symptoms "
        "centralise; stop if they peripheralise.",
        "progressions": [],
        "regressions": [],
        "evidence_note": "Directional exercises help some people whose symptoms centralise "
        "with repeated movement; the clinician decides whether the pattern fits.",
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["mat"],
            "plant": ["r_hand", "l_hand"],
            "start": {
                "trunk": 0,
                "r_ankle": -40,
                "l_ankle": -40,
                "r_hand": {"at": "r_shoulder", "off": [6, 0, 4], "y": 4.5},
                "l_hand": {"at": "l_shoulder", "off": [6, 0, -4], "y": 4.5},
                "r_arm_pole": [0, 1, 0.6],
                "l_arm_pole": [0, 1, 0.6],
            },
            "end": {
                "trunk": 0,
                "r_ankle": -40,
                "l_ankle": -40,
                "lumbar": -44,
                "thorax": -14,
                "neck": 6,
                "r_arm_pole": [0, 1, 0.6],
                "l_arm_pole": [0, 1, 0.6],
            },
            "highlight": {"region": "lumbar"},
            "arrow": {"joint": "head", "pivot": "pelvis", "gap": 18},
        },
    },
    {
        "number": 33,
        "slug": "standing-back-extension",
        "name": "Standing back bend",
        "category": "mckenzie",
        "summary": "A gentle backward bend while standing, for breaks from sitting when this "
        "direction eases your symptoms.",
        "target_muscles": ["erector spinae", "multifidus"],
        "joints": ["lumbar"],
        "equipment": [],
        "start_position": "Stand with your feet apart. Place your hands on the back of your "
        "pelvis, fingers pointing down.",
        "steps": [
            "Lean back gently over your hands, keeping your knees straight.",
            "Pause for a second.",
            "Return to standing tall.",
        ],
        "agonist": "",
        "dose": _dose(reps=5, times_per_day=6),
        "per_side": False,
        "tempo": "About 2 s back, 2 s up",
        "cues": [
            "Breathe out as you lean back.",
            "Do 5 to 10 every 30 to 60 minutes of sitting.",
        ],
        "stop_rules": [
            "Stop if symptoms spread further down your leg or get worse, and tell the clinic.",
        ],
        "contraindications": [
            _c(
                "extension_intolerant",
                "hide",
                "Arching back makes your pain worse: do not do this one.",
            ),
            _c(
                "spondylolisthesis",
                "approval",
                "Repeated arching needs your clinician's approval.",
            ),
            _c(
                "balance_impairment",
                "caution",
                "Stand with your back near a wall or counter and lean only a little.",
            ),
            _c("pregnancy", "caution", "Lean back only a little; your balance point changes."),
            _SURGERY,
        ],
        "precaution_notes": "Same purpose and cautions as #32: good if symptoms centralise, "
        "stop if they peripheralise.",
        "progressions": [],
        "regressions": [],
        "evidence_note": "Directional exercises help some people whose symptoms centralise "
        "with repeated movement; the clinician decides whether the pattern fits.",
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["floor"],
            "plant": ["r_foot", "l_foot"],
            "start": {
                "r_hand": {"at": "sacrum", "boff": [-4, 10, -7]},
                "l_hand": {"at": "sacrum", "boff": [-4, 10, 7]},
                "r_arm_pole": [-1, 0.2, 1],
                "l_arm_pole": [-1, 0.2, 1],
            },
            "end": {
                "ground": "start",
                "root": [5, -1],
                "trunk": 96,
                "lumbar": -22,
                "thorax": -2,
                "neck": -6,
                "r_hand": {"at": "sacrum", "boff": [-4, 10, -7]},
                "l_hand": {"at": "sacrum", "boff": [-4, 10, 7]},
                "r_arm_pole": [-1, 0.2, 1],
                "l_arm_pole": [-1, 0.2, 1],
            },
            "highlight": {"region": "lumbar"},
            "arrow": {"joint": "head", "pivot": "pelvis", "gap": 16},
        },
    },
    # ------------------------------------------------ E. Aerobic, gravity-reduced, aquatic
    {
        "number": 34,
        "slug": "aquatic-walking",
        "name": "Walking in the pool",
        "category": "aquatic",
        "summary": "Walking in chest-deep water, where the water carries part of your weight "
        "and takes load off your low back.",
        "target_muscles": ["gluteus medius", "gluteus maximus", "quadriceps", "hamstrings"],
        "joints": ["lumbar", "hip", "sacroiliac"],
        "equipment": ["pool"],
        "start_position": "Stand in warm water that comes up to your waist or chest, near the "
        "pool wall or rail so you can hold on.",
        "steps": [
            "Walk forward for 2 to 5 minutes.",
            "Walk backward for 1 to 2 minutes.",
            "Walk sideways for 1 to 2 minutes each way.",
            "Stand tall, tighten your stomach lightly and let your arms swing normally.",
        ],
        "agonist": "",
        "dose": _dose(duration_min=10, days_per_week=2),
        "per_side": False,
        "tempo": "",
        "cues": [
            "Breathe easily; you should be able to talk.",
            "Build up slowly: longer time first, then a faster pace.",
            "Later, deep-water running with a flotation belt is a next step.",
        ],
        "stop_rules": ["Get out and rest if you feel dizzy, short of breath or unwell."],
        "contraindications": [
            _c(
                "aquatic_precaution",
                "hide",
                "The pool is not suitable for you right now (see your intake answers).",
            ),
            _c("cardiovascular", "caution", "Avoid very warm pools; keep the pace easy."),
            _c("balance_impairment", "caution", "Stay within reach of the rail or wall."),
            _SURGERY,
        ],
        "precaution_notes": "See CLINICAL §4.3 (open wounds, uncontrolled epilepsy, unstable "
        "cardiac or respiratory disease, etc.). Non-swimmers: shallow water with a flotation "
        "belt or rail.",
        "progressions": ["swimming"],
        "regressions": [],
        "evidence_note": "Pool exercise eases pain and disability in long-term low-back pain "
        "about as much as land exercise; the certainty of this evidence is low.",
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": [{"type": "pool", "above_pelvis": 36}],
            "start": {
                "r_hip": 26,
                "r_knee": 8,
                "l_hip": -14,
                "l_knee": 22,
                "l_ankle": -10,
                "r_shoulder": -22,
                "l_shoulder": 26,
                "r_elbow": 20,
                "l_elbow": 30,
            },
            "end": {
                "l_hip": 26,
                "l_knee": 8,
                "r_hip": -14,
                "r_knee": 22,
                "r_ankle": -10,
                "l_shoulder": -22,
                "r_shoulder": 26,
                "l_elbow": 20,
                "r_elbow": 30,
            },
            "highlight": {"region": "gluteals", "side": "r"},
            "arrow": {"joint": "pelvis", "dir": [1, 0], "off": [60, 30], "min_len": 22},
        },
    },
    {
        "number": 35,
        "slug": "swimming",
        "name": "Easy swimming",
        "category": "aquatic",
        "summary": "Gentle freestyle or backstroke with a relaxed kick, for fitness with your "
        "weight supported by the water.",
        "target_muscles": ["latissimus dorsi", "gluteus maximus", "erector spinae"],
        "joints": ["lumbar", "hip"],
        "equipment": ["pool"],
        "start_position": "Get into the pool and start at an easy pace. If you are new to "
        "it, begin with a kickboard and a relaxed flutter kick (small kicks from the hip) on "
        "your front or back.",
        "steps": [
            "Swim front crawl (freestyle) or backstroke slowly with a relaxed flutter kick.",
            "Rest at the wall whenever you need to.",
            "If turning your head to breathe hurts, use a snorkel or swim on your back.",
        ],
        "agonist": "",
        "dose": _dose(duration_min=10, days_per_week=2),
        "per_side": False,
        "tempo": "",
        "cues": [
            "Breathe out steadily into the water.",
            "Add about 10 % more time each week if your symptoms are settled the next morning.",
            "Push off the wall gently.",
        ],
        "stop_rules": [
            "Avoid breaststroke frog kick, butterfly and hard push-offs if they bring on pain.",
            "Get out and rest if you feel dizzy, short of breath or unwell.",
        ],
        "contraindications": [
            _c(
                "aquatic_precaution",
                "hide",
                "The pool is not suitable for you right now (see your intake answers).",
            ),
            _c("cardiovascular", "caution", "Avoid very warm pools; keep the pace easy."),
            _c(
                "extension_intolerant",
                "caution",
                "Prefer backstroke, or use a snorkel so you do not arch to breathe.",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Default to freestyle/backstroke with a relaxed kick (clinical "
        "convention). See §4.3.",
        "progressions": [],
        "regressions": ["aquatic-walking"],
        "evidence_note": "Pool exercise eases pain and disability in long-term low-back pain "
        "about as much as land exercise; the certainty of this evidence is low.",
        "figure": {
            "view": "side",
            "props": [{"type": "pool", "water": 72, "rail": False}],
            "work": ["r_arm"],
            "floor": 0,
            "start": {
                "ground": False,
                "root": [0, 64],
                "trunk": 2,
                "neck": -8,
                "r_shoulder": 175,
                "l_shoulder": 10,
                "r_hip": 12,
                "l_hip": -10,
                "r_ankle": -45,
                "l_ankle": -45,
            },
            "end": {
                "ground": False,
                "root": [0, 64],
                "trunk": 2,
                "neck": -8,
                "r_shoulder": 40,
                "r_elbow": 30,
                "l_shoulder": 175,
                "r_hip": -10,
                "l_hip": 12,
                "r_ankle": -45,
                "l_ankle": -45,
            },
            "arrow": {"joint": "head", "dir": [1, 0], "off": [10, -34], "min_len": 22},
        },
    },
    {
        "number": 36,
        "slug": "graded-walking",
        "name": "Graded walking",
        "category": "aerobic",
        "summary": "Walking that starts short and grows a little at a time, as long as your "
        "symptoms stay settled.",
        "target_muscles": ["gluteus maximus", "gluteus medius", "quadriceps", "gastrocnemius"],
        "joints": ["lumbar", "hip", "sacroiliac"],
        "equipment": [],
        "start_position": "Choose a walk you can do without your symptoms increasing, for "
        "example 5 to 10 minutes on level ground.",
        "steps": [
            "Walk at a comfortable pace for your starting time.",
            "If your symptoms are no worse the next morning, add about 10 % (or 1 to 2 "
            "minutes) every few days.",
            "If they are worse, go back to the last time that felt fine.",
        ],
        "agonist": "",
        "dose": _dose(duration_min=5),
        "per_side": False,
        "tempo": "",
        "cues": [
            "Breathe easily; you should be able to talk.",
            "If your legs ache with walking and ease when you sit or lean forward, take "
            "shorter walks with sitting breaks, or lean on a shopping cart.",
        ],
        "stop_rules": [
            "Stop and call the clinic if your leg gets weaker, or your foot starts to drag or "
            "slap.",
        ],
        "contraindications": [
            _c(
                "balance_impairment",
                "caution",
                "Walk with a stick or with someone, on level ground.",
            ),
            _c(
                "extension_intolerant",
                "caution",
                "Take short walks with rests sitting down, or lean forward a little (walk "
                "uphill on a treadmill or push a shopping cart).",
            ),
            _SURGERY,
        ],
        "precaution_notes": "Stenosis pattern: shorter bouts with sitting breaks or slight "
        "forward lean. Progressive leg weakness: red-flag pathway (§2).",
        "progressions": ["aquatic-walking"],
        "regressions": [],
        "evidence_note": "Walking is a simple, recommended way to stay active with low-back "
        "pain; how much suits you is worked out step by step.",
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["floor"],
            "start": {
                "r_hip": 26,
                "r_knee": 6,
                "r_ankle": 8,
                "l_hip": -14,
                "l_knee": 20,
                "l_ankle": -12,
                "r_shoulder": -22,
                "l_shoulder": 24,
                "r_elbow": 18,
                "l_elbow": 28,
            },
            "end": {
                "l_hip": 26,
                "l_knee": 6,
                "l_ankle": 8,
                "r_hip": -14,
                "r_knee": 20,
                "r_ankle": -12,
                "l_shoulder": -22,
                "r_shoulder": 24,
                "l_elbow": 18,
                "r_elbow": 28,
            },
            "arrow": {"joint": "pelvis", "dir": [1, 0], "off": [56, 20], "min_len": 22},
        },
    },
]

EXERCISES_BY_SLUG = {e["slug"]: e for e in EXERCISES}
