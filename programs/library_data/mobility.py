"""Gentle spine movement (mobility).

Exercise 26 of the library (category "mobility").
"""

from __future__ import annotations

from .blocks import EXERCISE_EVIDENCE, QUAD, SURGERY, c, dose, when_easy

EXERCISES: list[dict] = [
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
        "dose": dose(reps=8),
        "per_side": False,
        "tempo": "About 3 s each way, no pause at the ends",
        "cues": [
            "Breathe out as you round up, and breathe in as you let the back sag.",
            "It is a movement, not a stretch: do not push to the end.",
            when_easy("add 2 slow cycles"),
            "A good warm-up before other exercises.",
        ],
        "stop_rules": [],
        "contraindications": [
            c("osteoporosis", "caution", "Use a small range."),
            c("flexion_intolerant", "caution", "Round your back only a little."),
            c("extension_intolerant", "caution", "Let the back sag only a little."),
            c("spondylolisthesis", "caution", "Keep the sagging part small."),
            SURGERY,
        ],
        "precaution_notes": "Segmental mobility, mid-range only. Fine in pregnancy, gently.",
        "progressions": ["bird-dog"],
        "regressions": [],
        "evidence_note": EXERCISE_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["trunk"],
            "props": ["mat"],
            "start": {**QUAD, "arch": -12, "neck": 35},
            "end": {**QUAD, "arch": 9, "neck": -15},
            "highlight": {"region": "back"},
            "arrow": {"joint": "upper_back", "dir": [0, 1], "off": [0, -30], "min_len": 16},
        },
    },
]
