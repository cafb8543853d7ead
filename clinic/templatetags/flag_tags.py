"""`{{ flag|next_step }}`: what a clinician does next on an open emergency or urgent flag."""

from django import template

from ..flag_states.services import next_step as _next_step

register = template.Library()


@register.filter
def next_step(flag) -> str:
    return _next_step(flag)
