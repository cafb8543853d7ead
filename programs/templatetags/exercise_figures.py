"""`{% exercise_figure_url exercise "start" %}`: a picture URL that is cached until it changes."""

from django import template
from django.urls import reverse

from programs import library

register = template.Library()


@register.simple_tag
def exercise_figure_url(exercise, which: str = "start") -> str:
    if not library.has_figure(exercise):
        return ""
    url = reverse("programs:exercise-figure", kwargs={"slug": exercise.slug, "which": which})
    return f"{url}?v={library.figure_etag(exercise, which)[:16]}"
