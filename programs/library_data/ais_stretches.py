"""Active Isolated Stretches: each muscle is stretched by tightening the one opposite it.

Exercises 1 to 15 of the library (category "ais_stretch").
"""

from __future__ import annotations

from .blocks import (
    AIS_EVIDENCE,
    AIS_TEMPO,
    BREATHE_STRETCH,
    HANDS_BEHIND_R_THIGH,
    HOOK_L,
    HOOK_R,
    PREG_SUPINE,
    ROPE_HANDS,
    SIDE_LYING_HUG,
    SIT,
    SUPINE,
    ais,
    ais_dose,
    c,
    when_easy,
)

EXERCISES: list[dict] = [
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep your head and low back resting on the floor.",
            "Aim for a light stretch, never pain.",
            "You can loop a rope around your foot instead of using your hands.",
        ],
        "stop_rules": ["Stop if you feel tingling or pins and needles below the knee."],
        "contraindications": ais(
            c(
                "acute_radicular",
                "caution",
                "Stay short of any leg tingling, or do the nerve slider lying on your back "
                "instead.",
            ),
            c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hip bent no more than a right angle (90°).",
            ),
            PREG_SUPINE,
        ),
        "precaution_notes": "With sciatica, keep the range short of leg symptoms or swap for the "
        "supine nerve slider (#30). After a posterior hip replacement keep hip flexion at or "
        "below 90°.",
        "progressions": ["ais-straight-leg-hamstring"],
        # Not the nerve slider: a regression is stored as the slider's progression, and a
        # nerve glide progresses to another glide, never to a hamstring stretch.
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat"],
            "start": {**SUPINE, **HOOK_L, **HANDS_BEHIND_R_THIGH, "r_hip": 90, "r_knee": 90},
            "end": {**SUPINE, **HOOK_L, **HANDS_BEHIND_R_THIGH, "r_hip": 90, "r_ankle": 5},
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
        "dose": ais_dose(),
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
        "contraindications": ais(
            c(
                "acute_radicular",
                "hide",
                "This stretch pulls on the sciatic nerve (the big nerve down the back of the "
                "leg). Use the nerve slider (#30) or the bent-knee version (#1) instead.",
            ),
            c(
                "hip_replacement_posterior",
                "caution",
                "Keep the leg below a right angle (90°) at the hip.",
            ),
            PREG_SUPINE,
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
            "start": {**SUPINE, **HOOK_L, **ROPE_HANDS, "r_ankle": 10},
            "end": {**SUPINE, **HOOK_L, **ROPE_HANDS, "r_hip": 78, "r_ankle": 10},
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Hands go behind your thigh so there is no pressure on the kneecap.",
            "Keep the other leg relaxed.",
        ],
        "stop_rules": ["Stop if you feel a pinch deep in the front of your hip or groin."],
        "contraindications": ais(
            c(
                "flexion_intolerant",
                "caution",
                "Bending forward makes your pain worse: use a small range, or choose another "
                "stretch.",
            ),
            c("osteoporosis", "caution", "Move gently and do not force the knee in."),
            c(
                "hip_replacement_posterior",
                "caution",
                "Bring the knee up only to a right angle (90°) at the hip.",
            ),
            PREG_SUPINE,
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
            "start": {**SUPINE},
            "end": {
                **SUPINE,
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
        "dose": ais_dose(reps=8),
        "per_side": False,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            when_easy("add 2 repetitions"),
            "Lower one foot at a time to protect your back.",
        ],
        "stop_rules": ["Stop if bending forward sends pain further into your leg."],
        "contraindications": ais(
            c(
                "flexion_intolerant",
                "hide",
                "Bending forward makes your pain worse: do not do this one.",
            ),
            c("osteoporosis", "hide", "End-range bending of the spine is not advised."),
            c(
                "pregnancy",
                "hide",
                "Not advised after about 16 weeks (pressure on the bump, time on the back).",
            ),
            c(
                "hip_replacement_posterior",
                "hide",
                "Bends the hips far past a right angle (90°).",
            ),
            c(
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
            "start": {**SUPINE, **HOOK_L, **HOOK_R},
            "end": {
                **SUPINE,
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
        "dose": ais_dose(),
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
        "contraindications": ais(
            c(
                "hip_replacement_posterior",
                "hide",
                "Crosses the midline with the hip bent: not allowed after a posterior hip "
                "replacement.",
            ),
            c(
                "acute_radicular",
                "caution",
                "Keep it gentle and stop if leg tingling starts.",
            ),
            PREG_SUPINE,
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
                **SUPINE,
                **HOOK_L,
                "r_hip": 80,
                "r_knee": 100,
                "l_hand": {"at": "r_knee_out"},
            },
            "end": {
                **SUPINE,
                **HOOK_L,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Your knee stays over your hip. Only the foot moves.",
            "You can support the thigh with your other hand.",
        ],
        "stop_rules": ["Stop if you feel pain in or around the knee."],
        "contraindications": ais(
            c(
                "hip_replacement_posterior",
                "hide",
                "Turns the hip inward when it is bent: not allowed after a posterior hip "
                "replacement.",
            ),
            PREG_SUPINE,
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
                **SUPINE,
                "r_hip": 90,
                "r_knee": 90,
                "r_hand": {"at": "r_ankle_out", "off": [-22, 2, 16]},
                "l_hand": {"at": "r_knee_in"},
            },
            "end": {
                **SUPINE,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [BREATHE_STRETCH, "Your knee stays over your hip. Only the foot moves."],
        "stop_rules": ["Stop if you feel pain in or around the knee."],
        "contraindications": ais(
            c(
                "hip_replacement_anterior",
                "approval",
                "Turns the hip outward: check with your clinician first after an anterior hip "
                "replacement.",
            ),
            c(
                "hip_replacement_posterior",
                "caution",
                "Keep the hip bent no more than a right angle (90°).",
            ),
            PREG_SUPINE,
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
                **SUPINE,
                "r_hip": 90,
                "r_knee": 90,
                "l_hand": {"at": "r_ankle_in", "off": [-24, 2, -18]},
                "r_hand": {"at": "r_knee_out"},
            },
            "end": {
                **SUPINE,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep the knee straight and the toes turned slightly in.",
            "Keep your other leg and your pelvis still.",
        ],
        "stop_rules": ["Stop if you feel pain at the front of the pelvis or in the groin."],
        "contraindications": ais(
            c(
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
                **SUPINE,
                "r_hip_rot": 10,
                "r_hand": {"at": "r_ankle_in", "off": [-38, 0, 22]},
            },
            "end": {
                **SUPINE,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [BREATHE_STRETCH, "Keep both hips on the floor. Do not roll onto your side."],
        "stop_rules": [],
        "contraindications": ais(
            c(
                "hip_replacement_posterior",
                "hide",
                "Moves the leg across the midline: not allowed after a posterior hip replacement.",
            ),
            PREG_SUPINE,
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
                **SUPINE,
                "r_hip": 12,
                "l_hand": {"at": "r_ankle_out", "off": [-40, 0, -44]},
            },
            "end": {
                **SUPINE,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep the bottom knee hugged in the whole time.",
            "Tuck your tailbone under a little so the stretch stays at the front of the hip.",
        ],
        "stop_rules": ["Stop if your low back pinches or aches as the leg moves back."],
        "contraindications": ais(
            c(
                "hip_replacement_anterior",
                "approval",
                "Moves the hip backward: check with your clinician first after an anterior hip "
                "replacement.",
            ),
            c(
                "extension_intolerant",
                "caution",
                "Keep the pelvis tucked under and the movement small so your back does not arch.",
            ),
            c(
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
            "start": {**SIDE_LYING_HUG, "l_hand": {"at": "pelvis", "boff": [2, 6, 14]}},
            "end": {
                **SIDE_LYING_HUG,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep your low back flat. Do not arch it to get the thigh further back.",
            "If you cannot reach your ankle, loop a rope around it.",
        ],
        "stop_rules": ["Stop if you feel pain in the knee. Bend it less next time."],
        "contraindications": ais(
            c(
                "hip_replacement_anterior",
                "approval",
                "Moves the hip backward: check with your clinician first after an anterior hip "
                "replacement.",
            ),
            c(
                "extension_intolerant",
                "caution",
                "Skip the backward thigh movement so your back does not arch.",
            ),
            c(
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
                **SIDE_LYING_HUG,
                "l_knee": 30,
                "l_hand": {"at": "pelvis", "boff": [2, 6, 14]},
            },
            "end": {
                **SIDE_LYING_HUG,
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
        "dose": ais_dose(reps=8),
        "per_side": False,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            when_easy("add 2 repetitions"),
            "If you feel dizzy, slow down and sit up more slowly.",
        ],
        "stop_rules": ["Stop if you feel dizzy or light-headed."],
        "contraindications": ais(
            c("osteoporosis", "hide", "Loaded forward bending of the spine is not advised."),
            c(
                "flexion_intolerant",
                "hide",
                "Bending forward makes your pain worse: do not do this one.",
            ),
            c(
                "hip_replacement_posterior",
                "hide",
                "Bends the hips far past a right angle (90°).",
            ),
            c(
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
                **SIT,
                "r_hip_abd": 14,
                "l_hip_abd": 14,
                "r_hand": {"at": "r_thigh_top"},
                "l_hand": {"at": "l_thigh_top"},
            },
            "end": {
                **SIT,
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
        "dose": ais_dose(),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Keep both sitting bones down on the chair.",
            "Bend straight to the side, not forward.",
        ],
        "stop_rules": ["Stop if you feel any symptoms in your leg."],
        "contraindications": ais(
            c("osteoporosis", "caution", "Use a small, slow side bend and do not push at the end."),
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
                **SIT,
                "r_hip_abd": 10,
                "l_hip_abd": 10,
                "r_hand": {"at": "r_thigh_top", "off": [-6, 0, 8]},
                "l_hand": {"at": "chest", "coff": [12, -20, -6]},
                "l_arm_pole": [0, -1, 0.3],
            },
            "end": {
                **SIT,
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
        "dose": ais_dose(reps=8),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            when_easy("add 2 repetitions"),
            "Sit tall: turn around your spine as if it were a pole.",
        ],
        "stop_rules": ["Stop if the twist gives you a sharp pain in the back."],
        "contraindications": ais(
            c("osteoporosis", "hide", "End-range twisting of the spine is not advised."),
            c(
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
                **SIT,
                "r_hand": {"at": "l_shoulder", "coff": [10, -6, 0]},
                "l_hand": {"at": "r_shoulder", "coff": [10, -10, 0]},
                "r_arm_pole": [0.2, -1, 0.5],
                "l_arm_pole": [0.2, -1, 0.5],
            },
            "end": {
                **SIT,
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
            "Alternate your sets: knee straight, then knee slightly bent to reach the deeper "
            "calf muscle (soleus).",
        ],
        "agonist": "front of the shin (tibialis anterior)",
        "dose": ais_dose(sets=2),
        "per_side": True,
        "tempo": AIS_TEMPO,
        "cues": [
            BREATHE_STRETCH,
            "Alternate your sets: knee straight, then knee slightly bent.",
        ],
        "stop_rules": [
            "Do not do this if your calf is newly painful, swollen, warm or red. That can be a "
            "blood clot: get medical advice the same day.",
        ],
        "contraindications": ais(
            c(
                "acute_radicular",
                "caution",
                "Keep the leg flat on the floor or the knee bent; pulling the foot up with the "
                "leg raised stretches the nerve.",
            ),
            PREG_SUPINE,
        ),
        "precaution_notes": "Suspected DVT (calf pain with swelling): do not stretch; follow "
        "the emergency advice.",
        "progressions": [],
        "regressions": [],
        "evidence_note": AIS_EVIDENCE,
        "figure": {
            "view": "side",
            "work": ["r_leg"],
            "props": ["mat", {"type": "rope", "from": "r_ball", "to": ["r_hand", "l_hand"]}],
            "start": {
                **SUPINE,
                **HOOK_L,
                "r_hip": 14,
                "r_ankle": -25,
                "r_hand": {"reach": "r_ball", "frac": 0.85},
                "l_hand": {"reach": "r_ball", "frac": 0.85},
            },
            "end": {
                **SUPINE,
                **HOOK_L,
                "r_hip": 14,
                "r_ankle": 22,
                "r_hand": {"reach": "r_ball", "frac": 0.85},
                "l_hand": {"reach": "r_ball", "frac": 0.85},
            },
            "highlight": {"region": "calf", "side": "r"},
            "arrow": {"joint": "r_toe", "pivot": "r_ankle", "gap": 8},
        },
    },
]
