"""`{{ measure|indicator_value }}` and `{{ measure|indicator_target }}`: figures of an
indicator as the reader's language writes them ("75,5 %", "1 204", "—")."""

from django import template
from django.utils.formats import number_format

from reports.indicator_charts import shown

register = template.Library()


@register.filter
def indicator_value(measure):
    return shown(measure.value, count=measure.is_count)


@register.filter
def indicator_target(measure):
    return shown(measure.target, count=measure.is_count)


@register.filter
def indicator_change(measure):
    """The change of the trust index in percentage points, with its sign: "+2,5", "−1,0"."""
    if measure.change is None:
        return ""
    sign = "+" if measure.change > 0 else ("−" if measure.change < 0 else "±")
    return f"{sign}{number_format(abs(measure.change), decimal_pos=1)}"


@register.filter
def percent(value):
    """A share in per cent as the reader's language writes it: "61,2 %"."""
    return shown(value)
