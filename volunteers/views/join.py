"""The public "how to become a public assistant or volunteer" page of an area, with the
interest form whose leads land in the police's queue (volunteers.views.leads).

Public: the steps of Law No. 590 and of the Law on volunteer activity in plain language,
the area's akimat and police contacts that are public anyway, and a form asking for a
name and a phone or e-mail only. Sending is rate-limited per address and carries a
honeypot, like the resident's proposal (residents.views.submissions).
"""

import logging

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from districts.models import Area, Beat, PoliceDepartment
from portal import policy, ratelimits
from volunteers.forms.leads import InterestForm
from volunteers.models.assistant import (
    AKIMAT_REGISTRATION_WORKING_DAYS,
    MINIMUM_AGE,
    POLICE_CHECK_DAYS,
)
from volunteers.models.volunteer import PARENTAL_CONSENT_BELOW
from volunteers.services.leads import lead_submit

logger = logging.getLogger(__name__)

# Interests accepted from one address in an hour.
JOIN_FORM_RATE = "5/h"
RATE_GROUP = "volunteers.area-join"


def _area(pk):
    departments = PoliceDepartment.objects.order_by("name", "pk")
    return get_object_or_404(
        Area.objects.select_related("region").prefetch_related(
            Prefetch("departments", queryset=departments)
        ),
        pk=pk,
    )


def _usage(request, *, increment):
    return ratelimits.usage(
        request,
        group=RATE_GROUP,
        key="ip",
        rate=JOIN_FORM_RATE,
        method="POST",
        increment=increment,
    )


def _context(area, form, **extra):
    beat = form["beat"].value() if form is not None else None
    return {
        "area": area,
        "form": form,
        "from_beat": Beat.objects.filter(code=beat, police_point__department__area=area).first()
        if beat
        else None,
        "police_check_days": POLICE_CHECK_DAYS,
        "registration_days": AKIMAT_REGISTRATION_WORKING_DAYS,
        "minimum_age": MINIMUM_AGE,
        "parental_consent_below": PARENTAL_CONSENT_BELOW,
        **extra,
    }


@policy.guard("site.view")
@require_safe
def join_areas(request):
    """Every area, by region: the resident picks theirs (one query)."""
    areas = Area.objects.select_related("region").order_by("region__name", "name", "pk")
    return render(request, "volunteers/join/areas.html", {"areas": areas})


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def area_join(request, pk):
    area = _area(pk)
    template = "volunteers/join/area.html"
    if request.method != "POST":
        form = InterestForm(area=area, initial={"beat": request.GET.get("beat", "")[:32]})
        return render(request, template, _context(area, form))

    form = InterestForm(request.POST, area=area)
    usage = _usage(request, increment=False)
    if ratelimits.exhausted(usage):
        return ratelimits.refused_form(request, template, _context(area, form), usage)
    if form.is_spam():
        _usage(request, increment=True)
        logger.info("An interest for area %s was caught by the honeypot", area.pk)
        return redirect("area-join-thanks", pk=area.pk)
    if form.is_valid():
        _usage(request, increment=True)
        data = form.cleaned_data
        lead_submit(
            area=area,
            beat=data["beat"],
            kind=data["kind"],
            name=data["name"],
            contact=data["contact"],
            residence=data["residence"],
            message=data["message"],
        )
        return redirect("area-join-thanks", pk=area.pk)
    return render(request, template, _context(area, form))


@policy.guard("site.view")
@require_safe
def area_join_thanks(request, pk):
    return render(request, "volunteers/join/thanks.html", {"area": _area(pk)})
