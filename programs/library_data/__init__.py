"""The clinic's 36-exercise library as plain data, written for patients.

Pure Python, no Django: `load_library` and the tests read it directly. Every exercise has the
same keys (see the docstring of `programs.figures` for the `figure` pose format). One module per
exercise category (the `category` field); `EXERCISES` puts them back together in the order of
their `number`, which is the order the library is loaded and shown in.

Wording rules: second person, short sentences, any technical word explained in brackets.
Contraindication actions: "hide" where the exercise must be avoided, "approval" where a
clinician must approve it first, "caution" where the patient should reduce the range, modify
it or prefer an alternative. The app adds the stop rules every exercise shares, so `stop_rules`
here are only the exercise's own.
"""

from __future__ import annotations

from . import aerobic, ais_stretches, aquatic, functional, mckenzie, mobility, neural, stabilisation
from .blocks import DOSE_KEYS
from .vocabulary import (
    CATEGORY_LABELS,
    EQUIPMENT_LABELS,
    JOINT_LABELS,
)

LIBRARY_VERSION = "2026.12.4"  # .4: Spanish and Brazilian Portuguese translations

# Category modules, in the order of the categories' first exercise.
CATEGORY_MODULES = {
    "ais_stretch": ais_stretches,
    "stabilisation": stabilisation,
    "mobility": mobility,
    "functional": functional,
    "neural": neural,
    "mckenzie": mckenzie,
    "aquatic": aquatic,
    "aerobic": aerobic,
}

EXERCISES: list[dict] = sorted(
    (exercise for module in CATEGORY_MODULES.values() for exercise in module.EXERCISES),
    key=lambda exercise: exercise["number"],
)

__all__ = [
    "CATEGORY_LABELS",
    "CATEGORY_MODULES",
    "DOSE_KEYS",
    "EQUIPMENT_LABELS",
    "EXERCISES",
    "JOINT_LABELS",
    "LIBRARY_VERSION",
]
