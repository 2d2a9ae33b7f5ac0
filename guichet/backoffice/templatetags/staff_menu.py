"""`{% staff_menu_tools as tools %}`: the staff tools the signed-in user may open."""

from typing import Any

from django import template

from guichet.backoffice.middleware import needs_verification
from guichet.backoffice.tools import staff_tools

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_menu_tools(context: dict[str, Any]) -> list[dict[str, str]]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or needs_verification(request):
        return []  # no tool until the session has passed two-step verification
    path = getattr(request, "path", "")
    return [
        {"code": tool.code, "url": url, "label": str(tool.label), "current": str(path == url)}
        for tool in staff_tools(user)
        for url in (tool.url(),)
    ]
