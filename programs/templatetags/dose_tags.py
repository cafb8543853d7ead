"""A live template or program item's dose in the words its published snapshot will use."""

from django import template

from programs import services

register = template.Library()


@register.filter
def dose_text(item) -> str:
    """E.g. "1 set of 10, hold 2 s, each side" (`programs.services.dose_text`)."""
    return services.dose_text(item)


@register.filter
def frequency_text(item) -> str:
    """E.g. "daily" or "twice a day, 3 days a week" (`programs.services.frequency_text`)."""
    return services.frequency_text(item.times_per_day, item.days_per_week)
