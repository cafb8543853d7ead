"""Nerve gliding (neural mobility).

Exercises 30 and 31 of the library (category "neural").
"""

from __future__ import annotations

from .blocks import HOOK_L, PREG_SUPINE, SIT, SUPINE, SURGERY, c, dose, when_easy

EXERCISES: list[dict] = [
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
        "dose": dose(reps=10),
        "per_side": True,
        "tempo": "Slow and smooth: about 2 s each way",
        "cues": [
            "Breathe easily throughout.",
            "You should feel at most a mild, brief stretch.",
            "Simplest version: keep the knee a little bent and slowly point and flex your foot.",
            when_easy("add 2 slow cycles"),
        ],
        "stop_rules": [
            "Stop if symptoms last after you finish.",
            "Stop if you feel more than a mild, brief stretch behind the knee.",
        ],
        "contraindications": [
            c(
                "acute_radicular",
                "caution",
                "This is the preferred nerve exercise for you: keep it mid-range and stay short "
                "of symptoms.",
            ),
            c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hip bent no more than a right angle (90°).",
            ),
            PREG_SUPINE,
            SURGERY,
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
                **SUPINE,
                **HOOK_L,
                "r_hip": 85,
                "r_knee": 95,
                "neck": 34,
                "r_hand": {"at": "r_knee_back", "off": [0, 0, 4]},
                "l_hand": {"at": "r_knee_back", "off": [0, 0, -4]},
            },
            "end": {
                **SUPINE,
                **HOOK_L,
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
        "dose": dose(reps=10),
        "per_side": True,
        "tempo": "Slow and smooth: about 2 s each way",
        "cues": [
            "Breathe easily throughout.",
            "If slouching brings on symptoms, sit upright instead: it works just as well.",
            when_easy("add 2 cycles"),
        ],
        "stop_rules": [
            "Stop if symptoms last after you finish.",
            "Stop if you feel more than a mild, brief stretch.",
        ],
        "contraindications": [
            c(
                "acute_radicular",
                "caution",
                "Sit upright, keep the movement mid-range and stay short of symptoms.",
            ),
            c("flexion_intolerant", "caution", "Sit upright rather than slouched."),
            c("osteoporosis", "caution", "Sit upright rather than slouched."),
            c(
                "hip_replacement_posterior",
                "caution",
                "Use a higher seat and sit upright so the hip stays at or below a right angle.",
            ),
            SURGERY,
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
                **SIT,
                "lumbar": 14,
                "thorax": 10,
                "neck": 34,
                "r_hand": {"at": "sacrum", "boff": [-8, 6, -4]},
                "l_hand": {"at": "sacrum", "boff": [-8, 6, 4]},
                "r_arm_pole": [-1, -0.3, 0.5],
                "l_arm_pole": [-1, -0.3, 0.5],
            },
            "end": {
                **SIT,
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
]
