"""`{% once_token %}`: the hidden field that lets `portal.once` take a form only once.

A builtin of the templates (TEMPLATES in portal/settings.py): every form with a CSRF token
carries one."""

from django import template

from portal.once import hidden_input

register = template.Library()


@register.simple_tag
def once_token():
    return hidden_input()
