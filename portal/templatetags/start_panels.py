"""{% start_panels as panels %}: the templates of the start-page panels the user may see."""

from django import template

from portal.start_panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def start_panels(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return panels_for(user) if user is not None else []
