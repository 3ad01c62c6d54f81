"""Field mode: the pages an inspector reads in the field, kept on the device from the last visit.

The service worker keeps a copy of every page whose path matches `page_patterns()` when it
is opened online, and shows the copy when there is no signal. `pages_for(user)` lists those
of the user's own beats, so that they can all be saved at once (the start page does it):
the start page, this period's checklist, the beat passports, the problem places and their
plan, the forms of the records that can be drafted offline, and the list of drafts.
Nothing else is kept: preventive visits, appeals and the register are never copied.
"""

import re

from django.urls import NoReverseMatch, reverse

from districts.drafts import KINDS
from districts.models import Beat, ProblemSpot, ProblemStatus
from portal import policy

# Pages without parameters, then the forms of new records that can be drafted offline.
PAGES = ("inspector-home", "checklist", "problem-list", "problem-plan", "field-drafts")
FORMS = ("meeting-create", "round-create", "preventive-create", "appeal-create", "problem-create")
# Pages of one object: (URL name, a sample argument, the pattern that stands for it).
ID_SAMPLE, ID_PATTERN = 987654321, r"[0-9]+"
OBJECT_PAGES = (
    ("staff-beat-detail", "sample-code", r"[-a-zA-Z0-9_]+"),
    ("problem-detail", ID_SAMPLE, ID_PATTERN),
    ("problem-edit", ID_SAMPLE, ID_PATTERN),
)
# A device keeps no more than this of one inspector's beats and open problem places.
MAX_BEATS = 10
MAX_PLACES = 50


def _pattern(name, sample=None, pattern=None):
    """The regular expression (JavaScript syntax too) of a URL's path; re.escape leaves "/" and
    "-" alone, which JavaScript reads the same way."""
    if sample is None:
        return f"^{re.escape(reverse(name))}$"
    path = re.escape(reverse(name, args=[sample]))
    return f"^{path.replace(re.escape(str(sample)), pattern)}$"


def page_patterns() -> list[str]:
    """The paths kept for offline reading."""
    return [_pattern(name) for name in (*PAGES, *FORMS)] + [
        _pattern(*page) for page in OBJECT_PAGES
    ]


def draft_patterns() -> list[str]:
    """The paths of the forms whose sending, when it fails, leaves a draft on the device."""
    patterns = []
    for name in KINDS:
        try:
            patterns.append(_pattern(name))
        except NoReverseMatch:
            patterns.append(_pattern(name, ID_SAMPLE, ID_PATTERN))
    return patterns


def pages_for(user) -> list[str]:
    """The addresses to save for offline reading: the user's own beats and open places."""
    beats = list(
        Beat.objects.filter(inspector=user)
        .order_by("number", "pk")
        .values_list("pk", "code")[:MAX_BEATS]
    )
    beat_ids = [pk for pk, _code in beats]
    places = policy.scoped(
        user,
        ProblemSpot.objects.filter(beat_id__in=beat_ids).exclude(status=ProblemStatus.RESOLVED),
    ).order_by("-updated_at", "-pk")
    checklist, plan = reverse("checklist"), reverse("problem-plan")
    return [
        reverse("inspector-home"),
        checklist,
        *[f"{checklist}?beat={pk}" for pk in beat_ids],
        *[reverse("staff-beat-detail", args=[code]) for _pk, code in beats],
        reverse("problem-list"),
        *[f"{plan}?beat={pk}" for pk in beat_ids],
        *[
            reverse(name, args=[pk])
            for pk in places.values_list("pk", flat=True)[:MAX_PLACES]
            for name in ("problem-detail", "problem-edit")
        ],
        *[reverse(name) for name in FORMS],
        reverse("field-drafts"),
    ]
