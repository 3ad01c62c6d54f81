"""`{% once_token %}`: the hidden field that lets `portal.once` take a form only once.

A builtin of the templates (TEMPLATES in portal/settings.py): every form with a CSRF token
carries one."""

from django import template

from portal.once import ONCE_RENDERED, hidden_input

register = template.Library()


@register.simple_tag(takes_context=True)
def once_token(context):
    request = context.get("request")
    if request is not None:
        # A page with a token is one visitor's: portal.page_cache never keeps it.
        request.META[ONCE_RENDERED] = True
    return hidden_input()
