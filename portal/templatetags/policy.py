"""The access policy's one question, asked from a template.

    {% load policy %}
    {% may "workspace.record" meeting as can_write %}
    {% if can_write %}<a href="…">{% translate "Edit" %}</a>{% endif %}

The user is the request's user; the object is optional (see `portal.policy.may`).
"""

from django import template

from portal import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action, obj=None):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return user is not None and policy.may(user, action, obj)
