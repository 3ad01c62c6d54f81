"""The public survey of a beat: one answer per device per quarter, rate-limited per address.

A device that has answered keeps a signed cookie naming the beat and the quarter; with it
the form is not shown again and a second answer is refused politely (200, nothing saved).
The cookie holds no identifier: every device that answered the same beat in the same
quarter carries the same value. The answers themselves keep nothing about the sender
(districts.models.survey).
"""

import logging

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from districts.models import Beat
from districts.models.survey import Source
from districts.selectors.territory import BEAT_PUBLIC_RELATED
from portal import policy, ratelimits
from portal.periods import aware_bounds, current_quarter
from trust.forms import SurveyForm
from trust.services import survey_answer

logger = logging.getLogger(__name__)

# Answers accepted from one address an hour: a family or a block of flats may share one,
# and so may a mobile operator's customers; the cookie is what stops a second answer.
SURVEY_RATE = "30/h"
RATE_GROUP = "trust.beat-survey"
# And per address and beat a day: without it, a script that drops the cookie could fill one
# beat's small sample from one address.
BEAT_RATE = "10/d"
COOKIE_SALT = "trust.survey"
COOKIE_PREFIX = "survey-"
LANGUAGES = ("kk", "ru", "en")
COOKIE_EXTRA_SECONDS = 3 * 24 * 3600


def _beat(code):
    return get_object_or_404(Beat.objects.select_related(*BEAT_PUBLIC_RELATED), code=code)


def _cookie_name(beat):
    return f"{COOKIE_PREFIX}{beat.code}"


def _cookie_value(beat, quarter):
    return f"{beat.code}:{quarter.year}-{quarter.number}"


def has_answered(request, beat, quarter) -> bool:
    """Whether this device carries the signed mark of an answer to `beat` in `quarter`."""
    # A missing, forged or expired mark reads as None.
    value = request.get_signed_cookie(_cookie_name(beat), default=None, salt=COOKIE_SALT)
    return value == _cookie_value(beat, quarter)


def _mark_answered(response, beat, quarter):
    # Kept until the quarter ends, and a few days more (clocks and time zones differ).
    _start, end = aware_bounds(quarter.period)
    seconds = int((end - timezone.now()).total_seconds()) + COOKIE_EXTRA_SECONDS
    response.set_signed_cookie(
        _cookie_name(beat),
        _cookie_value(beat, quarter),
        salt=COOKIE_SALT,
        max_age=max(seconds, 3600),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _source(request):
    value = request.GET.get("from", "")
    return value if value in Source.values else Source.LINK


def _usage(request, beat, *, increment):
    """The tighter of the two limits: per address, and per address and beat."""
    usages = [
        ratelimits.usage(
            request, group=group, key="ip", rate=rate, method="POST", increment=increment
        )
        for group, rate in ((RATE_GROUP, SURVEY_RATE), (f"{RATE_GROUP}:{beat.code}", BEAT_RATE))
    ]
    usages = [u for u in usages if u]
    if not usages:
        return None
    return max(usages, key=lambda u: (u.get("unavailable", False), u["count"] >= u["limit"]))


def _language():
    language = (get_language() or "ru").split("-")[0]
    return language if language in LANGUAGES else "ru"


def _already(request, beat, quarter):
    return render(
        request, "trust/survey_answered.html", {"beat": beat, "quarter": quarter}, status=200
    )


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def beat_survey(request, code):
    beat = _beat(code)
    quarter = current_quarter()
    source = _source(request)
    action = reverse("beat-survey", args=[beat.code])
    if source != Source.LINK:
        action += f"?from={source}"
    context = {"beat": beat, "quarter": quarter, "action": action}
    if request.method == "POST":
        usage = _usage(request, beat, increment=False)
        form = SurveyForm(request.POST)
        if ratelimits.exhausted(usage):
            context["form"] = form
            return ratelimits.refused_form(request, "trust/survey.html", context, usage)
        if has_answered(request, beat, quarter):
            return _already(request, beat, quarter)
        if form.is_spam():
            _usage(request, beat, increment=True)
            logger.info("A survey answer for beat %s was caught by the honeypot", beat.code)
            return redirect("beat-survey-thanks", code=beat.code)
        if form.is_valid():
            _usage(request, beat, increment=True)
            survey_answer(beat=beat, answers=form.cleaned_data, language=_language(), source=source)
            response = redirect("beat-survey-thanks", code=beat.code)
            return _mark_answered(response, beat, quarter)
    else:
        if has_answered(request, beat, quarter):
            return _already(request, beat, quarter)
        form = SurveyForm()
    context["form"] = form
    return render(request, "trust/survey.html", context)


@policy.guard("site.view")
@require_safe
def beat_survey_thanks(request, code):
    return render(
        request, "trust/survey_thanks.html", {"beat": _beat(code), "quarter": current_quarter()}
    )
