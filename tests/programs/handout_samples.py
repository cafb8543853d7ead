"""Realistic, fictional exercises with drawable figures, for handout tests and the benchmark.

The figure dicts follow programs/figures/; the text is in plain words, as the library's is.
`sample_program(patient=..., items=N)` publishes a program of N of them (cycling) through the
real publish service, so the snapshot is exactly what a therapist would produce.
"""

from programs.models import Exercise, Side
from tests.factories import ExerciseFactory, ProgramFactory, ProgramItemFactory, screened

FIGURES = {
    "straight-leg": {
        "view": "side",
        "work": ["r_leg"],
        "props": ["mat", {"type": "rope", "from": "r_arch", "to": ["r_hand", "l_hand"]}],
        "start": {
            "trunk": 180,
            "r_knee": 0,
            "l_hip": 40,
            "l_knee": 80,
            "r_hand": {"at": "r_knee"},
            "l_hand": {"at": "r_knee"},
        },
        "end": {
            "trunk": 180,
            "r_hip": 80,
            "l_hip": 40,
            "l_knee": 80,
            "r_hand": {"reach": "r_arch", "frac": 0.8},
            "l_hand": {"reach": "r_arch", "frac": 0.8},
        },
        "plant": ["l_foot"],
        "highlight": {"region": "hamstrings", "side": "r"},
        "arrow": {"joint": "r_ankle", "pivot": "r_hip"},
    },
    "bridge": {
        "view": "side",
        "work": ["trunk"],
        "props": ["mat"],
        "start": {"trunk": 180, "r_hip": 50, "l_hip": 50, "r_knee": 100, "l_knee": 100},
        "end": {"trunk": 200, "r_hip": 25, "l_hip": 25, "r_knee": 95, "l_knee": 95},
        "plant": ["r_foot", "l_foot"],
        "highlight": {"region": "gluteals", "side": "r"},
        "arrow": {"joint": "r_hip", "pivot": "r_knee"},
    },
    "press-up": {
        "view": "side",
        "work": ["trunk"],
        "props": ["mat"],
        "start": {
            "trunk": 0,
            "roll": 180,
            "r_shoulder": 150,
            "l_shoulder": 150,
            "r_elbow": 100,
            "l_elbow": 100,
        },
        "end": {
            "trunk": 0,
            "roll": 180,
            "lumbar": 35,
            "thorax": 15,
            "r_shoulder": 15,
            "l_shoulder": 15,
            "r_elbow": 0,
            "l_elbow": 0,
        },
        "plant": ["r_foot", "l_foot"],
        "highlight": {"region": "lumbar", "side": "r"},
    },
    "slider": {
        "view": "side",
        "work": ["r_leg"],
        "props": ["chair"],
        "start": {"r_hip": 90, "l_hip": 90, "r_knee": 90, "l_knee": 90, "neck": 30},
        "end": {"r_hip": 90, "l_hip": 90, "r_knee": 10, "l_knee": 90, "neck": -10, "r_ankle": 10},
        "highlight": {"region": "sciatic", "side": "r"},
        "arrow": {"joint": "r_ankle", "pivot": "r_knee"},
    },
    "walk": {
        "view": "side",
        "start": {
            "r_hip": 20,
            "l_hip": -15,
            "r_knee": 10,
            "l_knee": 10,
            "r_shoulder": -20,
            "l_shoulder": 20,
        },
        "end": {
            "r_hip": -15,
            "l_hip": 20,
            "r_knee": 10,
            "l_knee": 10,
            "r_shoulder": 20,
            "l_shoulder": -20,
        },
    },
}

EXERCISES = [
    {
        "slug": "sample-ais-straight-leg-hamstring",
        "name": "AIS straight-leg hamstring stretch",
        "category": Exercise.Category.AIS_STRETCH,
        "summary": "Lengthens the back of the thigh without straining the low back.",
        "equipment": ["rope or strap", "mat"],
        "start_position": "Lie on your back with the other knee bent. Loop the rope around the "
        "arch of your working foot.",
        "steps": [
            "Tighten the front of your thigh and lift the straight leg as high as it goes.",
            "Walk your hands up the rope and help gently for up to 2 seconds, breathing out.",
            "Lower the leg all the way down and relax before the next one.",
        ],
        "agonist": "front of the thigh (quadriceps)",
        "cues": ["Keep your low back relaxed on the floor.", "Toes gently pulled toward you."],
        "stop_rules": ["Tingling below the knee: make the movement smaller."],
        "precaution_notes": "If your leg pain is sharp today, lift only halfway.",
        "reps": 10,
        "hold_s": 2,
        "per_side": True,
        "tempo": "Up in 2 s, help 2 s, down in 2 s",
        "figure": FIGURES["straight-leg"],
    },
    {
        "slug": "sample-bridge",
        "name": "Bridge",
        "category": Exercise.Category.STABILISATION,
        "summary": "Strengthens the buttock muscles that steady your pelvis.",
        "equipment": ["mat"],
        "start_position": "Lie on your back, knees bent, feet flat and hip-width apart.",
        "steps": [
            "Gently draw your belly button in.",
            "Squeeze your buttocks and lift your hips until your body is a straight line.",
            "Hold, then lower slowly one segment at a time.",
        ],
        "cues": ["Breathe out as you lift.", "Don't arch your back at the top."],
        "stop_rules": [],
        "reps": 10,
        "hold_s": 5,
        "sets": 2,
        "figure": FIGURES["bridge"],
    },
    {
        "slug": "sample-prone-press-up",
        "name": "Prone press-up",
        "category": Exercise.Category.MCKENZIE,
        "summary": "Gently arches the low back; often eases leg symptoms.",
        "equipment": ["mat"],
        "start_position": "Lie on your front with your hands under your shoulders.",
        "steps": [
            "Keep your hips on the floor and push your upper body up with your arms.",
            "Let your low back sag and relax at the top.",
            "Lower slowly.",
        ],
        "cues": ["Your buttocks stay relaxed."],
        "stop_rules": ["Pain that moves further down your leg."],
        "reps": 10,
        "hold_s": 2,
        "figure": FIGURES["press-up"],
    },
    {
        "slug": "sample-sciatic-slider",
        "name": "Seated sciatic nerve slider",
        "category": Exercise.Category.NEURAL,
        "summary": "Helps the sciatic nerve glide freely; it should never hurt.",
        "equipment": ["chair"],
        "start_position": "Sit tall on a firm chair with your chin tucked.",
        "steps": [
            "Straighten the knee and pull your toes up while you look up.",
            "Bend the knee back down while you tuck your chin.",
            "Keep the movement smooth and easy.",
        ],
        "cues": ["A gentle pull is fine; tingling is not."],
        "stop_rules": ["Tingling or numbness that lasts after you stop."],
        "reps": 12,
        "hold_s": None,
        "per_side": True,
        "figure": FIGURES["slider"],
    },
    {
        "slug": "sample-walking",
        "name": "Walking",
        "category": Exercise.Category.AEROBIC,
        "summary": "Keeps your back moving and your circulation going.",
        "equipment": [],
        "start_position": "Comfortable shoes, flat ground to start with.",
        "steps": [
            "Walk at a pace where you can still talk.",
            "Add 2 minutes every few days if your symptoms stay steady.",
        ],
        "cues": ["Short walks often beat one long walk."],
        "stop_rules": [],
        "reps": None,
        "hold_s": None,
        "duration_min": 15,
        "figure": FIGURES["walk"],
    },
]


def _varied(figure: dict, step: int) -> dict:
    """The same figure with the working hip bent a little further, so its pictures differ."""
    figure = {**figure, "end": dict(figure["end"])}
    figure["end"]["r_hip"] = figure["end"].get("r_hip", 0) + 3 * step
    return figure


def sample_exercise(n: int, *, distinct: bool = False) -> Exercise:
    """The n-th sample exercise; with `distinct`, each n is its own exercise and pictures."""
    data = dict(EXERCISES[n % len(EXERCISES)])
    if distinct and n >= len(EXERCISES):
        step = n // len(EXERCISES)
        data["slug"] = f"{data['slug']}-{step}"
        data["name"] = f"{data['name']} (variation {step})"
        data["figure"] = _varied(data["figure"], step)
    return ExerciseFactory(**data)


def sample_program(
    *, patient=None, items: int = 5, by=None, notes: bool = True, distinct: bool = False, **fields
):
    """A published program of `items` sample exercises (repeating after five unless distinct)."""
    from programs.services import publish_program

    fields.setdefault("title", "Sciatica starter program")
    fields.setdefault(
        "goals", "Sit through a full work meeting without leg pain.\nWalk the dog for 30 minutes."
    )
    program = ProgramFactory(**({"patient": screened(patient)} if patient else {}), **fields)
    for n in range(items):
        exercise = sample_exercise(n, distinct=distinct)
        item = ProgramItemFactory.build(program=program, exercise=exercise, order=n)
        item.apply_exercise_defaults(exercise)
        if exercise.per_side:
            item.side = Side.BOTH
        if notes and n == 0:
            item.note = "Do this one first thing in the morning, after a short walk."
        item.save()
    publish_program(program=program, by=by or program.therapist)
    program.refresh_from_db()
    return program


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as a reader (or pdftotext) would get it."""
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without whitespace, so a phrase that wrapped across lines still matches."""
    return "".join(text.split())
