"""A published item's dose, frequency and kind of exercise in the reader's language.

The snapshot keeps them in English; these write them again from its numbers and codes."""

from django import template

from programs.dose_words import dose_words, equipment_words, frequency_words
from programs.models import Exercise

register = template.Library()


@register.filter
def dose_in_language(item: dict) -> str:
    """E.g. "1 serie de 10, cada lado" for a snapshot item, in the active language."""
    if item.get("sets") is None:
        return item.get("dose_text", "")
    return dose_words(
        sets=item["sets"],
        reps=item.get("reps"),
        hold_s=item.get("hold_s"),
        duration_min=item.get("duration_min"),
        side=item.get("side", ""),
    )


@register.filter
def frequency_in_language(item: dict) -> str:
    if not item.get("times_per_day") or not item.get("days_per_week"):
        return item.get("frequency_text", "")
    return frequency_words(item["times_per_day"], item["days_per_week"])


@register.filter
def equipment_in_language(exercise: dict) -> str:
    """What the exercise needs, e.g. "Una silla firme, una pared", in the active language."""
    return ", ".join(equipment_words(exercise.get("equipment") or []))


@register.filter
def category_in_language(exercise: dict) -> str:
    """The kind of exercise ("Estabilización"), from its code; the frozen label otherwise."""
    try:
        return str(Exercise.Category(exercise.get("category")).label)
    except ValueError:
        return exercise.get("category_label", "")
