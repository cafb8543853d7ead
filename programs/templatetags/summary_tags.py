"""What the patient page's summary button offers (templates/programs/_summary_button.html)."""

from django import template

from programs.summaries.content import DISCHARGE_OUTCOMES

register = template.Library()


@register.simple_tag
def discharge_outcomes() -> tuple[tuple[str, str], ...]:
    """The discharge outcomes, as (value, label) pairs for the discharge form."""
    return DISCHARGE_OUTCOMES
