"""The check before publishing: what stops a report from being published, and what only
deserves a second look.

`check(snapshot, now=...)` reads the snapshot that would be published (reports.assembly), so
the page that shows the check and the service that publishes (reports.services.publishing)
judge exactly the same data. A blocking problem stops `report_publish` and `report_correct`;
a warning is shown and publishing goes ahead once the reviewer confirms.

Blocking, from what the seed document says a quarterly report to residents discusses
(section 4, "Отчётность участковых инспекторов перед населением": the offence statistics of
the territory, the measures taken to remove the causes and conditions of offences, the
problems residents raised and their proposals; section 5: the plans are corrected by what
residents proposed) and what residents need to come back:

* no offence statistics entered for the beat and the quarter (every category empty);
* no next report meeting, or one without its place;
* an empty required section. Required are "measures" (the text, a resolved problem place
  or a submission: section 4 of the seed names the measures) and "plan" (the text or a
  planned item: "корректировать планы профилактических мероприятий"). The other sections
  can honestly be empty in a quarter — no joint action, no good news — and the "in brief"
  figures and the beat's card are always filled from the data.

Warnings: no meeting with residents held in the quarter; the statistics total zero, or some
categories or last year's figures are missing; no residents' proposal answered, or some
still unanswered; no joint action or good news (the seed asks for "not only statistics but
also successful examples of prevention and joint initiatives"); no words of the inspector
next to the computed figures, or words that quote figures of their own (the figures shown
are computed, a typed one can disagree with them); a next meeting whose date has passed.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reports.snapshot import ANSWERED_PROPOSAL_STATUSES

DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    # Which part of the report to look at: a section of the snapshot ("statistics",
    # "next_meeting", "measures", "plan", "summary", "proposals", "residents", "joint_work",
    # "positive_cases").
    section: str


@dataclass(frozen=True)
class Check:
    blocking: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing blocks publication."""
        return not self.blocking

    def codes(self):
        return [p.code for p in self.blocking], [p.code for p in self.warnings]


def _statistics(snapshot, blocking, warnings):
    statistics = snapshot.get("statistics") or {}
    rows = statistics.get("rows") or []
    total = statistics.get("total") or {}
    if total.get("current") is None:
        blocking.append(
            Problem(
                "no_statistics",
                _("No offence statistics are entered for the beat and the quarter."),
                "statistics",
            )
        )
        return
    missing = sum(1 for row in rows if row.get("current") is None)
    if missing:
        warnings.append(
            Problem(
                "statistics_incomplete",
                ngettext(
                    "%(count)s offence category has no figure for the quarter.",
                    "%(count)s offence categories have no figure for the quarter.",
                    missing,
                )
                % {"count": missing},
                "statistics",
            )
        )
    if total.get("current") == 0:
        warnings.append(
            Problem(
                "statistics_zero",
                _("The offence statistics total zero: check that every figure is entered."),
                "statistics",
            )
        )
    if total.get("previous") is None:
        warnings.append(
            Problem(
                "no_previous_year",
                _(
                    "No figures for the same quarter of last year: the change against last "
                    "year cannot be shown."
                ),
                "statistics",
            )
        )


def _next_meeting(snapshot, now, blocking, warnings):
    meeting = snapshot.get("next_meeting") or {}
    at = meeting.get("at")
    if not at:
        blocking.append(
            Problem(
                "no_next_meeting",
                _("No next report meeting is set: residents need to know when to come."),
                "next_meeting",
            )
        )
    elif not (meeting.get("place") or "").strip():
        blocking.append(
            Problem(
                "no_next_meeting_place",
                _("The next report meeting has no place."),
                "next_meeting",
            )
        )
    moment = at if isinstance(at, datetime.datetime) else parse_datetime(at or "")
    if moment is not None and now is not None and moment < now:
        warnings.append(
            Problem(
                "next_meeting_passed",
                _("The date of the next report meeting has passed."),
                "next_meeting",
            )
        )


def _required_sections(snapshot, blocking):
    measures = snapshot.get("measures") or {}
    if not (
        (measures.get("text") or "").strip()
        or measures.get("problems_resolved")
        or measures.get("submissions")
    ):
        blocking.append(
            Problem(
                "empty_measures",
                _(
                    "The section on measures to prevent offences is empty: describe what was "
                    "done, or record the resolved problem places and submissions."
                ),
                "measures",
            )
        )
    plan = snapshot.get("plan") or {}
    if not ((plan.get("text") or "").strip() or plan.get("items")):
        blocking.append(
            Problem(
                "empty_plan",
                _(
                    "The plan for the next quarter is empty: write it, or add work plan "
                    "items due next quarter."
                ),
                "plan",
            )
        )


def _work(snapshot, warnings):
    residents = snapshot.get("residents") or {}
    if not residents.get("meetings"):
        warnings.append(
            Problem(
                "no_meetings",
                _("No meeting with residents was held in the quarter."),
                "residents",
            )
        )
    proposals = snapshot.get("proposals") or []
    answered = sum(1 for p in proposals if p.get("status") in ANSWERED_PROPOSAL_STATUSES)
    if not answered:
        warnings.append(
            Problem(
                "no_proposals_answered",
                _("The report answers no proposal of the residents."),
                "proposals",
            )
        )
    elif answered < len(proposals):
        unanswered = len(proposals) - answered
        warnings.append(
            Problem(
                "proposals_unanswered",
                ngettext(
                    "%(count)s proposal of the residents has no answer yet.",
                    "%(count)s proposals of the residents have no answer yet.",
                    unanswered,
                )
                % {"count": unanswered},
                "proposals",
            )
        )
    if not (snapshot.get("joint_work") or {}).get("actions"):
        warnings.append(
            Problem(
                "no_joint_actions",
                _("No joint action with the community in the quarter."),
                "joint_work",
            )
        )
    if not snapshot.get("positive_cases"):
        warnings.append(
            Problem(
                "no_positive_cases",
                _("No good news: a case that went well shows residents what prevention does."),
                "positive_cases",
            )
        )


def _summary(snapshot, warnings):
    text = (snapshot.get("summary") or "").strip()
    if not text:
        warnings.append(
            Problem(
                "no_summary",
                _("The inspector wrote nothing next to the figures in brief."),
                "summary",
            )
        )
    elif DIGITS.search(text):
        warnings.append(
            Problem(
                "summary_has_numbers",
                _(
                    "The inspector's summary contains numbers. The figures in brief are "
                    "computed from the data; make sure the text does not quote different ones."
                ),
                "summary",
            )
        )


def check(snapshot, *, now=None) -> Check:
    """What blocks publishing `snapshot` and what deserves a warning, at `now` (the next
    meeting's date is judged against it; without `now` it is not)."""
    blocking, warnings = [], []
    _statistics(snapshot, blocking, warnings)
    _next_meeting(snapshot, now, blocking, warnings)
    _required_sections(snapshot, blocking)
    _work(snapshot, warnings)
    _summary(snapshot, warnings)
    return Check(blocking=blocking, warnings=warnings)
