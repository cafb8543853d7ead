"""Objective exams in the demo (fictional people), taken at each sciatica patient's intake.

- Jordan Rivera (left L4–5 disc, L5 root, three weeks in): straight-leg raise positive on the
  left at 45° into the foot, crossed SLR negative, slump positive on the left; great-toe
  extension 4/5 on the left, reflexes normal (the Achilles is an S1 reflex), reduced sensation
  over the top of the foot and the big toe; flexion reduced and painful; repeated extension
  lying centralises his leg pain, repeated flexion in standing sends it down the leg. Grade 4
  raises no flag.
- Priya Natarajan (chronic low-back pain, right-sided, worse standing and bending back): no
  nerve-root signs at her intake, which makes the baseline for a later re-assessment: SLR
  raises only buttock pain on the right at 70°, power, reflexes and sensation normal;
  extension reduced and painful; repeated flexion lying centralises, repeated extension in
  standing spreads her pain into the right buttock.

Safe to re-run: a patient who already has an exam is left as they are.
"""

from datetime import datetime, time

from django.utils import timezone

from clinic.exam.models import ObjectiveExam
from clinic.exam.services import record_exam
from clinic.models import Patient

NORMAL_POWER = {
    f"myotome_{level}_{side}": 5
    for level in ("l2", "l3", "l4", "l5", "s1")
    for side in ("left", "right")
}
NORMAL_REFLEXES = {
    f"reflex_{reflex}_{side}": 2
    for reflex in ("patellar", "achilles")
    for side in ("left", "right")
}

RIVERA = {
    **NORMAL_POWER,
    **NORMAL_REFLEXES,
    "myotome_l5_left": 4,
    "slr_left_angle": 45,
    "slr_left_reproduced": "below_knee",
    "slr_right_angle": 80,
    "slr_right_reproduced": "none",
    "crossed_slr": "negative",
    "slump_left": "positive",
    "slump_right": "negative",
    "sensation": {"left": {"foot_dorsum": "reduced", "toes_big": "reduced"}},
    "rom_flexion": "reduced_painful",
    "rom_extension": "full",
    "rom_side_bend_left": "painful",
    "rom_side_bend_right": "full",
    "repeated_movements": {
        "flexion_standing": "peripheralises",
        "extension_lying": "centralises",
    },
    "notes": "Antalgic list to the right. Leg pain eased to the back of the thigh after 3 sets "
    "of 10 press-ups: extension bias for the home program.",
}

NATARAJAN = {
    **NORMAL_POWER,
    **NORMAL_REFLEXES,
    "slr_left_angle": 80,
    "slr_left_reproduced": "none",
    "slr_right_angle": 70,
    "slr_right_reproduced": "buttock",
    "crossed_slr": "negative",
    "slump_left": "negative",
    "slump_right": "negative",
    "rom_flexion": "full",
    "rom_extension": "reduced_painful",
    "rom_side_bend_left": "full",
    "rom_side_bend_right": "painful",
    "repeated_movements": {
        "flexion_lying": "centralises",
        "extension_standing": "peripheralises",
    },
    "notes": "Pain on standing extension, eased by knees to chest. Hamstrings tight both sides; "
    "no nerve-root signs.",
}

EXAMS = {"rivera": RIVERA, "natarajan": NATARAJAN}


def seed(*, patients: dict[str, Patient]) -> None:
    for key, findings in EXAMS.items():
        patient = patients.get(key)
        if patient is None or ObjectiveExam.objects.filter(patient=patient).exists():
            continue
        intake = patient.intakes.order_by("visit_date", "id").first()
        if intake is None:
            continue
        exam, _ = record_exam(patient=patient, by=intake.therapist, data=findings, intake=intake)
        # Taken during the intake visit, not when the demo was seeded.
        at = timezone.make_aware(datetime.combine(intake.visit_date, time(10, 40)))
        ObjectiveExam.objects.filter(pk=exam.pk).update(created_at=at, updated_at=at)
