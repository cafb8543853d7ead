"""An exercise's dose and how often, in plain words of the active language.

A published snapshot keeps these in English (`programs.services.snapshot`); the portal writes
them again in the patient's language from the same numbers, so a translation never depends on
the language the therapist published in.
"""

from django.utils.translation import gettext, gettext_noop, ngettext


def dose_words(*, sets: int, reps: int | None, hold_s: int | None, duration_min, side: str) -> str:
    """E.g. "1 set of 10, hold 2 s, each side"."""
    parts = []
    if reps:
        parts.append(
            ngettext("%(sets)s set of %(reps)s", "%(sets)s sets of %(reps)s", sets)
            % {"sets": sets, "reps": reps}
        )
    elif sets > 1:
        parts.append(ngettext("%(sets)s set", "%(sets)s sets", sets) % {"sets": sets})
    if hold_s:
        parts.append(gettext("hold %(n)s s") % {"n": hold_s})
    if duration_min:
        parts.append(gettext("%(n)s min") % {"n": duration_min})
    if side == "both":
        parts.append(gettext("each side"))
    elif side == "left":
        parts.append(gettext("left side"))
    elif side == "right":
        parts.append(gettext("right side"))
    elif side == "alternate":
        parts.append(gettext("alternating sides"))
    return ", ".join(parts) or gettext("as shown")


def frequency_words(times_per_day: int, days_per_week: int) -> str:
    """E.g. "daily" or "twice a day, 3 days a week"."""
    if times_per_day == 1:
        per_day = gettext("once a day")
    elif times_per_day == 2:
        per_day = gettext("twice a day")
    else:
        per_day = gettext("%(n)s times a day") % {"n": times_per_day}
    if days_per_week == 7:
        return gettext("daily") if times_per_day == 1 else per_day
    return ngettext(
        "%(per_day)s, %(n)s day a week", "%(per_day)s, %(n)s days a week", days_per_week
    ) % {"per_day": per_day, "n": days_per_week}


# What a patient needs for an exercise, in their words (the library's keys,
# `programs.library_data.vocabulary.EQUIPMENT_LABELS`, with the staff's longer labels).
_EQUIPMENT_WORDS = {
    "rope": gettext_noop("a stretching rope or strap"),
    "chair": gettext_noop("a firm chair"),
    "mat": gettext_noop("an exercise mat or carpet"),
    "wall": gettext_noop("a wall"),
    "pool": gettext_noop("a swimming pool"),
    "band": gettext_noop("a resistance band"),
    "dowel": gettext_noop("a broomstick or stick"),
}


def equipment_words(keys) -> list[str]:
    """E.g. ["a stretching rope or strap", "an exercise mat or carpet"] in the active language;
    a word the library does not know is shown as written."""
    return [gettext(_EQUIPMENT_WORDS[key]) if key in _EQUIPMENT_WORDS else key for key in keys]
