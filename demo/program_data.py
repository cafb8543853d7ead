"""Demo data for the programs side: library, templates, programs and portal activity.

Each step is idempotent and runs after the clinic's demo data (see seed_demo). Templates and
programs refer to library exercises by slug, so they need the library loaded first
(`load_library`); until it is, they are skipped with a log message and the next run adds them.
"""

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clinic.models import Patient, User
from programs import services
from programs.adherence import program_start
from programs.library import load_library
from programs.models import (
    Exercise,
    Program,
    ProgramItem,
    ProgramRevision,
    ProtocolTemplate,
    SessionLog,
    TemplateItem,
)

log = logging.getLogger(__name__)

SCIATICA_STARTER = "Sciatica starter: AIS and stabilisation"
SACROILIAC = "Sacroiliac stabilisation"
GRAVITY_REDUCED = "Gravity-reduced: pool and walking"

# The clinic's protocol templates. Each item: (library slug, dose changes from the exercise's
# defaults).
TEMPLATES = [
    {
        "name": SCIATICA_STARTER,
        "description": "The clinic's default for sciatica or buttock pain with no red flags and "
        "no precaution hits: daily AIS for the hip and low back, gentle corrective work for the "
        "lumbar and sacroiliac joints, and walking. About 20–25 minutes a day. Keep the nerve "
        "slider only if symptoms reach below the knee.",
        "goals": "Ease buttock and leg pain, move more freely, and walk further each week.",
        "items": [
            ("ais-bent-knee-hamstring", {}),
            ("ais-knee-to-opposite-shoulder", {}),
            ("ais-hip-external-rotators", {}),
            ("ais-hip-flexors-side-lying", {}),
            ("ais-seated-side-bend", {}),
            ("abdominal-brace", {}),
            ("posterior-pelvic-tilt", {}),
            ("glute-bridge", {"reps": 8}),
            ("clamshell", {}),
            ("supine-sciatic-nerve-slider", {"times_per_day": 2}),
            ("graded-walking", {"duration_min": 10}),
        ],
    },
    {
        "name": SACROILIAC,
        "description": "For pain around the sacroiliac and iliolumbar area: strengthen the "
        "muscles that close the joint (gluteals, deep abdominals, side of the hip) and keep the "
        "hip supple with AIS. Progress one variable at a time after a week of stable symptoms.",
        "goals": "Steadier pelvis when walking and on stairs; less one-sided low-back pain.",
        "items": [
            ("abdominal-brace", {}),
            ("heel-slides", {}),
            ("glute-bridge", {}),
            ("clamshell", {}),
            ("side-lying-hip-abduction", {}),
            ("bird-dog", {}),
            ("modified-side-plank", {}),
            ("hip-hinge-dowel", {}),
            ("ais-hip-adductors", {}),
            ("ais-hip-flexors-side-lying", {}),
        ],
    },
    {
        "name": GRAVITY_REDUCED,
        "description": "For backs that settle when gravity is taken off them: chronic low-back "
        "pain, a stenosis pattern, or after a long lay-off. Pool work and graded walking, with a "
        "few gentle neutral-spine exercises on land. Add about 10 % a week if the next morning "
        "is no worse.",
        "goals": "Build up to 30 minutes of comfortable activity most days.",
        "items": [
            ("aquatic-walking", {"duration_min": 15}),
            ("swimming", {}),
            ("graded-walking", {"duration_min": 10}),
            ("cat-camel", {}),
            ("heel-slides", {}),
            ("abdominal-brace", {}),
            ("ais-single-knee-to-chest", {}),
        ],
    },
]

DELGADO_OVERRIDE = (
    "Surgeon cleared gentle hip rotation stretching at the 3-month review (letter on file). "
    "Keep the hip bent less than 90° and stop short of any pinch in the groin."
)


def seed(*, staff, patients) -> None:
    """Library, templates, programs, then six weeks of portal activity on those programs."""
    seed_library()
    templates = seed_templates(staff=staff)
    seed_programs(staff=staff, patients=patients, templates=templates)
    seed_portal_activity(patients=patients)


# --- library ----------------------------------------------------------------------------------


def seed_library() -> None:
    """The 36 shipped exercises; re-running keeps any edits made in the demo."""
    load_library()


# --- templates --------------------------------------------------------------------------------


def seed_templates(*, staff: dict[str, User]) -> dict[str, ProtocolTemplate]:
    """The clinic's three protocol templates, once their exercises are in the library."""
    author = staff["maya@restore.example"]
    templates = {}
    for spec in TEMPLATES:
        template = ProtocolTemplate.objects.filter(name=spec["name"]).first()
        if template is None:
            template = _create_template(spec, author)
        if template is not None:
            templates[spec["name"]] = template
    return templates


def _create_template(spec: dict, author: User) -> ProtocolTemplate | None:
    slugs = [slug for slug, _ in spec["items"]]
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in exercises]
    if missing:
        log.warning(
            "Skipped the template %r: these exercises are not in the library yet: %s. "
            "Load the library (manage.py load_library), then run seed_demo again.",
            spec["name"],
            ", ".join(missing),
        )
        return None
    template = ProtocolTemplate.objects.create(
        name=spec["name"],
        description=spec["description"],
        goals=spec["goals"],
        created_by=author,
    )
    for order, (slug, dose) in enumerate(spec["items"]):
        item = TemplateItem(template=template, exercise=exercises[slug], order=order)
        item.apply_exercise_defaults(exercises[slug])
        for name, value in dose.items():
            setattr(item, name, value)
        item.save()
    return template


# --- programs ---------------------------------------------------------------------------------


def _version(program: Program) -> int:
    program.refresh_from_db(fields=["version"])
    return program.version


def _item(program: Program, slug: str):
    return program.items.filter(exercise__slug=slug).first()


def _publish(program: Program, by: User, days_ago: int) -> ProgramRevision | None:
    try:
        revision = services.publish_program(program=program, by=by)
    except ValidationError as error:
        log.warning("Could not publish the demo program %r: %s", program.title, error.messages)
        return None
    # Demo history only: spread the versions over the past weeks so the history reads naturally.
    when = timezone.now() - timedelta(days=days_ago)
    ProgramRevision.objects.filter(pk=revision.pk).update(published_at=when)
    services.refresh_checkin_summary(program=program)  # the first version moved back
    return revision


def seed_programs(
    *,
    staff: dict[str, User],
    patients: dict[str, Patient],
    templates: dict[str, ProtocolTemplate],
) -> None:
    """Published programs for the demo patients. Brooks (emergency flag) gets none."""
    maya = staff["maya@restore.example"]
    sam = staff["sam@restore.example"]
    if "rivera" in patients:
        _seed_rivera(patients["rivera"], maya, templates.get(SCIATICA_STARTER))
    if "natarajan" in patients:
        _seed_from_template(
            patients["natarajan"], maya, templates.get(GRAVITY_REDUCED), days_ago=56
        )
    if "delgado" in patients:
        _seed_delgado(patients["delgado"], sam)


def _seed_from_template(patient, therapist, template, *, days_ago: int) -> Program | None:
    if template is None:
        log.warning("Skipped the demo program for %s: its template is not seeded yet.", patient)
        return None
    if Program.objects.filter(patient=patient, title=template.name).exists():
        return None
    today = timezone.localdate()
    result = services.create_program(
        patient=patient,
        by=therapist,
        template=template,
        start_date=today - timedelta(days=days_ago),
        review_date=today + timedelta(days=14),
    )
    _publish(result.program, therapist, days_ago)
    result.program.refresh_from_db()
    return result.program


def _seed_rivera(patient, maya, template) -> None:
    """Two versions: the starter, then the week-2 progression (visible in the history)."""
    program = _seed_from_template(patient, maya, template, days_ago=21)
    if program is None or program.current_revision_id is None:
        return
    bridge = _item(program, "glute-bridge")
    if bridge is not None:
        services.update_program_item(
            item=bridge,
            by=maya,
            expected_version=_version(program),
            dose={"reps": 10, "hold_s": 5},
        )
    clamshell = _item(program, "clamshell")
    if clamshell is not None:
        services.update_program_item(
            item=clamshell,
            by=maya,
            expected_version=_version(program),
            dose={"note": "Put a pillow between your knees if the top hip feels strained."},
        )
    bird_dog = Exercise.objects.filter(slug="bird-dog").first()
    if bird_dog is not None:
        services.add_program_item(
            program=program, exercise=bird_dog, by=maya, expected_version=_version(program)
        )
    # The nerve slider moves up to second: the leg symptoms settle best after it.
    ids = list(program.items.values_list("pk", flat=True))
    slider = _item(program, "supine-sciatic-nerve-slider")
    if slider is not None and len(ids) > 2:
        ids.remove(slider.pk)
        ids.insert(1, slider.pk)
        services.reorder_program_items(
            program=program, item_ids=ids, by=maya, expected_version=_version(program)
        )
    program.refresh_from_db()
    services.update_program_details(
        program=program,
        by=maya,
        expected_version=program.version,
        title=program.title,
        goals=program.goals,
        notes="Walk first for 5 minutes if you feel stiff. Do the stretches every day; the "
        "strengthening exercises on the days given.",
        start_date=program.start_date,
        review_date=program.review_date,
    )
    _publish(program, maya, days_ago=7)


def _seed_delgado(patient, sam) -> None:
    """A hip-safe program with one hidden exercise prescribed on the surgeon's say-so."""
    title = "Hip-safe strengthening"
    if Program.objects.filter(patient=patient, title=title).exists():
        return
    slugs = [
        "glute-bridge",
        "clamshell",
        "side-lying-hip-abduction",
        "ais-hip-external-rotators",
        "sit-to-stand",
        "graded-walking",
        # He cannot swim: pool walking shows him the float-belt caution instead of hiding.
        "aquatic-walking",
    ]
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)}
    if len(exercises) != len(slugs):
        log.warning("Skipped the demo program for %s: the library is not loaded yet.", patient)
        return
    today = timezone.localdate()
    program = services.create_program(
        patient=patient,
        by=sam,
        title=title,
        goals="Stronger hips for stairs and getting out of the car, within the hip precautions.",
        notes="Keep to your hip precautions: knees apart, no crossing your legs, and don't bend "
        "the hip past a right angle.",
        start_date=today - timedelta(days=10),
        review_date=today + timedelta(days=21),
    ).program
    for slug in slugs:
        services.add_program_item(
            program=program,
            exercise=exercises[slug],
            by=sam,
            expected_version=_version(program),
            override_reason=DELGADO_OVERRIDE if slug == "ais-hip-external-rotators" else "",
        )
    _publish(program, sam, days_ago=10)


# --- portal activity: six weeks of session logs ------------------------------------------------

DEMO_WEEKS = 6

# Library exercises for each demo patient's simple program when the library is loaded
# (the clinic's starter template; hip-safe choices for Frank's posterior hip replacement).
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
            _clamp(4 + 3 * min(max(day - 26, 0), 14) / 14 + rng.choice((0, 0, 1))),
            _clamp(3 + 3.5 * min(max(day - 26, 0), 14) / 14 + rng.choice((-1, 0, 0))),
        ),
        legs=lambda day, rng: "further_down" if day >= 37 and day % 2 else "same",
        last_day=None,
        comments={
            8: "Walking in the pool feels good.",
            30: "Long drive to see family, back stiff afterwards.",
            38: "Tingling reaches my calf now after sitting. I cut the walk short.",
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
    return [library[slug] for slug in slugs if slug in library]


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
    exercises = _starter_exercises(key)
    if not exercises:
        log.warning("Skipped the demo session logs for %s: the library is not loaded yet.", patient)
        return None
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
    for order, exercise in enumerate(exercises):
        item = ProgramItem(program=program, exercise=exercise, order=order)
        item.apply_exercise_defaults(exercise)
        if order == 0:
            item.note = "Tighter side first. Keep the assist gentle."
        item.save()
    try:
        services.publish_program(program=program, by=patient.therapist)
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
    # The published versions carry the start date too (the handout prints it): keep them in
    # step, with their content hashes.
    for revision in program.revisions.all():
        if (revision.snapshot.get("start_date") or "") > start.isoformat():
            snapshot = {**revision.snapshot, "start_date": start.isoformat()}
            ProgramRevision.objects.filter(pk=revision.pk).update(
                snapshot=snapshot, content_hash=services.snapshot_hash(snapshot)
            )
    services.refresh_checkin_summary(program=program)


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
        revisions = list(program.revisions.order_by("number"))
        existing = set(program.session_logs.values_list("date", flat=True))
        # Day 0 of the story: the first demo log, or six weeks ago (not before the program).
        start = min(existing, default=None) or max(
            first_start, program_start(program.start_date, revisions[0].published_at)
        )
        last_day = (today - start).days - 1 if story.last_day is None else story.last_day
        new_logs = []
        for day in range(0, last_day + 1):
            when = start + timedelta(days=day)
            rng = random.Random(f"{key}-{day}")  # noqa: S311 (demo data, not security)
            # Day 0 always has a log: it marks where the story starts on later runs.
            wanted = day == 0 or story.logs_on(day, rng) or day in story.comments
            if when in existing or when >= today or not wanted:
                continue
            back, leg = story.pain(day, rng)
            # The version the patient saw that day: the latest published by then.
            revision = next(
                (r for r in reversed(revisions) if timezone.localdate(r.published_at) <= when),
                revisions[0],
            )
            positions = [item["position"] for item in revision.items]
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
        services.refresh_checkin_summary(program=program)
        created += len(new_logs)
    return created


# --- reminders and nudges ---------------------------------------------------------------------


def seed_reminders(*, patients: dict[str, Patient]) -> None:
    """Jordan's exercise reminders: the days his program suggests, at 7:30 in the morning."""
    from programs import reminders
    from programs.models import ReminderPlan
    from programs.services.reminders import save_reminder_plan

    rivera = patients.get("rivera")
    if rivera is None or rivera.user_id is None:
        return
    if ReminderPlan.objects.filter(patient=rivera).exists():
        return
    suggested = reminders.default_plan(rivera)
    save_reminder_plan(
        patient=rivera,
        weekdays=suggested.weekdays,
        time_of_day=time(7, 30),
        time_zone=suggested.time_zone,
        by=rivera.user,
    )


def seed_nudge(*, patients: dict[str, Patient]) -> None:
    """Frank went quiet: the one nudge of this quiet spell, sent the day it was due, so the
    dashboard's "nothing logged" list says when he was nudged. Written with the worker's own
    key, so the worker does not nudge him again for this spell."""
    from clinic.models import ClinicProfile, OutboxMessage
    from clinic.outbox.services import enqueue_message
    from programs.services import nudges

    delgado = patients.get("delgado")
    if delgado is None or delgado.user_id is None:
        return
    after = ClinicProfile.load().nudge_after_days
    quiet_since = nudges.quiet_patients(today=timezone.localdate(), after_days=after).get(
        delgado.pk
    )
    if quiet_since is None:
        return
    key = nudges.nudge_key(delgado, quiet_since)
    if OutboxMessage.objects.filter(idempotency_key=key).exists():
        return
    message = enqueue_message(
        kind=OutboxMessage.Kind.NUDGE,
        key=key,
        recipient=delgado.user,
        patient=delgado,
        path=reverse("programs:portal-home"),
    )
    due = timezone.make_aware(datetime.combine(quiet_since + timedelta(days=after), time(10, 5)))
    sent = min(due, timezone.now())
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=sent,
        status=OutboxMessage.Status.SENT,
        attempts=1,
        last_attempt_at=sent,
        sent_at=sent,
        next_attempt_at=None,
    )
