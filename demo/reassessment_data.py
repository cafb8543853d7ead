"""A progress visit in the demo (fictional people): Priya Natarajan's re-assessment.

Her questionnaires read meaningfully better (Roland-Morris 15 -> 6, Oswestry down), but at
home her leg pain has climbed from about 3 to 6 over two weeks, with pins and needles further
down the leg. Maya's re-assessment three days ago copies the intake forward (back pain better;
leg pain, where the symptoms are and the course changed), asks the short red-flag questions
again (all no), repeats the objective exam (new right-sided neural signs against the intake's
baseline: straight-leg raise 70 -> 50 degrees into the calf, slump now positive, reduced
sensation over the outer calf; power and reflexes still normal) and records pain and the
Sciatica Bothersomeness Index on the visit. She signed it with a plan to progress; the next day,
reading the home logs beside the scores, she amended the note to regress the program. The
amendment keeps what the note said first.

Safe to re-run: a patient who already has a re-assessment is left as they are.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from clinic import redflags, services
from clinic.models import OutcomeMeasure, Patient
from clinic.reassessment import carry
from clinic.reassessment.models import Reassessment, ReassessmentAmendment
from clinic.reassessment.services import (
    Note,
    amend_reassessment,
    last_signed_intake,
    record_reassessment,
    record_visit_exam,
    sign_reassessment,
)

VISIT_DAYS_AGO = 3

CHANGED = {
    "back_pain_now": 4,
    "back_pain_week": 4,
    "leg_pain_now": 5,
    "leg_pain_week": 5,
    "below_knee": True,
    "course": "worsening",
}
NEW_SYMPTOMS = "Right calf, outer side: pins and needles after sitting"

EXAM = {
    "myotome_l2_left": 5,
    "myotome_l2_right": 5,
    "myotome_l3_left": 5,
    "myotome_l3_right": 5,
    "myotome_l4_left": 5,
    "myotome_l4_right": 5,
    "myotome_l5_left": 5,
    "myotome_l5_right": 5,
    "myotome_s1_left": 5,
    "myotome_s1_right": 5,
    "reflex_patellar_left": 2,
    "reflex_patellar_right": 2,
    "reflex_achilles_left": 2,
    "reflex_achilles_right": 2,
    "slr_left_angle": 80,
    "slr_left_reproduced": "none",
    "slr_right_angle": 50,
    "slr_right_reproduced": "below_knee",
    "crossed_slr": "negative",
    "slump_left": "negative",
    "slump_right": "positive",
    "sensation": {"right": {"leg_lateral": "reduced"}},
    "rom_flexion": "reduced_painful",
    "rom_extension": "reduced_painful",
    "rom_side_bend_left": "full",
    "rom_side_bend_right": "painful",
    "repeated_movements": {
        "flexion_lying": "no_effect",
        "extension_standing": "peripheralises",
    },
    "notes": "Calf tingling reproduced by slump on the right, eased by neck extension.",
}

FIRST_NOTE = Note(
    patient_change="Feels stronger at the lab bench: Roland-Morris 15 to 6, Oswestry down. "
    "Mentions some tingling in the right calf after long drives.",
    exam_change="Straight-leg raise on the right now 50 degrees into the calf (70, buttock "
    "only, at the intake); slump positive on the right; reduced sensation over the outer calf. "
    "Power and reflexes normal.",
    plan="progress",
    plan_note="Add the standing hip hinge; keep walking.",
)
AMENDED_NOTE = Note(
    patient_change="Questionnaires better (Roland-Morris 15 to 6), but the home logs show leg "
    "pain climbing from about 3 to 6 over two weeks, and pins and needles further down the right "
    "leg on several days since.",
    exam_change=FIRST_NOTE.exam_change,
    plan="regress",
    plan_note="Stop the standing back bends; nerve sliders and flexion in lying within comfort; "
    "review in one week, sooner if the leg weakens.",
)
AMEND_REASON = (
    "Read the home logs beside the clinic scores after the visit: leg pain and spreading "
    "symptoms are getting worse, so the program steps back instead of forward."
)


def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed(*, patients: dict[str, Patient]) -> None:
    patient = patients.get("natarajan")
    if patient is None or Reassessment.objects.filter(patient=patient).exists():
        return
    intake = last_signed_intake(patient)
    if intake is None or patient.therapist is None:
        return
    therapist = patient.therapist
    day = timezone.localdate() - timedelta(days=VISIT_DAYS_AGO)
    before, _ = carry.previous_values(intake)
    values = {**CHANGED, "location": f"{before['location']}; {NEW_SYMPTOMS}"}
    visit, _ = record_reassessment(
        patient=patient,
        by=therapist,
        visit_date=day,
        statuses={
            item.key: carry.CHANGED if item.key in values else carry.CONFIRMED
            for item in carry.ITEMS
        },
        values=values,
        screen_answers=dict.fromkeys(redflags.SHORT_FORM_CODES, False),
        note=FIRST_NOTE,
    )
    visit, _ = record_visit_exam(reassessment=visit, data=EXAM, by=therapist)
    for instrument, answers in (
        ("nprs", {"back_now": 4, "leg_now": 5}),
        ("sbi", {"items": [4, 3, 4, 3]}),
    ):
        measure = services.record_measure(
            patient=patient, instrument=instrument, answers=answers, by=therapist, taken_on=day
        )
        OutcomeMeasure.objects.filter(pk=measure.pk).update(created_at=_at(day, 10, 30))
    sign_reassessment(reassessment=visit, by=therapist)
    amendment = amend_reassessment(
        reassessment=visit, note=AMENDED_NOTE, reason=AMEND_REASON, by=therapist
    )
    # Fictional history: the visit three days ago, the amendment the day after.
    Reassessment.objects.filter(pk=visit.pk).update(
        created_at=_at(day, 10), screened_at=_at(day, 10, 5), signed_at=_at(day, 11, 15)
    )
    visit.exam.__class__.objects.filter(pk=visit.exam_id).update(
        created_at=_at(day, 10, 20), updated_at=_at(day, 10, 20)
    )
    ReassessmentAmendment.objects.filter(pk=amendment.pk).update(
        created_at=_at(day + timedelta(days=1), 8, 40)
    )
