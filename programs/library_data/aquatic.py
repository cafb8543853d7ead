"""Pool exercises.

Exercises 34 and 35 of the library (category "aquatic").
"""

from __future__ import annotations

from .blocks import SURGERY, c, dose

EXERCISES: list[dict] = [
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
            "Walk forward for most of your time.",
            "Then walk backward for a short spell.",
            "Then walk sideways for a short spell each way.",
            "Stand tall, tighten your stomach lightly and let your arms swing normally.",
        ],
        "agonist": "",
        "dose": dose(duration_min=10, days_per_week=2),
        "per_side": False,
        "tempo": "",
        "cues": [
            "Breathe easily; you should be able to talk.",
            "Build up slowly: longer time first, then a faster pace.",
            "Later, deep-water running with a flotation belt is a next step.",
        ],
        "stop_rules": ["Get out and rest if you feel dizzy, short of breath or unwell."],
        "contraindications": [
            c(
                "aquatic_precaution",
                "hide",
                "The pool is not suitable for you right now (see your intake answers).",
            ),
            c(
                "non_swimmer",
                "caution",
                "You do not need to swim for this. Stay in water no deeper than your chest, "
                "within reach of the rail or wall, and wear a float belt.",
            ),
            c("cardiovascular", "caution", "Avoid very warm pools; keep the pace easy."),
            c("balance_impairment", "caution", "Stay within reach of the rail or wall."),
            SURGERY,
        ],
        "precaution_notes": "Pool precautions (hide): open wounds, uncontrolled epilepsy, "
        "unstable cardiac or respiratory disease, etc. Non-swimmers are not excluded: shallow "
        "water with a flotation belt or rail (caution).",
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
        "dose": dose(duration_min=10, days_per_week=2),
        "per_side": False,
        "tempo": "",
        "cues": [
            "Breathe out steadily into the water.",
            "When your symptoms are settled the next morning, add about 10 % more time each "
            "week. Check with your therapist first.",
            "Push off the wall gently.",
        ],
        "stop_rules": [
            "Avoid breaststroke frog kick, butterfly and hard push-offs if they bring on pain.",
            "Get out and rest if you feel dizzy, short of breath or unwell.",
        ],
        "contraindications": [
            c(
                "aquatic_precaution",
                "hide",
                "The pool is not suitable for you right now (see your intake answers).",
            ),
            c(
                "non_swimmer",
                "hide",
                "Swimming is not for you yet: walking in the pool gives the same support.",
            ),
            c("cardiovascular", "caution", "Avoid very warm pools; keep the pace easy."),
            c(
                "extension_intolerant",
                "caution",
                "Prefer backstroke, or use a snorkel so you do not arch to breathe.",
            ),
            SURGERY,
        ],
        "precaution_notes": "Default to freestyle/backstroke with a relaxed kick (clinical "
        "convention). The pool precautions apply, and it is hidden for non-swimmers (pool walking "
        "instead).",
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
]
