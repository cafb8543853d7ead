"""Demo state of the automatic step back: a flare-up waiting for the therapist.

Ms Cho (cleared to exercise after her physician's review) has a short hip program. Her
therapist approved in advance an easier version of the glute bridge (the posterior pelvic tilt,
1 set of 8). Today's log says the ache moved further down her leg: her program page shows the
pelvic tilt with one line of why and the ease-off advice, and her therapist finds the proposed
revision on her patient page. Idempotent: running again changes nothing.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import Patient
from programs import services
from programs.models import Exercise, Program, SessionLog
from programs.services import step_backs

log = logging.getLogger(__name__)

TITLE = "Hip and buttock settling"
SLUGS = ["glute-bridge", "clamshell", "graded-walking"]
EASIER = "posterior-pelvic-tilt"
LOGS = [  # days ago, back, leg, leg symptoms, comment
    (9, 4, 1, SessionLog.LegSymptoms.SAME, ""),
    (5, 3, 1, SessionLog.LegSymptoms.SAME, "Easier to get up from the garden kneeler."),
    (
        0,
        4,
        3,
        SessionLog.LegSymptoms.FURTHER_DOWN,
        "Ache went down into the calf after the bridges.",
    ),
]


def seed(*, patients: dict[str, Patient]) -> None:
    patient = patients.get("cho")
    if patient is None or Program.objects.filter(patient=patient, title=TITLE).exists():
        return
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=[*SLUGS, EASIER])}
    if len(exercises) != len(SLUGS) + 1:
        log.warning("Skipped the step-back demo: the library is not loaded yet.")
        return
    therapist = patient.therapist
    today = timezone.localdate()
    program = services.create_program(
        patient=patient,
        by=therapist,
        title=TITLE,
        goals="Garden for an hour without the buttock ache lasting into the evening.",
        start_date=today - timedelta(days=10),
        review_date=today + timedelta(days=18),
    ).program
    for slug in SLUGS:
        program.refresh_from_db()
        services.add_program_item(
            program=program,
            exercise=exercises[slug],
            by=therapist,
            expected_version=program.version,
        )
    program.refresh_from_db()
    bridge = program.items.get(exercise__slug="glute-bridge")
    step_backs.set_item_regression(
        item=bridge,
        by=therapist,
        expected_version=program.version,
        exercise=exercises[EASIER],
        dose={"sets": 1, "reps": 8},
    )
    try:
        services.publish_program(program=program, by=therapist)
    except ValidationError as error:
        log.warning("Skipped the step-back demo: %s", " ".join(error.messages))
        return
    program.refresh_from_db()
    by = patient.user or therapist
    for days_ago, back, leg, legs, comment in LOGS:
        day = today - timedelta(days=days_ago)
        entry = SessionLog.objects.create(
            patient=patient,
            program=program,
            revision=program.current_revision,
            date=day,
            exercises_done=[item["position"] for item in program.current_revision.items],
            back_pain=back,
            leg_pain=leg,
            leg_symptoms=legs,
            comment=comment,
        )
        services.refresh_checkin_summary(program=program)
        step_backs.after_log(program=program, log=entry, day=day, by=by)
