"""The report's workflow: draft → submitted → returned or published → corrected revisions.

Each step is one transaction; a step that is not possible from the report's status raises
TransitionRefused (a ValidationError) and changes nothing. Who may take a step is decided
by the views' policy rules and scope (portal.policy), not here.

The inspector submits only in the quarter's last days or after it (reports.submission).
Publishing assembles the snapshot and checks it (reports.readiness): a blocking problem —
no statistics, no next report meeting, an empty required section — raises
PublicationBlocked and nothing is published; a correction is checked the same way. Then it
renders the PDF once, stores it with its SHA-256 and
freezes both into an immutable ReportRevision. If anything fails — the PDF above all —
nothing is saved.

The steps that stamp a moment (submitted, returned, published) take it as `now` (default: the
current time); the report's history row of the step carries the same moment. Returning a
report e-mails its inspector once the step commits (`reports.tasks.send_report_returned`).
"""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.pdf import render_pdf
from portal.periods import Quarter
from portal.published import bump_published_version
from portal.tasks import after_commit
from reports import notifications, readiness, submission, tasks
from reports.assembly import assemble, for_display
from reports.models import (
    INSPECTOR_TEXTS,
    REPORT_LANGUAGES,
    QuarterlyReport,
    ReportRevision,
    ReportStatus,
)
from trust.links import survey_code

logger = logging.getLogger(__name__)

PDF_TEMPLATE = "reports/pdf/report.html"
LANGUAGE_NAMES = {"kk": _("Kazakh"), "ru": _("Russian")}


class TransitionRefused(ValidationError):
    """The step is not possible from the report's current status (or not yet)."""


class PublicationBlocked(ValidationError):
    """The report has a blocking problem (reports.readiness): nothing was published."""


def _locked(report):
    """The report again, locked for the rest of the transaction (two reviewers, one result)."""
    return QuarterlyReport.objects.select_for_update().select_related("beat").get(pk=report.pk)


def _refresh(target, source):
    for field in ("status", "supervisor_comment", "submitted_at", "updated_at"):
        setattr(target, field, getattr(source, field))


TEXT_FIELDS = [
    *(f"{field}_{language}" for field in INSPECTOR_TEXTS for language in REPORT_LANGUAGES),
    "next_meeting_at",
]
PLACE_FIELDS = {f"next_meeting_place_{language}" for language in REPORT_LANGUAGES}


@transaction.atomic
def report_save_texts(*, report, form):
    """Save what the inspector wrote (a valid ReportTextForm), while the report is a draft or
    returned; only the texts are written, whatever happened to the status meanwhile."""
    locked = _locked(report)
    if not locked.is_editable:
        raise TransitionRefused(
            _("Only a draft or a returned report can be changed."), code="status"
        )
    instance = form.save(commit=False)
    fields = [*TEXT_FIELDS, "updated_at"]
    if ({"next_meeting_at"} | PLACE_FIELDS) & set(form.changed_data):
        # The inspector's own date or place: no longer the planned meeting it was taken from.
        instance.next_meeting_from = None
        fields.append("next_meeting_from")
    instance.save(update_fields=fields)
    _refresh(report, locked)
    return report


@transaction.atomic
def report_submit(*, report, user, now=None):
    """The inspector submits a draft (or a returned report) for review, from the quarter's
    last days on (reports.submission)."""
    locked = _locked(report)
    if locked.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise TransitionRefused(
            _("Only a draft or a returned report can be submitted."), code="status"
        )
    now = now or timezone.now()
    quarter = Quarter(locked.year, locked.quarter)
    if not submission.is_open(quarter, timezone.localdate(now)):
        raise TransitionRefused(submission.too_early(quarter), code="too_early")
    locked.status = ReportStatus.SUBMITTED
    locked.submitted_at = now
    locked._history_date = now
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    _refresh(report, locked)
    return report


@transaction.atomic
def report_return(*, report, user, comment, now=None):
    """The supervisor returns a submitted report to its inspector, saying what to change.

    The inspector is told by e-mail, with the comments, once this commits."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what the inspector should change.")}, code="required"
        )
    locked = _locked(report)
    if locked.status != ReportStatus.SUBMITTED:
        raise TransitionRefused(_("Only a submitted report can be returned."), code="status")
    locked.status = ReportStatus.RETURNED
    locked.supervisor_comment = comment
    if now is not None:
        locked._history_date = now
    locked.save(update_fields=["status", "supervisor_comment", "updated_at"])
    _refresh(report, locked)
    after_commit(tasks.send_report_returned, report.pk, getattr(user, "pk", None))
    return report


def pdf_name(report, number, language):
    """Where a revision's PDF is stored: reports/<beat>/<year>-Q<q>-r<n>-<language>.pdf."""
    return f"{report.beat.code}/{report.year}-Q{report.quarter}-r{number}-{language}.pdf"


def render_report_pdf(snapshot, *, number, published_at, reason=""):
    """The PDF of a snapshot, in the snapshot's language. Rendered once, at publication."""
    language = snapshot["language"]
    with translation.override(language):
        return render_pdf(
            PDF_TEMPLATE,
            {
                "snapshot": for_display(snapshot),
                "lang": language,
                "number": number,
                "published_at": timezone.localtime(published_at),
                "reason": reason,
                **survey_code(snapshot["beat"]["code"]),
            },
            language=language,
        )


def _languages(report, single_language_reason):
    """The languages to publish in: both, or the complete one with the reason why the other
    is missing (shown to residents); ValidationError otherwise."""
    missing = report.missing_languages()
    languages = [language for language in REPORT_LANGUAGES if language not in missing]
    if not languages:
        raise PublicationBlocked(
            _(
                "Neither the Kazakh nor the Russian texts are complete: write every text in "
                "at least one language."
            ),
            code="no_complete_language",
        )
    if missing and not single_language_reason:
        message = _(
            "The report has no %(language)s version: say why it is published "
            "without it, or return it to the inspector."
        ) % {"language": LANGUAGE_NAMES[missing[0]]}
        raise ValidationError(
            {"single_language_reason": ValidationError(message, code="language_missing")}
        )
    return languages


@transaction.atomic
def report_publish(
    *, report, user, reasons=None, single_language_reason="", now=None
) -> list[ReportRevision]:
    """Publish a submitted report (revision 1), or correct a published one (revision n + 1,
    with its reason in each language), in Kazakh and in Russian: one version per language,
    each with its page, its PDF and its SHA-256. When the inspector's texts are complete in
    one language only, it is published in that one with `single_language_reason`, which
    its page shows. A blocking problem in either version (reports.readiness) raises
    PublicationBlocked and nothing is saved. Returns the new, immutable versions."""
    reasons = {language: (text or "").strip() for language, text in (reasons or {}).items()}
    single_language_reason = (single_language_reason or "").strip()
    locked = _locked(report)
    if locked.status == ReportStatus.SUBMITTED:
        if locked.revisions.exists():  # pragma: no cover - published reports never go back
            raise TransitionRefused(_("This report has already been published."), code="status")
        correcting = False
    elif locked.status == ReportStatus.PUBLISHED:
        correcting = True
    else:
        raise TransitionRefused(
            _("Only a submitted report can be published; a published one can be corrected."),
            code="status",
        )
    languages = _languages(locked, single_language_reason)
    if correcting:
        unexplained = [language for language in languages if not reasons.get(language)]
        if unexplained:
            raise ValidationError(
                {
                    f"reason_{language}": ValidationError(
                        _("A correction must give its reason."), code="required"
                    )
                    for language in unexplained
                }
            )
    else:
        reasons = {}
    number = (locked.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    published_at = now or timezone.now()

    snapshots = {language: assemble(locked, language=language) for language in languages}
    blocking = {}  # one message per problem, though both versions may have it
    for snapshot in snapshots.values():
        for problem in readiness.check(snapshot, now=published_at).blocking:
            blocking.setdefault(problem.code, problem.message)
    if blocking:
        raise PublicationBlocked(
            [ValidationError(message, code="blocked") for message in blocking.values()]
        )
    revisions = []
    try:
        for language, snapshot in snapshots.items():
            reason = reasons.get(language, "")
            # Rendered once; a failure here raises before anything is written.
            pdf = render_report_pdf(
                snapshot, number=number, published_at=published_at, reason=reason
            )
            revision = ReportRevision(
                report=locked,
                number=number,
                language=language,
                snapshot=snapshot,
                reason=reason,
                single_language_reason=single_language_reason if len(languages) == 1 else "",
                pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                published_at=published_at,
                published_by=user,
            )
            revision.pdf.save(pdf_name(locked, number, language), ContentFile(pdf), save=False)
            revisions.append(revision)
            revision.full_clean(exclude=["pdf"])
            revision.save()
        locked.status = ReportStatus.PUBLISHED
        locked._history_date = published_at
        locked.save(update_fields=["status", "updated_at"])
    except BaseException:
        # The database rolls back; the stored files must go too.
        for revision in revisions:
            revision.pdf.storage.delete(revision.pdf.name)
        raise
    _refresh(report, locked)
    transaction.on_commit(bump_published_version)
    # Subscribers hear of it after the commit; a failing notification never undoes it.
    transaction.on_commit(lambda: notifications.report_published(revisions), robust=True)
    return revisions


def report_correct(
    *, report, user, reasons, single_language_reason="", now=None
) -> list[ReportRevision]:
    """A correction of a published report: a new revision from the current data and texts,
    with its reason in each language it is published in."""
    report.refresh_from_db(fields=["status"])
    if report.status != ReportStatus.PUBLISHED:
        raise TransitionRefused(_("Only a published report can be corrected."), code="status")
    return report_publish(
        report=report,
        user=user,
        reasons=reasons,
        single_language_reason=single_language_reason,
        now=now,
    )
