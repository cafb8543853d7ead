"""Demo data for the programs side: library, templates, programs and portal activity.

Each step is idempotent and runs after the clinic's demo data (see seed_demo).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import Patient

from .adherence import program_start
from .models import Exercise, Program, ProgramItem, ProgramRevision, SessionLog
from .services import publish_program


def seed(*, staff, patients) -> None:
    """Later steps (library, templates, programs, logs) are added here as they are built."""
    seed_portal_activity(patients=patients)


# --- portal activity: six weeks of session logs ------------------------------------------------

DEMO_WEEKS = 6

# Library exercises for each demo patient's simple program when the library is loaded
# (the clinic's starter, CLINICAL §5.4; hip-safe choices for Frank's posterior hip replacement).
STARTER_SLUGS = {
    "rivera": [
        "ais-bent-knee-hamstring",
        "ais-knee-to-opposite-shoulder",
        "ais-hip-external-rotators",
        "posterior-pelvic-tilt",
        "glute-bridge",
        "supine-sciatic-nerve-slider",
        "graded-walking",
    ],
    "natarajan": [
        "ais-single-knee-to-chest",
        "ais-hip-flexors-side-lying",
        "abdominal-brace",
        "glute-bridge",
        "bird-dog",
        "graded-walking",
    ],
    "delgado": ["abdominal-brace", "posterior-pelvic-tilt", "glute-bridge", "graded-walking"],
}
# Only when no exercise exists at all (the library is loaded by its own step).
FALLBACK_EXERCISES = [
    {
        "slug": "portal-demo-knee-to-chest",
        "name": "Knee to chest",
        "category": Exercise.Category.MOBILITY,
        "start_position": "Lie on your back with both knees bent and feet flat.",
        "steps": [
            "Bring one knee toward your chest, holding behind the thigh.",
            "Hold gently, breathing out.",
            "Lower the leg slowly and relax.",
        ],
        "reps": 10,
        "hold_s": 5,
        "per_side": True,
    },
    {
        "slug": "portal-demo-pelvic-tilt",
        "name": "Pelvic tilt",
        "category": Exercise.Category.STABILISATION,
        "start_position": "Lie on your back with both knees bent and feet flat.",
        "steps": [
            "Tighten your stomach and flatten your low back into the floor.",
            "Hold, breathing normally.",
            "Relax.",
        ],
        "reps": 10,
        "hold_s": 5,
    },
    {
        "slug": "portal-demo-walk",
        "name": "Easy walk",
        "category": Exercise.Category.AEROBIC,
        "steps": ["Walk at a comfortable pace on level ground."],
        "reps": None,
        "duration_min": 15,
    },
]


@dataclass(frozen=True)
class Story:
    """How one demo patient's logs look, as a function of the day since the program start."""

    title: str
    logs_on: Callable[[int, random.Random], bool]
    pain: Callable[[int, random.Random], tuple[int, int]]
    legs: Callable[[int, random.Random], str]
    last_day: int | None  # the last day index with a log (None: up to yesterday)
    comments: dict[int, str]


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


STORIES = {
    # Jordan: typical sciatica, improving steadily and centralising.
    "rivera": Story(
        title="Sciatica starter",
        logs_on=lambda day, rng: rng.random() < 0.88,
        pain=lambda day, rng: (
            _clamp(6 - 4 * min(day, 40) / 40 + rng.choice((-1, 0, 0, 1))),
            _clamp(7 - 5 * min(day, 40) / 40 + rng.choice((-1, 0, 0, 1))),
        ),
        legs=lambda day, rng: "moved_up" if day > 10 and rng.random() < 0.5 else "same",
        last_day=None,
        comments={
            3: "The hamstring stretch pulls behind my knee, so I kept it small.",
            17: "Sitting at work is easier this week.",
            33: "Walked to the station and back with hardly any leg pain.",
        },
    ),
    # Priya: pain rising by more than 2 points, and symptoms further down the leg last week.
    "natarajan": Story(
        title="Low back and hip program",
        logs_on=lambda day, rng: day >= DEMO_WEEKS * 7 - 6 or rng.random() < 0.75,
        pain=lambda day, rng: (
            _clamp(4 + (3 * (day - 26) / 14 if day > 26 else 0) + rng.choice((0, 0, 1))),
            _clamp(3 + (3.5 * (day - 26) / 14 if day > 26 else 0) + rng.choice((-1, 0, 0))),
        ),
        legs=lambda day, rng: "further_down" if day >= 37 and day % 2 else "same",
        last_day=None,
        comments={
            8: "Bridges feel good.",
            30: "Long drive to see family, back stiff afterwards.",
            38: "Tingling reaches my calf now after sitting. I stopped the bridge.",
        },
    ),
    # Frank: logged well for a month, then nothing for more than a week.
    "delgado": Story(
        title="Hip-safe back program",
        logs_on=lambda day, rng: rng.random() < 0.7,
        pain=lambda day, rng: (3 + rng.choice((0, 0, 1)), 1 + rng.choice((0, 0, 1))),
        legs=lambda day, rng: "none",
        last_day=DEMO_WEEKS * 7 - 9,
        comments={12: "Kept the knee below the hip as Sam showed me."},
    ),
}


def _starter_exercises(key: str) -> list[Exercise]:
    slugs = STARTER_SLUGS[key]
    library = {e.slug: e for e in Exercise.objects.active().filter(slug__in=slugs)}
    chosen = [library[slug] for slug in slugs if slug in library]
    if len(chosen) < 3:
        chosen += list(Exercise.objects.active().exclude(pk__in=[e.pk for e in chosen])[:4])
    if chosen:
        return chosen
    made = []
    for spec in FALLBACK_EXERCISES:
        exercise, _ = Exercise.objects.get_or_create(slug=spec["slug"], defaults=spec)
        made.append(exercise)
    return made


def _demo_program(key: str, patient: Patient, story: Story, start: date) -> Program | None:
    """The patient's current program; a simple one is published only if they have none."""
    program = (
        Program.objects.filter(patient=patient, current_revision__isnull=False)
        .exclude(status=Program.Status.ARCHIVED)
        .order_by("created_at")
        .first()
    )
    if program is not None or patient.therapist is None:
        return program
    program = Program.objects.create(
        patient=patient,
        therapist=patient.therapist,
        title=story.title,
        goals="Walk 30 minutes without leg pain.\nSit through a work meeting comfortably.",
        notes="Do the stretches in the order shown, after a short walk to warm up. "
        "Everything within comfort: a light stretch, never pain.",
        start_date=start,
        review_date=timezone.localdate() + timedelta(days=10),
    )
    for order, exercise in enumerate(_starter_exercises(key)):
        item = ProgramItem(program=program, exercise=exercise, order=order)
        item.apply_exercise_defaults(exercise)
        if order == 0:
            item.note = "Tighter side first. Keep the assist gentle."
        item.save()
    try:
        publish_program(program=program, published_by=patient.therapist)
    except ValidationError:
        return None  # the patient needs clearance: no program, so no logs either
    program.refresh_from_db()
    return program


def _backdate(program: Program, start: date) -> None:
    """Fictional history: the demo program started six weeks ago (set once, before any log)."""
    first = program.revisions.order_by("number").first()
    if program.start_date > start:
        Program.objects.filter(pk=program.pk).update(start_date=start)
        program.start_date = start
    if first and timezone.localdate(first.published_at) > start:
        published = timezone.make_aware(datetime.combine(start, time(10)))
        ProgramRevision.objects.filter(pk=first.pk).update(published_at=published)


def seed_portal_activity(*, patients: dict[str, Patient], today: date | None = None) -> int:
    """Six weeks of session logs for the demo patients with portal accounts.

    Each story shows one dashboard case (see programs/adherence.py). Re-running adds only the
    days that are missing up to yesterday, so the stories stay true on later days.
    Returns the number of logs created.
    """
    today = today or timezone.localdate()
    created = 0
    for key, story in STORIES.items():
        patient = patients.get(key)
        if patient is None or patient.user_id is None:
            continue
        first_start = today - timedelta(days=DEMO_WEEKS * 7)
        program = _demo_program(key, patient, story, first_start)
        if program is None:
            continue
        if not program.session_logs.exists():
            _backdate(program, first_start)
        first_published = program.revisions.order_by("number").values_list(
            "published_at", flat=True
        )[0]
        start = program_start(program.start_date, first_published)
        revision = program.current_revision
        positions = [item["position"] for item in revision.items]
        existing = set(program.session_logs.values_list("date", flat=True))
        last_day = (today - start).days - 1 if story.last_day is None else story.last_day
        new_logs = []
        for day in range(0, last_day + 1):
            when = start + timedelta(days=day)
            rng = random.Random(f"{key}-{day}")  # noqa: S311 (demo data, not security)
            wanted = story.logs_on(day, rng) or day in story.comments
            if when in existing or when >= today or not wanted:
                continue
            back, leg = story.pain(day, rng)
            done = positions if rng.random() < 0.85 else positions[: max(1, len(positions) // 2)]
            new_logs.append(
                SessionLog(
                    patient=patient,
                    program=program,
                    revision=revision,
                    date=when,
                    exercises_done=done,
                    back_pain=back,
                    leg_pain=leg,
                    leg_symptoms=story.legs(day, rng),
                    comment=story.comments.get(day, ""),
                )
            )
        SessionLog.objects.bulk_create(new_logs)
        created += len(new_logs)
    return created
