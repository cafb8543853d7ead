"""Everyday movement practice: bending at the hips and getting up from a chair.

Exercises 28 and 29 of the library (category "functional").
"""

from __future__ import annotations

from .blocks import EXERCISE_EVIDENCE, SIT, STAND, SURGERY, c, dose, when_easy

EXERCISES: list[dict] = [
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
        "dose": dose(sets=2, reps=10, rest_s=30),
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
            c(
                "balance_impairment",
                "caution",
                "Stand next to a kitchen counter or sturdy chair you can hold.",
            ),
            SURGERY,
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
                **STAND,
                "r_hand": {"at": "neck_top", "boff": [-14, 2, -4]},
                "l_hand": {"at": "sacrum", "boff": [-5, 2, 4]},
                "r_arm_pole": [0, 1, 1],
                "l_arm_pole": [0, -1, 1],
            },
            "end": {
                **STAND,
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
        "dose": dose(sets=2, reps=8, rest_s=30),
        "per_side": False,
        "tempo": "About 2 s up, 3 s down",
        "cues": [
            "Breathe out as you stand up.",
            when_easy("add 2 repetitions"),
            "Too hard? Use a higher seat or push with your hands.",
            "Put the chair against a wall so it cannot slide.",
        ],
        "stop_rules": [],
        "contraindications": [
            c(
                "hip_replacement_posterior",
                "caution",
                "Use a high seat and do not lean so far that the hips bend past a right angle.",
            ),
            c(
                "balance_impairment",
                "caution",
                "Have a sturdy support within reach and stand up slowly.",
            ),
            SURGERY,
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
                **SIT,
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
]
