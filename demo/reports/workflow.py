"""The reports of the last and the current quarter, taken through the report workflow
(`reports.services.publishing`) at the moments the demo gives each step."""

import datetime

from django.utils import timezone

from demo.dates import DAY, at
from demo.recording import recorded_times_as_given
from demo.reports.beat import BeatReports
from demo.reports.texts import DRAFT_SUMMARIES, located
from districts.models import Cadence, Meeting, MeetingKind, MeetingStatus
from portal.models import Role, User
from portal.periods import Quarter, add_working_days, period_of, previous_period, quarter_of
from reports import submission
from reports.models import OffenceCategory, OffenceStatistic, QuarterlyReport
from reports.services import publishing

MINUTE = datetime.timedelta(minutes=1)


# A report meeting the demo work planned this soon is the one the report announces.
PLANNED_MEETING_HORIZON = datetime.timedelta(days=45)
# ---------------------------------------------------------------------------- corrections

# Beat code → (statistic changes of the reported quarter, reason in Russian, in Kazakh).
CORRECTIONS = {
    "almaly-01": (
        {"theft": 2},
        "Уточнена статистика: учтены две кражи, зарегистрированные в последние дни квартала.",
        "Статистика нақтыланды: тоқсанның соңғы күндері тіркелген екі ұрлық есепке алынды.",
    ),
    "bostandyk-02": (
        {"fraud": -1, "online_fraud": 1},
        "Уточнена статистика: один случай мошенничества переквалифицирован "
        "в интернет-мошенничество.",
        "Статистика нақтыланды: бір алаяқтық интернет-алаяқтық ретінде қайта сараланды.",
    ),
    "medeu-03": (
        {"online_fraud": 1},
        "Уточнена статистика: добавлен случай интернет-мошенничества по заявлению, "
        "поступившему в конце квартала.",
        "Статистика нақтыланды: тоқсан соңында түскен арыз бойынша интернет-алаяқтық "
        "жағдайы қосылды.",
    ),
}
# Current-quarter reports that are complete, and submitted for review once the quarter's
# last days have come (reports.submission; before that they wait as complete drafts) — the
# demo supervisor's department; the demo inspector's own beat almaly-01 is then returned to
# them (see RETURNED_NOW).
# The share of this quarter's unfinished drafts written so far in one language only.
ONE_LANGUAGE_DRAFTS = 0.3
SUBMITTED_NOW = ("almaly-02", "almaly-04", "almaly-06")
# A current-quarter report the demo supervisor returned with comments, waiting for the demo
# inspector: beat code → the comments in Russian and in Kazakh (the beat's language).
RETURNED_NOW = {
    "almaly-01": (
        "Дополните меры: укажите, что сделано по освещению дворов, о котором просили жители "
        "на встрече, и назначьте дату следующей отчётной встречи.",
        "Шараларды толықтырыңыз: тұрғындар кездесуде сұраған аулаларды жарықтандыру бойынша "
        "не істелгенін көрсетіңіз және келесі есепті кездесудің күнін белгілеңіз.",
    ),
}


def before_now(moments, now):
    """The moments, each moved back where needed to stay a minute before the next and now."""
    limit = now - MINUTE
    result = []
    for moment in reversed(moments):
        moment = min(moment, limit)
        result.append(moment)
        limit = moment - MINUTE
    return result[::-1]


class ReportSeed:
    """The statistics and the reports of the beats, seeded at `now`."""

    def __init__(self, beats, now):
        self.now = now
        self.today = timezone.localdate(now)
        self.current = period_of(Cadence.QUARTERLY, self.today)
        self.last = previous_period(Cadence.QUARTERLY, self.today)
        self.following = period_of(Cadence.QUARTERLY, self.current.end)
        self.beats = beats
        self.categories = list(OffenceCategory.objects.filter(is_active=True).order_by("order"))
        self.publishers = publishers({b.police_point.department_id for b in beats})
        self.new_files = []
        self.counts = {
            "offence statistics": 0,
            "published reports": 0,
            "corrections": 0,
            "draft reports": 0,
            "submitted for review": 0,
            "returned with comments": 0,
        }

    def quarters(self):
        """Every quarter of the year before the last completed quarter's, and of its own
        year up to it: the АППГ of every quarter reported on is there."""
        year, quarter = quarter_of(self.last.start)
        return [(year - 1, q) for q in range(1, 5)] + [(year, q) for q in range(1, quarter + 1)]

    def run(self):
        quarters = self.quarters()
        works = [BeatReports(beat) for beat in self.beats]
        rows = [row for work in works for row in work.statistics(self.categories, quarters)]
        OffenceStatistic.objects.bulk_create(rows, batch_size=500)
        OffenceStatistic.history.bulk_history_create(rows, batch_size=500)
        self.counts["offence statistics"] = len(rows)
        planned = planned_report_meetings(self.beats, self.now)
        for work in works:
            self.last_quarter(work, planned.get(work.beat.pk))
            self.current_quarter(work)
        return self.counts

    def timeline(self, rng, steps):
        """Moments of the workflow steps after the quarter ended: working days, office hours."""
        moments, day = [], self.current.start
        for low, high in steps:
            day = add_working_days(day, rng.randint(low, high))
            moments.append(at(day, rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
        return before_now(moments, self.now)

    def last_quarter(self, work, planned):
        beat, rng = work.beat, work.rng
        year, quarter = quarter_of(self.last.start)
        next_quarter = quarter_of(self.current.start)[1]
        correction = CORRECTIONS.get(beat.code)
        created, submitted, published, corrected = self.timeline(
            rng, [(0, 2), (1, 3), (1, 2), (2, 5)]
        )
        if planned is not None:
            meeting_at = planned.held_at
            places = {
                language: getattr(planned, f"place_{language}", None) or planned.place
                for language in ("kk", "ru")
            }
        else:
            meeting_at = work.meeting_day(self.today + 5 * DAY, self.today + 25 * DAY)
            places = work.both(work.meeting_place)
        report = written(
            beat,
            created,
            year=year,
            quarter=quarter,
            **in_both("summary", work.both(work.summary, self.categories, year, quarter)),
            **in_both("measures", work.both(work.measures, rng.randint(3, 4))),
            **in_both("plan_next_quarter", work.both(work.plan, next_quarter)),
            next_meeting_at=meeting_at,
            **in_both("next_meeting_place", {k: v[:300] for k, v in places.items()}),
        )
        publishing.report_submit(report=report, user=beat.inspector, now=submitted)
        publisher = self.publishers.get(beat.police_point.department_id, self.publishers[None])
        self.published(publishing.report_publish(report=report, user=publisher, now=published))
        self.counts["published reports"] += 1
        last_change = published
        if correction is not None:
            changes, reason_ru, reason_kk = correction
            correct_statistics(beat, year, quarter, changes, now=corrected - 30 * MINUTE)
            self.published(
                publishing.report_correct(
                    report=report,
                    user=publisher,
                    reasons={"kk": reason_kk, "ru": reason_ru},
                    now=corrected,
                )
            )
            self.counts["corrections"] += 1
            last_change = corrected
        last_changed(report, last_change)

    def current_quarter(self, work):
        beat, rng = work.beat, work.rng
        year, quarter = quarter_of(self.current.start)
        next_quarter = quarter_of(self.following.start)[1]
        returned = RETURNED_NOW.get(beat.code)
        complete = beat.code in SUBMITTED_NOW or returned is not None
        started = self.current.start + datetime.timedelta(days=rng.randint(20, 45))
        created, submitted = before_now(
            [at(started, rng.randint(9, 17)), at(self.today - DAY, rng.randint(10, 17))],
            self.now,
        )
        street = work.street()

        def draft_summary():
            return work.pick(DRAFT_SUMMARIES).format(
                quarter=quarter, on=located(street, work.language), school=work.school
            )

        texts = {"summary": work.both(draft_summary)}
        if complete or rng.random() < 0.5:
            texts["measures"] = work.both(work.measures, 2)
        if complete or rng.random() < 0.3:
            texts["plan_next_quarter"] = work.both(work.plan, next_quarter, 2)
        fields = {}
        if complete:
            fields["next_meeting_at"] = work.meeting_day(
                self.following.start + 10 * DAY, self.following.start + 30 * DAY
            )
            texts["next_meeting_place"] = {
                language: place[:300] for language, place in work.both(work.meeting_place).items()
            }
        elif rng.random() < ONE_LANGUAGE_DRAFTS:
            # A draft written so far in the beat's language only: the editor says so.
            other = "ru" if work.language == "kk" else "kk"
            texts = {name: {**pair, other: ""} for name, pair in texts.items()}
        for name, pair in texts.items():
            fields.update(in_both(name, pair))
        report = written(beat, created, year=year, quarter=quarter, **fields)
        self.counts["draft reports"] += 1
        window_open = submission.is_open(Quarter(year, quarter), timezone.localdate(submitted))
        if complete and window_open:
            publishing.report_submit(report=report, user=beat.inspector, now=submitted)
            last_changed(report, submitted)
            self.counts["submitted for review"] += 1
            self.counts["draft reports"] -= 1
        if returned is not None and window_open:
            self.returned(work, report, returned, after=submitted)

    def returned(self, work, report, comments, *, after):
        """The supervisor returns the submitted report with comments in the beat's language."""
        beat = work.beat
        (moment,) = before_now([max(at(self.today, 10, 30), after + 30 * MINUTE)], self.now)
        publisher = self.publishers.get(beat.police_point.department_id, self.publishers[None])
        comment_ru, comment_kk = comments
        publishing.report_return(
            report=report,
            user=publisher,
            comment=comment_kk if work.language == "kk" else comment_ru,
            now=moment,
        )
        last_changed(report, moment)
        self.counts["submitted for review"] -= 1
        self.counts["returned with comments"] += 1

    def published(self, revisions):
        self.new_files.extend(revision.pdf.name for revision in revisions)


def publishers(department_ids):
    """Department id → who publishes its reports: the demo `supervisor` for its department,
    another supervisor of the department, or (key None, and any department without one) the
    demo `admin`."""
    chosen = {}
    for user in User.objects.filter(
        role=Role.SUPERVISOR, is_active=True, department_id__in=department_ids
    ).order_by("pk"):
        if user.username == "supervisor" or user.department_id not in chosen:
            chosen[user.department_id] = user
    chosen[None] = (
        User.objects.filter(username="admin", is_active=True).first()
        or User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk").first()
    )
    if chosen[None] is None:
        raise ValueError("The demo reports need the `admin` account of seed_demo.")
    return chosen


def planned_report_meetings(beats, now):
    """Beat id → its next report meeting in the coming weeks, if the demo work planned one."""
    meetings = Meeting.objects.filter(
        beat__in=beats,
        kind=MeetingKind.REPORT,
        status=MeetingStatus.PLANNED,
        held_at__gt=now,
        held_at__lte=now + PLANNED_MEETING_HORIZON,
    ).order_by("-held_at", "-pk")
    return {meeting.beat_id: meeting for meeting in meetings}


def in_both(field, texts):
    """The model's fields of a text in both languages: {"summary_kk": ..., "summary_ru": ...}."""
    return {f"{field}_{language}": text for language, text in texts.items()}


def written(beat, moment, **fields):
    """The beat's report as its inspector wrote it at `moment` (there is no service for this
    step: the view saves the form)."""
    report = QuarterlyReport(beat=beat, created_at=moment, updated_at=moment, **fields)
    report._history_user = beat.inspector
    report._history_date = moment
    with recorded_times_as_given([QuarterlyReport], flags=("auto_now_add", "auto_now")):
        report.save()
    return report


def last_changed(report, moment):
    """Date the report's last change at the moment of its last step.

    The workflow's saves stamp `updated_at` with the real time; the report list shows it.
    """
    QuarterlyReport.objects.filter(pk=report.pk).update(updated_at=moment)


def correct_statistics(beat, year, quarter, changes, *, now):
    """A statistic of the reported quarter corrected by hand at `now` (one history row each)."""
    for code, delta in changes.items():
        statistic = OffenceStatistic.objects.filter(
            beat=beat, category__code=code, year=year, quarter=quarter
        ).first()
        if statistic is None:
            category = OffenceCategory.objects.get(code=code)
            statistic = OffenceStatistic(
                beat=beat, category=category, year=year, quarter=quarter, count=0
            )
        statistic.count = max(statistic.count + delta, 0)
        statistic._history_date = now
        statistic.save()
