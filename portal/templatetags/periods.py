"""`{% quarter_label year quarter %}`: a quarter as the reader's language writes it."""

from django import template

from portal.periods import Quarter

register = template.Library()


@register.simple_tag
def quarter_label(year, quarter):
    """ "III квартал 2026 г.", "2026 жылғы III тоқсан", "Q3 2026" (see Quarter.label)."""
    return Quarter(int(year), int(quarter)).label
