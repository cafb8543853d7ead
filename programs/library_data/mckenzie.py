"""Directional back exercises (McKenzie-style).

Exercises 32 and 33 of the library (category "mckenzie").
"""

from __future__ import annotations

from .blocks import SURGERY, c, dose

EXERCISES: list[dict] = [
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
        "start_position": "Lie face down for a minute or two, with a pillow under your hips if "
        "you need it. Then prop yourself up on your elbows for a few minutes. When that is "
        "comfortable, move on to press-ups.",
        "steps": [
            "Place your hands under your shoulders.",
            "Keep your hips and pelvis relaxed on the floor and push your upper body up as far "
            "as is comfortable.",
            "Pause briefly, then lower yourself down.",
            "Each time, go a little higher if it feels fine.",
        ],
        "agonist": "",
        "dose": dose(reps=10, times_per_day=3),
        "per_side": False,
        "tempo": "About 2 s up, a short pause, 2 s down",
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
            c(
                "extension_intolerant",
                "hide",
                "Arching back makes your pain worse: do not do this one.",
            ),
            c(
                "spondylolisthesis",
                "approval",
                "Repeated arching needs your clinician's approval.",
            ),
            c("pregnancy", "hide", "Do not lie face down after the first trimester."),
            c("hypermobility", "caution", "Push up only part of the way, with control."),
            SURGERY,
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
        "dose": dose(reps=5, times_per_day=6),
        "per_side": False,
        "tempo": "About 2 s back, 2 s up",
        "cues": [
            "Breathe out as you lean back.",
            "Spread your rounds through the day: one after each long spell of sitting.",
        ],
        "stop_rules": [
            "Stop if symptoms spread further down your leg or get worse, and tell the clinic.",
        ],
        "contraindications": [
            c(
                "extension_intolerant",
                "hide",
                "Arching back makes your pain worse: do not do this one.",
            ),
            c(
                "spondylolisthesis",
                "approval",
                "Repeated arching needs your clinician's approval.",
            ),
            c(
                "balance_impairment",
                "caution",
                "Stand with your back near a wall or counter and lean only a little.",
            ),
            c("pregnancy", "caution", "Lean back only a little; your balance point changes."),
            SURGERY,
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
]
