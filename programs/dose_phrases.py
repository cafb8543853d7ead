"""The doses a sentence states, so that nothing beside a prescription contradicts it.

A tip such as "build up to 15 slow cycles, up to 3 times a day" next to a prescribed 2 x 10 twice
a day tells the patient two things. `stated_doses` finds each phrase that states a dose in
absolute terms (repetitions or cycles, sets, a hold, minutes, times a day, days a week); a change
relative to the therapist's dose ("add 2 repetitions", "2 more cycles") is not one, and "up to
N seconds" is a ceiling that any hold at or below N agrees with. `consistent_tips` keeps the
tips that agree with a prescription: a published revision leaves the others out (the shipped
library states no dose in its tips; a clinic's own wording might).

Pure Python: the snapshot builder and the tests use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_N = r"(\d+|" + "|".join(_WORDS) + r")"
_RANGE = _N + r"(?:\s*(?:-|–|to)\s*" + _N + r")?"
_REPS = r"(?:repetitions?|reps?|cycles?|times)"
# (field, pattern). A pattern's groups are the low and high end of the number it states.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("times_per_day", re.compile(_RANGE + r"\s+times\s+(?:a|per|each)\s+day", re.I)),
    ("times_per_day", re.compile(r"\b(once|twice)()\s+(?:a|per|each)\s+day", re.I)),
    ("days_per_week", re.compile(_RANGE + r"\s+days?\s+(?:a|per|each)\s+week", re.I)),
    ("days_per_week", re.compile(r"\bevery\s+(other)()\s+day", re.I)),
    # "15 slow cycles": one word may come between the number and what it counts.
    (
        "reps",
        re.compile(_RANGE + r"\s+(?:[a-z]+\s+)?" + _REPS + r"\b(?!\s+(?:a|per|each)\s+day)", re.I),
    ),
    # "Build up to 15", "Do 8 to 10": a bare count is repetitions, unless a unit follows.
    (
        "reps",
        re.compile(
            r"\b(?:build up to|start with|repeat|do)\s+"
            + _RANGE
            + r"\b(?!\s*(?:[a-z]+\s+)?(?:sets?|seconds?|secs?|s|minutes?|mins?|days?|holds?|"
            + r"times\s+(?:a|per|each)\s+day)\b)",
            re.I,
        ),
    ),
    ("sets", re.compile(_RANGE + r"\s+sets?\b", re.I)),
    (
        "hold_s",
        re.compile(
            r"\b(?:hold|holds|pause|assist)\s+(?:of\s+|for\s+)?(up to\s+)?"
            + _RANGE
            + r"\s*(?:seconds?|secs?|s)\b",
            re.I,
        ),
    ),
    ("hold_s", re.compile(_RANGE + r"[-\s]seconds?\s+holds?", re.I)),
    ("duration_min", re.compile(_RANGE + r"\s+(?:minutes?|mins?)\b", re.I)),
]
# A change to the therapist's dose, not a dose: "add 2 repetitions", "2 more cycles".
_RELATIVE_BEFORE = re.compile(r"\b(?:add|adding|another|extra)\s+(?:about\s+)?$", re.I)
_RELATIVE_AFTER = re.compile(r"^\s*(?:\S+\s+)?more\b", re.I)


def _number(text: str) -> int | None:
    if not text:
        return None
    text = text.lower()
    return int(text) if text.isdigit() else _WORDS.get(text)


@dataclass(frozen=True)
class Stated:
    field: str
    low: int | None  # None: a frequency no count can match ("every other day")
    high: int | None
    ceiling: bool  # "up to N": any dose at or below N agrees
    phrase: str

    def agrees_with(self, dose: Mapping[str, int | None]) -> bool:
        value = dose.get(self.field)
        if not value or self.low is None:
            return False
        high = self.high if self.high is not None else self.low
        return value <= high if self.ceiling else self.low <= value <= high


_FREQUENCY_WORDS = {"once": 1, "twice": 2, "other": None}


def stated_doses(text: str) -> list[Stated]:
    """Every dose the text states in absolute terms."""
    found = []
    for field, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 20) : match.start()]
            if _RELATIVE_BEFORE.search(before) or _RELATIVE_AFTER.match(text[match.end() :]):
                continue
            first = (match.group(1) or "").lower()
            if first in _FREQUENCY_WORDS:
                count = _FREQUENCY_WORDS[first]
                found.append(Stated(field, count, count, False, match.group(0)))
                continue
            ceiling = first.startswith("up to")
            numbers = [g for g in match.groups() if g and not g.lower().startswith("up to")]
            low = _number(numbers[0]) if numbers else None
            high = _number(numbers[1]) if len(numbers) > 1 else None
            found.append(Stated(field, low, high, ceiling, match.group(0)))
    return found


def conflicts(text: str, dose: Mapping[str, int | None]) -> list[str]:
    """The phrases of `text` that state a dose other than `dose` (keys as `DOSE_KEYS`)."""
    return sorted({s.phrase for s in stated_doses(text) if not s.agrees_with(dose)})


def consistent_tips(tips: Iterable[str], dose: Mapping[str, int | None]) -> list[str]:
    """The tips that state no dose other than the prescribed one, in order."""
    return [tip for tip in tips if not conflicts(tip, dose)]
