"""Demo data for the programs side: library, templates, programs and portal activity.

Each step is idempotent and runs after the clinic's demo data (see seed_demo). Templates and
programs refer to library exercises by slug, so they need the library loaded first
(`load_library`); until it is, they are skipped with a log message and the next run adds them.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import Patient, User

from . import services
from .models import Exercise, Program, ProgramRevision, ProtocolTemplate, TemplateItem

log = logging.getLogger(__name__)

SCIATICA_STARTER = "Sciatica starter: AIS and stabilisation"
SACROILIAC = "Sacroiliac stabilisation"
GRAVITY_REDUCED = "Gravity-reduced: pool and walking"

# CLINICAL §5.4. Each item: (library slug, dose changes from the exercise's defaults).
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
    "Surgeon cleared gentle hip rotation stretching at the 6-month review (letter on file). "
    "Keep the hip bent less than 90° and stop short of any pinch in the groin."
)


def seed(*, staff, patients) -> None:
    """Later steps (library, templates, programs, logs) are added here as they are built."""
    templates = seed_templates(staff=staff)
    seed_programs(staff=staff, patients=patients, templates=templates)


# --- templates --------------------------------------------------------------------------------


def seed_templates(*, staff: dict[str, User]) -> dict[str, ProtocolTemplate]:
    """The three protocol templates of CLINICAL §5.4, once their exercises are in the library."""
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
        revision = services.publish_program(program=program, published_by=by)
    except ValidationError as error:
        log.warning("Could not publish the demo program %r: %s", program.title, error.messages)
        return None
    # Demo history only: spread the versions over the past weeks so the history reads naturally.
    when = timezone.now() - timedelta(days=days_ago)
    ProgramRevision.objects.filter(pk=revision.pk).update(published_at=when)
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
        created_by=therapist,
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
            changed_by=maya,
            expected_version=_version(program),
            dose={"reps": 10, "hold_s": 5},
        )
    clamshell = _item(program, "clamshell")
    if clamshell is not None:
        services.update_program_item(
            item=clamshell,
            changed_by=maya,
            expected_version=_version(program),
            dose={"note": "Put a pillow between your knees if the top hip feels strained."},
        )
    bird_dog = Exercise.objects.filter(slug="bird-dog").first()
    if bird_dog is not None:
        services.add_program_item(
            program=program, exercise=bird_dog, added_by=maya, expected_version=_version(program)
        )
    # The nerve slider moves up to second: the leg symptoms settle best after it.
    ids = list(program.items.values_list("pk", flat=True))
    slider = _item(program, "supine-sciatic-nerve-slider")
    if slider is not None and len(ids) > 2:
        ids.remove(slider.pk)
        ids.insert(1, slider.pk)
        services.reorder_program_items(
            program=program, item_ids=ids, changed_by=maya, expected_version=_version(program)
        )
    program.refresh_from_db()
    services.update_program_details(
        program=program,
        changed_by=maya,
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
    ]
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)}
    if len(exercises) != len(slugs):
        log.warning("Skipped the demo program for %s: the library is not loaded yet.", patient)
        return
    today = timezone.localdate()
    program = services.create_program(
        patient=patient,
        created_by=sam,
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
            added_by=sam,
            expected_version=_version(program),
            override_reason=DELGADO_OVERRIDE if slug == "ais-hip-external-rotators" else "",
        )
    _publish(program, sam, days_ago=10)
