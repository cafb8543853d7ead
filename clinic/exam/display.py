"""An exam's findings arranged for reading: per-side rows, what changed since the previous
exam, and deficits marked. Used by the exam page, the intake page and the patient page."""

from .. import redflags
from . import rules
from .models import ObjectiveExam, describe_finding, myotome_field, reflex_field

SIDE_IDS = rules.SIDE_IDS


def _slr_text(exam: ObjectiveExam, side: str) -> str:
    angle = getattr(exam, f"slr_{side}_angle")
    reproduced = getattr(exam, f"slr_{side}_reproduced")
    if angle is None and not reproduced:
        return ""
    parts = []
    if angle is not None:
        parts.append(f"{angle}°")
    if reproduced:
        parts.append(dict(rules.SLR_REPRODUCED)[reproduced].lower())
    text = ", ".join(parts)
    if rules.slr_positive(angle, reproduced):
        text += " (positive)"
    return text


def _cell(text: str, *, deficit: bool = False, was: str = "") -> dict:
    return {"text": text, "deficit": deficit, "was": was}


def exam_summary(exam: ObjectiveExam, previous: ObjectiveExam | None = None) -> dict:
    """Everything the exam partial shows. ``previous`` adds "was …" where a grade changed."""
    neural = []
    slr = {side: _slr_text(exam, side) for side in SIDE_IDS}
    if any(slr.values()):
        neural.append(
            (
                "Straight-leg raise",
                *(
                    _cell(
                        slr[side] or "Not tested",
                        deficit=rules.slr_positive(None, getattr(exam, f"slr_{side}_reproduced")),
                    )
                    for side in SIDE_IDS
                ),
            )
        )
    if exam.slump_left or exam.slump_right:
        neural.append(
            (
                "Slump",
                *(
                    _cell(
                        describe_finding(f"slump_{side}", getattr(exam, f"slump_{side}"))[1],
                        deficit=getattr(exam, f"slump_{side}") == "positive",
                    )
                    for side in SIDE_IDS
                ),
            )
        )

    def graded(field, is_deficit):
        value = getattr(exam, field)
        text = describe_finding(field, value)[1] if value is not None else "—"
        was = ""
        if previous is not None:
            old = getattr(previous, field)
            if old is not None and value is not None and old != value:
                was = describe_finding(field, old)[1]
        return _cell(text, deficit=value is not None and is_deficit(value), was=was)

    myotomes = [
        (
            f"{level} {movement.lower()}",
            *(graded(myotome_field(level, side), lambda v: v < rules.MRC_MAX) for side in SIDE_IDS),
        )
        for level, movement in rules.MYOTOMES
        if any(getattr(exam, myotome_field(level, side)) is not None for side in SIDE_IDS)
    ]
    reflexes = [
        (
            f"{label} ({level})",
            *(
                graded(reflex_field(reflex, side), lambda v: v != rules.REFLEX_NORMAL)
                for side in SIDE_IDS
            ),
        )
        for reflex, label, level in rules.REFLEXES
        if any(getattr(exam, reflex_field(reflex, side)) is not None for side in SIDE_IDS)
    ]
    statuses = dict(rules.SENSATION_STATUSES)
    stored = exam.sensation or {}
    sensation = [
        (
            f"{rules.region_label(region)} ({dermatome})",
            *(
                _cell(
                    statuses.get((stored.get(side) or {}).get(region), "Normal"),
                    deficit=bool((stored.get(side) or {}).get(region)),
                )
                for side in SIDE_IDS
            ),
        )
        for region, dermatome in rules.SENSATION_REGIONS
        if any((stored.get(side) or {}).get(region) for side in SIDE_IDS)
    ]
    rom = [
        (label, describe_finding(f"rom_{movement}", getattr(exam, f"rom_{movement}"))[1])
        for movement, label in rules.ROM_MOVEMENTS
        if getattr(exam, f"rom_{movement}")
    ]
    responses = dict(rules.REPEATED_RESPONSES)
    repeated = [
        (label, responses[exam.repeated_movements[direction]], exam.repeated_movements[direction])
        for direction, label in rules.REPEATED_DIRECTIONS
        if (exam.repeated_movements or {}).get(direction)
    ]
    FLAG_SUMMARIES = redflags.FLAG_SUMMARIES
    ces = [
        (FLAG_SUMMARIES[code][:1].upper() + FLAG_SUMMARIES[code][1:], exam.ces_answers[code])
        for code in rules.CES_CODES
        if (exam.ces_answers or {}).get(code) is not None
    ]
    assessment = exam.assessment(previous)
    return {
        "exam": exam,
        "neural": neural,
        "crossed_slr": describe_finding("crossed_slr", exam.crossed_slr)[1]
        if exam.crossed_slr
        else "",
        "myotomes": myotomes,
        "reflexes": reflexes,
        "sensation": sensation,
        "rom": rom,
        "repeated": repeated,
        "ces": ces,
        "notes": exam.notes,
        "bilateral": assessment.bilateral,
        "deficits": assessment.deficits,
        "empty": not (
            neural
            or exam.crossed_slr
            or myotomes
            or reflexes
            or sensation
            or rom
            or repeated
            or exam.notes
        ),
    }
