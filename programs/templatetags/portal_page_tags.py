"""`{% portal_page %}`: the program page's body, kept rendered (programs/portal_page.py).

    {% portal_page %} ... {% per_request %}{% forms_to_fill %}{% endper_request %} ...
    {% endportal_page %}

The view passes `portal_page_key` (None: render and do not keep) and, when the cache had it,
`portal_page_body`. The body is rendered with a placeholder for the CSRF token, and with a
marker where each `{% per_request %}` part goes; both are filled in on every view.
"""

from django import template
from django.utils.safestring import mark_safe

from programs import portal_page

register = template.Library()

_RENDERING = "_portal_page_rendering"


def _marker(index: int) -> str:
    return f"\x00portal-per-request-{index}\x00"


class PerRequestNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.index = 0

    def render(self, context):
        if context.get(_RENDERING):
            return _marker(self.index)
        return self.nodelist.render(context)


class PortalPageNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.holes = list(nodelist.get_nodes_by_type(PerRequestNode))
        for index, hole in enumerate(self.holes):
            hole.index = index

    def render(self, context):
        body = context.get("portal_page_body")
        if body is None:
            with context.push(csrf_token=portal_page.CSRF_PLACEHOLDER, **{_RENDERING: True}):
                body = self.nodelist.render(context)
            portal_page.put(context.get("portal_page_key"), body)
        token = context.get("csrf_token")
        token = "" if token is None else str(token)
        body = body.replace(portal_page.CSRF_PLACEHOLDER, token)
        for hole in self.holes:
            body = body.replace(_marker(hole.index), hole.nodelist.render(context))
        # Rendered by the template engine, escaped there.
        return mark_safe(body)  # noqa: S308  # nosec B308 B703


@register.tag("portal_page")
def do_portal_page(parser, token):
    nodelist = parser.parse(("endportal_page",))
    parser.delete_first_token()
    return PortalPageNode(nodelist)


@register.tag("per_request")
def do_per_request(parser, token):
    nodelist = parser.parse(("endper_request",))
    parser.delete_first_token()
    return PerRequestNode(nodelist)
