from django import template

from pages.offline import offline_id as _offline_id

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_id(context) -> str:
    """The name of this login's offline copy (empty when nobody is logged in)."""
    request = context.get("request")
    return _offline_id(request) if request is not None else ""
