"""`{{ item|timer_problems }}`: where the follow-along timer cannot follow a dose, or the dose goes
against the exercise's method (`programs.timer_plan.dose_problems`), for the builder."""

from django import template

from programs import timer_plan

register = template.Library()


@register.filter
def timer_problems(item) -> list[str]:
    return timer_plan.dose_problems(item)
