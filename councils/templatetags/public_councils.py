"""`{% take_part beat %}`: on a beat's public page, the public council(s) at the police of
the beat's area and the way to become an assistant or volunteer there. One query."""

from django import template

from councils.selectors.public import area_councils

register = template.Library()


@register.inclusion_tag("councils/public/_take_part.html")
def take_part(beat):
    area = beat.police_point.department.area
    return {"beat": beat, "area": area, "councils": list(area_councils(area.pk))}
