"""The objective exam: what the therapist found, per side, at an intake or a later visit.

An exam taken at an intake hangs off it (one per intake) and locks with it: once the intake is
signed, a change is an ``ExamAmendment`` that keeps each finding as it was. An exam recorded
on its own (a re-assessment visit) is locked as soon as it is recorded.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ..models import Intake, Patient, RedFlag, TimeStampedModel, within
from . import rules


def _choices(pairs):
    return [(value, label) for value, label in pairs]


def myotome_field(level: str, side: str) -> str:
    return f"myotome_{level.lower()}_{side}"


def reflex_field(reflex: str, side: str) -> str:
    return f"reflex_{reflex}_{side}"


MYOTOME_FIELDS: tuple[str, ...] = tuple(
    myotome_field(level, side) for level in rules.MYOTOME_LEVELS for side in rules.SIDE_IDS
)
REFLEX_FIELDS: tuple[str, ...] = tuple(
    reflex_field(reflex, side) for reflex in rules.REFLEX_IDS for side in rules.SIDE_IDS
)
ROM_FIELDS: tuple[str, ...] = tuple(f"rom_{movement}" for movement, _ in rules.ROM_MOVEMENTS)
SLR_FIELDS: tuple[str, ...] = (
    "slr_left_angle",
    "slr_left_reproduced",
    "slr_right_angle",
    "slr_right_reproduced",
    "crossed_slr",
    "slump_left",
    "slump_right",
)
# Every finding, in the order the form asks and an amendment lists them.
FINDING_FIELDS: tuple[str, ...] = (
    *SLR_FIELDS,
    *MYOTOME_FIELDS,
    *REFLEX_FIELDS,
    "sensation",
    *ROM_FIELDS,
    "repeated_movements",
    "ces_answers",
    "notes",
)


class ObjectiveExamQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return within(self, "patient", Patient.objects.for_user(user))

    def latest_first(self):
        return self.order_by("-performed_on", "-created_at", "-id")


class ObjectiveExam(TimeStampedModel):
    """One objective exam. Grades are stored per side; "not tested" is an empty value."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="objective_exams")
    intake = models.OneToOneField(
        Intake,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objective_exam",
        help_text="The intake this exam was taken at; empty for an exam at a later visit.",
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    performed_on = models.DateField(default=timezone.localdate)

    # Straight-leg raise: hip flexion at symptom onset (degrees) and how far symptoms went.
    slr_left_angle = models.PositiveSmallIntegerField(null=True, blank=True)
    slr_left_reproduced = models.CharField(
        max_length=12, blank=True, choices=_choices(rules.SLR_REPRODUCED)
    )
    slr_right_angle = models.PositiveSmallIntegerField(null=True, blank=True)
    slr_right_reproduced = models.CharField(
        max_length=12, blank=True, choices=_choices(rules.SLR_REPRODUCED)
    )
    crossed_slr = models.CharField(
        "crossed SLR", max_length=12, blank=True, choices=_choices(rules.TEST_RESULTS)
    )
    slump_left = models.CharField(max_length=12, blank=True, choices=_choices(rules.SLUMP_RESULTS))
    slump_right = models.CharField(max_length=12, blank=True, choices=_choices(rules.SLUMP_RESULTS))

    # Myotomes, MRC grade 0-5 per side.
    myotome_l2_left = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l2_right = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l3_left = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l3_right = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l4_left = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l4_right = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l5_left = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_l5_right = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_s1_left = models.PositiveSmallIntegerField(null=True, blank=True)
    myotome_s1_right = models.PositiveSmallIntegerField(null=True, blank=True)

    # Reflexes 0-4 (0 absent, 1+ reduced, 2+ normal, 3+ brisk, 4+ clonus) per side.
    reflex_patellar_left = models.PositiveSmallIntegerField(null=True, blank=True)
    reflex_patellar_right = models.PositiveSmallIntegerField(null=True, blank=True)
    reflex_achilles_left = models.PositiveSmallIntegerField(null=True, blank=True)
    reflex_achilles_right = models.PositiveSmallIntegerField(null=True, blank=True)

    # {"left": {region: "reduced" | "absent" | "heightened"}, "right": {...}}; regions not
    # listed are normal or not tested (rules.SENSATION_REGIONS).
    sensation = models.JSONField(default=dict, blank=True)

    rom_flexion = models.CharField(max_length=16, blank=True, choices=_choices(rules.ROM_RESULTS))
    rom_extension = models.CharField(max_length=16, blank=True, choices=_choices(rules.ROM_RESULTS))
    rom_side_bend_left = models.CharField(
        max_length=16, blank=True, choices=_choices(rules.ROM_RESULTS)
    )
    rom_side_bend_right = models.CharField(
        max_length=16, blank=True, choices=_choices(rules.ROM_RESULTS)
    )
    # {direction: "centralises" | "peripheralises" | "no_effect"} for the directions tested.
    repeated_movements = models.JSONField(default=dict, blank=True)
    # The cauda equina questions asked again at this exam: {code: true | false}.
    ces_answers = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)

    # Flags this exam raised (the flag itself may also name the intake).
    raised_flags = models.ManyToManyField(RedFlag, blank=True, related_name="exams")

    objects = ObjectiveExamQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_on", "-id"]
        indexes = [
            models.Index(fields=["patient", "-performed_on"], name="exam_patient_idx"),
        ]
        constraints = [
            *[
                models.CheckConstraint(
                    name=f"exam_{field}_0_5",
                    condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 5}),
                )
                for field in MYOTOME_FIELDS
            ],
            *[
                models.CheckConstraint(
                    name=f"exam_{field}_0_4",
                    condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 4}),
                )
                for field in REFLEX_FIELDS
            ],
            *[
                models.CheckConstraint(
                    name=f"exam_{field}_0_90",
                    condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 90}),
                )
                for field in ("slr_left_angle", "slr_right_angle")
            ],
        ]

    def __str__(self):
        return f"Objective exam of {self.patient} on {self.performed_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("clinic:exam-detail", kwargs={"uuid": self.uuid})

    @property
    def is_locked(self) -> bool:
        """Changed only by amendment once the visit it belongs to is signed: its intake, or
        the re-assessment that links it. An exam belonging to neither is locked when recorded."""
        if self.intake_id is not None:
            return self.intake.is_signed
        visits = list(self.reassessments.all()) if self.pk else []
        if visits:
            return any(visit.is_signed for visit in visits)
        return True

    def findings(self) -> dict:
        """The graded findings as ``clinic.exam.rules.assess`` reads them."""
        return {
            "myotomes": {
                level: {side: getattr(self, myotome_field(level, side)) for side in rules.SIDE_IDS}
                for level in rules.MYOTOME_LEVELS
            },
            "reflexes": {
                reflex: {side: getattr(self, reflex_field(reflex, side)) for side in rules.SIDE_IDS}
                for reflex in rules.REFLEX_IDS
            },
            "sensation": {
                side: dict((self.sensation or {}).get(side) or {}) for side in rules.SIDE_IDS
            },
            "ces_answers": dict(self.ces_answers or {}),
        }

    @property
    def neurological_exam_done(self) -> bool:
        """Some power or a reflex was graded: the sensation test was part of a neurological
        exam, so no region recorded means normal where tested, not "not tested"."""
        return any(getattr(self, name) is not None for name in (*MYOTOME_FIELDS, *REFLEX_FIELDS))

    def finding_text(self, name: str) -> tuple[str, str]:
        """(label, display text) of one of this exam's findings (``describe_finding``), with an
        empty sensation read as normal when the neurological exam was done."""
        value = getattr(self, name)
        if name == "sensation" and not value and self.neurological_exam_done:
            return finding_label(name), NORMAL_SENSATION
        return describe_finding(name, value)

    def assessment(self, previous: "ObjectiveExam | None" = None) -> rules.ExamAssessment:
        return rules.assess(self.findings(), previous.findings() if previous else None)

    def previous_exam(self) -> "ObjectiveExam | None":
        """The patient's exam before this one (by date, then by when it was recorded)."""
        earlier = ObjectiveExam.objects.filter(patient_id=self.patient_id).exclude(pk=self.pk)
        if self.pk is not None:
            earlier = earlier.filter(
                Q(performed_on__lt=self.performed_on)
                | Q(performed_on=self.performed_on, pk__lt=self.pk)
            )
        else:
            earlier = earlier.filter(performed_on__lte=self.performed_on)
        return earlier.latest_first().first()


class ExamAmendment(TimeStampedModel):
    """A correction to a locked exam. Keeps each finding as it was, who changed it and why."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    exam = models.ForeignKey(ObjectiveExam, on_delete=models.PROTECT, related_name="amendments")
    # [{"field", "label", "before", "after"}]: display text of each changed finding.
    changes = models.JSONField(default=list)
    reason = models.TextField()
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(name="exam_amendment_has_reason", condition=~Q(reason="")),
        ]

    def __str__(self):
        return f"Amendment to {self.exam} by {self.amended_by}"


# --- labels and display text ----------------------------------------------------------------

_SIDE_WORDS = dict(rules.SIDES)


def finding_label(name: str) -> str:
    """A finding field's name in words, e.g. "L5 great-toe extension, left"."""
    if name.startswith("myotome_"):
        _, level, side = name.split("_")
        return f"{level.upper()} {dict(rules.MYOTOMES)[level.upper()].lower()}, {side}"
    if name.startswith("reflex_"):
        _, reflex, side = name.split("_")
        label = {r: text for r, text, _ in rules.REFLEXES}[reflex]
        return f"{label.split(' (')[0]} reflex, {side}"
    if name.startswith("rom_"):
        return f"Range of motion: {dict(rules.ROM_MOVEMENTS)[name[4:]].lower()}"
    return {
        "slr_left_angle": "SLR left, angle at onset",
        "slr_left_reproduced": "SLR left, symptoms reproduced",
        "slr_right_angle": "SLR right, angle at onset",
        "slr_right_reproduced": "SLR right, symptoms reproduced",
        "crossed_slr": "Crossed SLR",
        "slump_left": "Slump, left",
        "slump_right": "Slump, right",
        "sensation": "Sensation",
        "repeated_movements": "Repeated movements",
        "ces_answers": "Cauda equina questions asked again",
        "notes": "Notes",
    }[name]


NORMAL_SENSATION = "Normal where tested"


def sensation_text(value: dict) -> str:
    parts = []
    for side in rules.SIDE_IDS:
        statuses = dict(rules.SENSATION_STATUSES)
        for region in rules.SENSATION_REGION_IDS:
            status = ((value or {}).get(side) or {}).get(region)
            if status:
                parts.append(
                    f"{statuses[status]}: {rules.region_label(region).lower()} "
                    f"({rules.SENSATION_DERMATOMES[region]}), {side}"
                )
    return "; ".join(parts) or NORMAL_SENSATION


def repeated_text(value: dict) -> str:
    responses = dict(rules.REPEATED_RESPONSES)
    return "; ".join(
        f"{label}: {responses[value[direction]].lower()}"
        for direction, label in rules.REPEATED_DIRECTIONS
        if (value or {}).get(direction)
    )


def ces_text(value: dict) -> str:
    from ..redflags import FLAG_SUMMARIES

    return "; ".join(
        f"{FLAG_SUMMARIES[code][:1].upper()}{FLAG_SUMMARIES[code][1:]}: "
        f"{'yes' if value[code] else 'no'}"
        for code in rules.CES_CODES
        if (value or {}).get(code) is not None
    )


def describe_finding(name: str, value) -> tuple[str, str]:
    """(label, display text) of one finding's value, for amendments and the exam page."""
    label = finding_label(name)
    if value in (None, "", {}, []):
        return label, "Not tested" if name != "notes" else "—"
    if name.startswith("myotome_"):
        return label, f"{value}/5"
    if name.startswith("reflex_"):
        return label, rules.reflex_label(value)
    if name.endswith("_angle"):
        return label, f"{value}°"
    if name == "sensation":
        return label, sensation_text(value)
    if name == "repeated_movements":
        return label, repeated_text(value)
    if name == "ces_answers":
        return label, ces_text(value)
    field = ObjectiveExam._meta.get_field(name)
    if field.choices:
        return label, str(dict(field.choices).get(value, value))
    return label, str(value)
