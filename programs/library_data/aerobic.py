"""Walking and fitness.

Exercise 36 of the library (category "aerobic").
"""

from __future__ import annotations

from .blocks import SURGERY, c, dose

EXERCISES: list[dict] = [
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
        "start_position": "Choose a level route you can walk for your set time without your "
        "symptoms increasing.",
        "steps": [
            "Walk at a comfortable pace for your starting time.",
            "If your symptoms are no worse the next morning, add about 10 % (a minute or "
            "two) every few days.",
            "If they are worse, go back to the last time that felt fine.",
        ],
        "agonist": "",
        "dose": dose(duration_min=5),
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
            c(
                "balance_impairment",
                "caution",
                "Walk with a stick or with someone, on level ground.",
            ),
            c(
                "extension_intolerant",
                "caution",
                "Take short walks with rests sitting down, or lean forward a little (walk "
                "uphill on a treadmill or push a shopping cart).",
            ),
            SURGERY,
        ],
        "precaution_notes": "Stenosis pattern: shorter bouts with sitting breaks or slight "
        "forward lean. Progressive leg weakness: follow the red-flag pathway.",
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
