"""Objective-exam vocabularies and rules (docs/clinical-rules.md, "Objective exam").

Pure Python, standard library only. ``assess(findings, previous=None)`` compares one exam with
the patient's previous exam and returns an ``ExamAssessment``: the flags to raise, whether the
signs are on both sides (so the cauda equina questions must be asked again) and the plain-words
list of neurological deficits.

``findings`` (and ``previous``) is a mapping with exactly these keys, each optional:

    ==============  ===========================================================================
    key             value
    ==============  ===========================================================================
    myotomes        {level: {"left": grade, "right": grade}}; level in MYOTOME_LEVELS, grade
                    0-5 (MRC) or None (not tested)
    reflexes        {reflex: {"left": grade, "right": grade}}; reflex in REFLEXES, grade 0-4
                    (0 absent, 1 = 1+ reduced, 2 = 2+ normal, 3 = 3+ brisk, 4 = 4+ clonus)
    sensation       {"left": {region: status}, "right": {...}}; region in SENSATION_REGION_IDS,
                    status in SENSATION_STATUSES (regions not listed are normal or not tested)
    ces_answers     {code: bool | None}; code in CES_CODES: the cauda equina questions asked
                    again at this exam (True = yes, new or getting worse)
    ==============  ===========================================================================

Unknown keys, levels, sides, regions or out-of-range grades raise ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .. import bodychart, redflags

LEFT, RIGHT = "left", "right"
SIDES: tuple[tuple[str, str], ...] = ((LEFT, "Left"), (RIGHT, "Right"))
SIDE_IDS: tuple[str, ...] = (LEFT, RIGHT)

# --- straight-leg raise and slump ------------------------------------------------------------

SLR_ANGLE_MAX = 90  # hip flexion in degrees, lying on the back
SLR_POSITIVE_FROM, SLR_POSITIVE_TO = 30, 70  # the usual window for a positive SLR
# The furthest place the raise reproduced the patient's symptoms.
SLR_REPRODUCED: tuple[tuple[str, str], ...] = (
    ("none", "Nothing reproduced"),
    ("back", "Back only"),
    ("buttock", "Buttock"),
    ("thigh", "Back of the thigh"),
    ("below_knee", "Below the knee"),
)
# Leg symptoms below the buttock reproduced: a positive test.
SLR_POSITIVE_REPRODUCED = frozenset({"thigh", "below_knee"})

TEST_RESULTS: tuple[tuple[str, str], ...] = (
    ("negative", "Negative"),
    ("positive", "Positive"),
)
SLUMP_RESULTS: tuple[tuple[str, str], ...] = (
    ("negative", "Negative: symptoms not reproduced"),
    ("positive", "Positive: reproduced, eased by neck extension"),
    ("not_neural", "Reproduced, not changed by neck extension"),
)

# --- myotomes and reflexes ------------------------------------------------------------------

MYOTOMES: tuple[tuple[str, str], ...] = (
    ("L2", "Hip flexion"),
    ("L3", "Knee extension"),
    ("L4", "Ankle dorsiflexion"),
    ("L5", "Great-toe extension"),
    ("S1", "Ankle plantarflexion / eversion (heel raises)"),
)
MYOTOME_LEVELS: tuple[str, ...] = tuple(level for level, _ in MYOTOMES)
MRC_GRADES: tuple[tuple[int, str], ...] = (
    (5, "5 normal power"),
    (4, "4 against some resistance"),
    (3, "3 against gravity only"),
    (2, "2 with gravity eliminated"),
    (1, "1 flicker"),
    (0, "0 no contraction"),
)
MRC_MAX = 5
MOTOR_FLAG_AT_OR_BELOW = 3  # a new or progressive grade of 3 or less: urgent

REFLEXES: tuple[tuple[str, str, str], ...] = (
    ("patellar", "Patellar (knee jerk)", "L4"),
    ("achilles", "Achilles (ankle jerk)", "S1"),
)
REFLEX_IDS: tuple[str, ...] = tuple(r[0] for r in REFLEXES)
REFLEX_NAMES = MappingProxyType({"patellar": "patellar", "achilles": "Achilles"})
REFLEX_GRADES: tuple[tuple[int, str], ...] = (
    (2, "2+ normal"),
    (1, "1+ reduced"),
    (0, "0 absent"),
    (3, "3+ brisk"),
    (4, "4+ clonus"),
)
REFLEX_MAX = 4
REFLEX_NORMAL = 2
REFLEX_BRISK = 3  # 3+ brisk, 4+ clonus: an upper-motor-neuron sign
REFLEX_GRADE_LABELS = MappingProxyType({0: "0", 1: "1+", 2: "2+", 3: "3+", 4: "4+"})

# --- sensation --------------------------------------------------------------------------------

# Body-chart regions tested for sensation, top to bottom, with the dermatome each mostly
# belongs to. Labels come from the body chart (clinic/bodychart.py).
SENSATION_REGIONS: tuple[tuple[str, str], ...] = (
    ("thigh_anterior", "L2–L3"),
    ("knee", "L3"),
    ("shin", "L4"),
    ("leg_lateral", "L5"),
    ("foot_dorsum", "L5"),
    ("toes_big", "L5"),
    ("thigh_posterior", "S2"),
    ("calf", "S1–S2"),
    ("heel", "S1"),
    ("lateral_foot", "S1"),
    ("toes_lateral", "S1"),
    ("foot_sole", "S1"),
)
SENSATION_REGION_IDS: tuple[str, ...] = tuple(r for r, _ in SENSATION_REGIONS)
SENSATION_DERMATOMES = MappingProxyType(dict(SENSATION_REGIONS))
SENSATION_STATUSES: tuple[tuple[str, str], ...] = (
    ("reduced", "Reduced"),
    ("absent", "Absent"),
    ("heightened", "Heightened"),
)
SENSATION_DEFICITS = frozenset({"reduced", "absent"})

# --- range of motion and repeated movements ---------------------------------------------------

ROM_MOVEMENTS: tuple[tuple[str, str], ...] = (
    ("flexion", "Flexion"),
    ("extension", "Extension"),
    ("side_bend_left", "Side-bending left"),
    ("side_bend_right", "Side-bending right"),
)
ROM_RESULTS: tuple[tuple[str, str], ...] = (
    ("full", "Full"),
    ("reduced", "Reduced"),
    ("painful", "Painful"),
    ("reduced_painful", "Reduced and painful"),
)
REPEATED_DIRECTIONS: tuple[tuple[str, str], ...] = (
    ("flexion_standing", "Flexion in standing"),
    ("extension_standing", "Extension in standing"),
    ("flexion_lying", "Flexion in lying"),
    ("extension_lying", "Extension in lying (press-ups)"),
    ("side_glide_left", "Side glide left"),
    ("side_glide_right", "Side glide right"),
)
REPEATED_DIRECTION_IDS: tuple[str, ...] = tuple(d for d, _ in REPEATED_DIRECTIONS)
REPEATED_RESPONSES: tuple[tuple[str, str], ...] = (
    ("centralises", "Centralises"),
    ("peripheralises", "Peripheralises"),
    ("no_effect", "No effect"),
)

# --- cauda equina questions, asked again when the signs are on both sides ---------------------

CES_CODES: tuple[str, ...] = (
    "ces_bladder",
    "ces_bowel",
    "ces_saddle",
    "ces_sexual",
    "ces_bilateral",
)

# --- flags ------------------------------------------------------------------------------------

URGENT, EMERGENCY, SOON = redflags.URGENT, redflags.EMERGENCY, redflags.SOON
MOTOR_DEFICIT = "exam_motor_deficit"
UMN_SIGNS = "exam_umn_signs"
BILATERAL_SIGNS = "exam_bilateral_signs"
EXAM_FLAG_TIERS = MappingProxyType(
    {MOTOR_DEFICIT: URGENT, UMN_SIGNS: URGENT, BILATERAL_SIGNS: SOON}
)
EXAM_FLAG_SUMMARIES = MappingProxyType(
    {
        MOTOR_DEFICIT: "new or worsening muscle weakness of grade 3 or less on exam",
        UMN_SIGNS: "brisk reflexes or clonus on exam (upper motor neuron sign)",
        BILATERAL_SIGNS: "neurological signs in both legs on exam",
    }
)
EXAM_FLAG_CONCERNS = MappingProxyType(
    {
        MOTOR_DEFICIT: "Severe or progressive nerve-root compression",
        UMN_SIGNS: "Spinal cord or brain cause (upper motor neuron)",
        BILATERAL_SIGNS: "Central canal stenosis, cauda equina or a non-spinal neuropathy",
    }
)

FINDING_KEYS = frozenset({"myotomes", "reflexes", "sensation", "ces_answers"})


@dataclass(frozen=True)
class ExamFlag:
    code: str
    tier: str
    reason: str  # plain words: which findings raised it


@dataclass(frozen=True)
class ExamAssessment:
    flags: tuple[ExamFlag, ...]  # most serious tier first
    bilateral: bool  # neurological deficits on both sides: ask the CES questions again
    deficits: MappingProxyType  # {"left": (...), "right": (...)} plain-words deficits
    ces_unanswered: tuple[str, ...]  # CES codes still to ask (only when bilateral)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(flag.code for flag in self.flags)


def _grade(value: Any, top: int, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
        raise ValueError(f"{where}: grade must be a whole number 0-{top} or None, got {value!r}.")
    return value


def _graded(findings: Mapping, key: str, names: tuple[str, ...], top: int) -> dict:
    table = findings.get(key) or {}
    unknown = set(table) - set(names)
    if unknown:
        raise ValueError(f"Unknown {key} {sorted(unknown)}; expected {names}.")
    out = {}
    for name in names:
        per_side = table.get(name) or {}
        if set(per_side) - set(SIDE_IDS):
            raise ValueError(f"{key} {name}: sides are {SIDE_IDS}, got {sorted(per_side)}.")
        out[name] = {
            side: _grade(per_side.get(side), top, f"{key} {name} {side}") for side in SIDE_IDS
        }
    return out


def _sensation(findings: Mapping) -> dict:
    table = findings.get("sensation") or {}
    if set(table) - set(SIDE_IDS):
        raise ValueError(f"sensation: sides are {SIDE_IDS}, got {sorted(table)}.")
    statuses = {s for s, _ in SENSATION_STATUSES}
    out = {}
    for side in SIDE_IDS:
        regions = dict(table.get(side) or {})
        unknown = set(regions) - set(SENSATION_REGION_IDS)
        if unknown:
            raise ValueError(f"Unknown sensation region(s) {sorted(unknown)}.")
        for region, status in regions.items():
            if status not in statuses:
                raise ValueError(f"sensation {side} {region}: unknown status {status!r}.")
        out[side] = regions
    return out


def _check(findings: Mapping) -> None:
    unknown = set(findings) - FINDING_KEYS
    if unknown:
        raise ValueError(f"Unknown exam finding key(s) {sorted(unknown)}.")
    answers = findings.get("ces_answers") or {}
    if set(answers) - set(CES_CODES):
        raise ValueError(
            f"Unknown cauda equina question(s) {sorted(set(answers) - set(CES_CODES))}."
        )


def region_label(region: str) -> str:
    found = bodychart.REGION_BY_ID.get(region)
    return found.label if found else region.replace("_", " ")


def reflex_label(grade: int | None) -> str:
    return "" if grade is None else REFLEX_GRADE_LABELS[grade]


def deficits_by_side(findings: Mapping) -> dict[str, list[str]]:
    """Each side's neurological deficits in plain words: weakness (grade below 5), a reduced or
    absent reflex, reduced or absent sensation."""
    _check(findings)
    myotomes = _graded(findings, "myotomes", MYOTOME_LEVELS, MRC_MAX)
    reflexes = _graded(findings, "reflexes", REFLEX_IDS, REFLEX_MAX)
    sensation = _sensation(findings)
    names = dict(MYOTOMES)
    out: dict[str, list[str]] = {side: [] for side in SIDE_IDS}
    for side in SIDE_IDS:
        for level in MYOTOME_LEVELS:
            grade = myotomes[level][side]
            if grade is not None and grade < MRC_MAX:
                out[side].append(f"{level} {names[level].lower()} {grade}/5")
        for reflex in REFLEX_IDS:
            grade = reflexes[reflex][side]
            if grade is not None and grade < REFLEX_NORMAL:
                out[side].append(f"{REFLEX_NAMES[reflex]} reflex {reflex_label(grade)}")
        for region in SENSATION_REGION_IDS:
            status = sensation[side].get(region)
            if status in SENSATION_DEFICITS:
                out[side].append(
                    f"{status} sensation {SENSATION_DERMATOMES[region]} "
                    f"({region_label(region).lower()})"
                )
    return out


def assess(findings: Mapping, previous: Mapping | None = None) -> ExamAssessment:
    """The flags one exam raises, compared with the patient's previous exam (or none)."""
    _check(findings)
    if previous is not None:
        _check(previous)
    myotomes = _graded(findings, "myotomes", MYOTOME_LEVELS, MRC_MAX)
    before = _graded(previous or {}, "myotomes", MYOTOME_LEVELS, MRC_MAX)
    reflexes = _graded(findings, "reflexes", REFLEX_IDS, REFLEX_MAX)
    names = dict(MYOTOMES)
    reasons: dict[str, list[str]] = {}

    # New or progressive weakness of grade 3 or less: not there before, or lower than before.
    for level in MYOTOME_LEVELS:
        for side in SIDE_IDS:
            grade = myotomes[level][side]
            if grade is None or grade > MOTOR_FLAG_AT_OR_BELOW:
                continue
            old = before[level][side]
            if old is None or old > MOTOR_FLAG_AT_OR_BELOW:
                was = "" if old is None else f", was {old}/5"
                reasons.setdefault(MOTOR_DEFICIT, []).append(
                    f"New: {side} {level} {names[level].lower()} {grade}/5{was}"
                )
            elif grade < old:
                reasons.setdefault(MOTOR_DEFICIT, []).append(
                    f"Worse: {side} {level} {names[level].lower()} {grade}/5, was {old}/5"
                )

    # Brisk reflexes or clonus: upper motor neuron, whatever the previous exam showed.
    for reflex in REFLEX_IDS:
        for side in SIDE_IDS:
            grade = reflexes[reflex][side]
            if grade is not None and grade >= REFLEX_BRISK:
                kind = "clonus" if grade == REFLEX_MAX else "brisk"
                reasons.setdefault(UMN_SIGNS, []).append(
                    f"{side.capitalize()} {REFLEX_NAMES[reflex]} reflex "
                    f"{reflex_label(grade)} ({kind})"
                )

    deficits = deficits_by_side(findings)
    bilateral = all(deficits[side] for side in SIDE_IDS)
    answers = findings.get("ces_answers") or {}
    flags: list[ExamFlag] = []
    if bilateral:
        for code in CES_CODES:
            if answers.get(code) is True:
                flags.append(
                    ExamFlag(
                        code,
                        redflags.QUESTIONS_BY_CODE[code].tier,
                        "Asked again at the exam (signs on both sides): "
                        f"{redflags.FLAG_SUMMARIES[code]}",
                    )
                )
        reasons.setdefault(BILATERAL_SIGNS, []).append(
            "Left: " + ", ".join(deficits[LEFT]) + "; right: " + ", ".join(deficits[RIGHT])
        )
    for code in (MOTOR_DEFICIT, UMN_SIGNS, BILATERAL_SIGNS):
        if code in reasons:
            flags.append(ExamFlag(code, EXAM_FLAG_TIERS[code], "; ".join(reasons[code])))
    order = {tier: i for i, tier in enumerate(redflags.TIER_ORDER)}
    flags.sort(key=lambda flag: order[flag.tier])
    return ExamAssessment(
        flags=tuple(flags),
        bilateral=bilateral,
        deficits=MappingProxyType({side: tuple(items) for side, items in deficits.items()}),
        ces_unanswered=tuple(c for c in CES_CODES if answers.get(c) is None) if bilateral else (),
    )


def slr_positive(angle: int | None, reproduced: str) -> bool:
    """Positive when leg symptoms below the buttock are reproduced (the angle is recorded)."""
    return reproduced in SLR_POSITIVE_REPRODUCED


def flag_summary(code: str) -> str | None:
    return EXAM_FLAG_SUMMARIES.get(code)
