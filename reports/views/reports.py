"""Quarterly reports for the police: the list, a new report, the inspector's draft with a live
preview, the review steps (submit, return, publish, correct) and published revisions.

Each step is its own URL and rule (portal.policy): the inspector writes and submits, the
supervisor of the department returns or publishes, a published report is corrected by a
new revision. Reads go through policy scope, so another department's report is a 404.

The report's page carries the check before publishing (reports.readiness) of the preview it
shows: publishing and correcting are offered only when nothing blocks, and ask the reviewer
to confirm having read the report. Submitting is offered from the quarter's last days on
(reports.submission). The services enforce both; the page only says so in advance.
"""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from districts.views.base import RecordCreateView, RecordListView
from portal import policy
from portal.periods import Quarter
from reports import readiness, submission
from reports.assembly import assemble, for_display
from reports.forms.reports import (
    CorrectForm,
    PublishForm,
    ReportCreateForm,
    ReportFilter,
    ReportTextForm,
    ReturnForm,
)
from reports.models import QuarterlyReport, ReportRevision, ReportStatus
from reports.services import drafting, publishing

logger = logging.getLogger(__name__)

REPORT_RELATED = ("beat__police_point__department__area", "beat__inspector")
REVISION_RELATED = (
    "report__beat__police_point__department__area",
    "published_by",
)


@policy.guard("report.view")
class ReportList(RecordListView):
    model = QuarterlyReport
    related = ("beat__police_point__department__area",)
    filterset_class = ReportFilter
    columns = (
        ("beat", _("Beat")),
        ("year", _("Year")),
        ("quarter", _("Quarter")),
        ("status", _("Status")),
        ("revision_count", _("Revisions")),
        ("updated_at", _("Last change")),
    )
    create_url_name = "report-create"
    edit_url_name = "report-edit"
    template_name = "reports/reports/list.html"

    def get_queryset(self):
        queryset = super().get_queryset().annotate(revision_count=Count("revisions"))
        # A grouped query drops the model's ordering: say it again, with a tie-breaker.
        return queryset.order_by("-year", "-quarter", "beat__number", "pk")

    def row_class(self, obj):
        return {
            ReportStatus.RETURNED: "table-warning",
            ReportStatus.SUBMITTED: "table-info",
        }.get(obj.status, "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = policy.may(self.request.user, "report.write")
        return context


@policy.guard("report.write")
class ReportCreate(RecordCreateView):
    model = QuarterlyReport
    form_class = ReportCreateForm
    list_url_name = "report-list"
    template_name = "reports/reports/create.html"
    success_message = _("The report is created: write its texts and check the preview.")

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = drafting.report_create(report=form.instance, user=self.request.user)
        except IntegrityError:  # created by someone else a moment ago
            form.add_error(None, _("The report of this beat for this quarter already exists."))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("report-edit", args=[self.object.pk])


# --- one report ------------------------------------------------------------------------------


def _report(request, pk):
    queryset = QuarterlyReport.objects.select_related(*REPORT_RELATED, "next_meeting_from")
    return policy.get_scoped_or_404(request.user, queryset, pk=pk)


def _may_edit_texts(user, report):
    return report.is_editable and policy.may(user, "report.write")


# Where each part of the check is seen in the preview (templates/reports/_snapshot.html) and,
# while the inspector may still write, the field that puts it right.
PREVIEW_ANCHORS = {
    "statistics": "report-statistics",
    "next_meeting": "report-next",
    "measures": "report-measures",
    "plan": "report-plan",
    "summary": "report-summary",
    "proposals": "report-proposals",
    "residents": "report-residents",
    "joint_work": "report-joint",
    "positive_cases": "report-cases",
}
FIELD_ANCHORS = {
    "next_meeting": "id_next_meeting_at",
    "measures": "id_measures_kk",
    "plan": "id_plan_next_quarter_kk",
    "summary": "id_summary_kk",
}


def _check_items(problems, *, editable, statistics_url):
    """Each problem with the link that leads to putting it right (or to seeing it)."""
    items = []
    for problem in problems:
        if problem.section == "statistics" and statistics_url:
            href, text = statistics_url, _("Enter the statistics")
        elif editable and problem.section in FIELD_ANCHORS:
            href, text = f"#{FIELD_ANCHORS[problem.section]}", _("Write it")
        else:
            href, text = f"#{PREVIEW_ANCHORS[problem.section]}", _("See in the preview")
        items.append({"problem": problem, "href": href, "link_text": text})
    return items


def _page(request, report, **forms):
    """The report's page: the texts form (read-only unless editable), the steps the user may
    take, the published revisions and the preview assembled from the current data."""
    user = request.user
    editable = _may_edit_texts(user, report)
    text_form = forms.pop("text_form", None) or ReportTextForm(instance=report, user=user)
    if not editable:
        for field in text_form.fields.values():
            field.disabled = True
    reviewer = policy.may(user, "report.review")
    quarter = Quarter(report.year, report.quarter)
    snapshot = assemble(report, language=translation.get_language())
    check = readiness.check(snapshot, now=timezone.now())
    steps = {
        "can_submit": editable and submission.is_open(quarter),
        "submit_too_early": submission.too_early(quarter)
        if editable and not submission.is_open(quarter)
        else "",
        "can_review": reviewer and report.status == ReportStatus.SUBMITTED,
        "can_correct": reviewer and report.status == ReportStatus.PUBLISHED,
    }
    # Publishing, and correcting, are offered only when nothing blocks (the services refuse).
    missing = report.missing_languages()
    publish_form = forms.pop("publish_form", None) or PublishForm(missing=missing)
    correct_form = forms.pop("correct_form", None) or CorrectForm(missing=missing)
    steps["can_publish"] = steps["can_review"] and check.ok and publish_form.complete
    steps["can_publish_correction"] = steps["can_correct"] and check.ok and publish_form.complete
    revisions = list(
        report.revisions.select_related("published_by").order_by("-number", "language")
    )
    statistics_url = None
    if policy.may(user, "statistics.record"):
        query = urlencode({"beat": report.beat_id, "year": report.year, "quarter": report.quarter})
        statistics_url = f"{reverse('statistics-edit')}?{query}"
    context = {
        "report": report,
        "object": report,
        "text_form": text_form,
        "editable": editable,
        **steps,
        "return_form": forms.pop("return_form", None) or ReturnForm(),
        "missing_languages": missing,
        "publish_form": publish_form,
        "correct_form": correct_form,
        "revisions": revisions,
        "check": check,
        "check_blocking": _check_items(
            check.blocking, editable=editable, statistics_url=statistics_url
        ),
        "check_warnings": _check_items(
            check.warnings, editable=editable, statistics_url=statistics_url
        ),
        "preview": for_display(snapshot),
    }
    return render(request, "reports/reports/edit.html", context)


@policy.guard("report.view", write="report.write")
@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request, pk):
    """The report: its inspector edits the texts while it is a draft or returned; the police
    read it (and a reviewer takes the review steps from here)."""
    report = _report(request, pk)
    if request.method != "POST":
        return _page(request, report)
    if not _may_edit_texts(request.user, report):
        messages.error(request, _("This report cannot be changed now: nothing was saved."))
        return redirect("report-edit", pk=report.pk)
    form = ReportTextForm(request.POST, instance=report, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return _page(request, report, text_form=form)
    try:
        publishing.report_save_texts(report=report, form=form)
    except publishing.TransitionRefused as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The texts are saved. The preview below shows them."))
    return redirect("report-edit", pk=report.pk)


def _step_refused(request, report, error):
    messages.error(request, " ".join(error.messages))
    return redirect("report-edit", pk=report.pk)


def _form_refused(request, report, form, error, key):
    """A service's refusal shown next to the form's fields; the page again, nothing saved."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
    messages.error(request, _("Nothing was changed: please correct the errors."))
    report.refresh_from_db()
    return _page(request, report, **{key: form})


@policy.guard("report.write")
@require_http_methods(["GET", "HEAD", "POST"])
def report_submit(request, pk):
    """POST: the inspector submits the report for review. GET leads back to the report."""
    report = _report(request, pk)
    if request.method != "POST":
        return redirect("report-edit", pk=report.pk)
    try:
        publishing.report_submit(report=report, user=request.user)
    except publishing.TransitionRefused as error:
        return _step_refused(request, report, error)
    messages.success(request, _("The report is submitted for review."))
    return redirect("report-edit", pk=report.pk)


@policy.guard("report.review")
@require_http_methods(["GET", "HEAD", "POST"])
def report_return(request, pk):
    """POST: the supervisor returns a submitted report with comments."""
    report = _report(request, pk)
    if request.method != "POST":
        return redirect("report-edit", pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        return _step_refused(
            request, report, ValidationError(_("Only a submitted report can be returned."))
        )
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: please correct the errors."))
        return _page(request, report, return_form=form)
    try:
        publishing.report_return(
            report=report, user=request.user, comment=form.cleaned_data["comment"]
        )
    except publishing.TransitionRefused as error:
        return _step_refused(request, report, error)
    except ValidationError as error:
        return _form_refused(request, report, form, error, "return_form")
    messages.success(request, _("The report is returned to the inspector with your comments."))
    return redirect("report-edit", pk=report.pk)


def _form_errors_message(request, form):
    if "confirm" in form.errors:
        messages.error(request, _("Nothing was published: confirm that you have read the report."))
    else:
        messages.error(request, _("Nothing was changed: please correct the errors."))


def _publish_step(request, report, form, key, *, reasons, success):
    try:
        versions = publishing.report_publish(
            report=report,
            user=request.user,
            reasons=reasons,
            single_language_reason=form.cleaned_data.get("single_language_reason", ""),
        )
    except publishing.TransitionRefused as error:
        return _step_refused(request, report, error)
    except publishing.PublicationBlocked as error:
        messages.error(
            request, " ".join([str(_("Nothing was published, because:")), *error.messages])
        )
        return redirect("report-edit", pk=report.pk)
    except ValidationError as error:
        return _form_refused(request, report, form, error, key)
    except Exception:
        # The PDF could not be made: the service saved nothing.
        logger.exception("Publishing report %s failed", report.pk)
        messages.error(request, _("The PDF could not be made, so nothing was published."))
        return redirect("report-edit", pk=report.pk)
    messages.success(request, success)
    shown = next((v for v in versions if v.language == translation.get_language()), versions[0])
    return redirect("report-revision", pk=shown.pk)


@policy.guard("report.review")
@require_http_methods(["GET", "HEAD", "POST"])
def report_publish(request, pk):
    """POST: the supervisor publishes a submitted report, in Kazakh and in Russian."""
    report = _report(request, pk)
    if request.method != "POST":
        return redirect("report-edit", pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        return _step_refused(
            request, report, ValidationError(_("Only a submitted report can be published."))
        )
    form = PublishForm(request.POST, missing=report.missing_languages())
    if not form.is_valid():
        _form_errors_message(request, form)
        return _page(request, report, publish_form=form)
    return _publish_step(
        request, report, form, "publish_form", reasons={}, success=_("The report is published.")
    )


@policy.guard("report.review")
@require_http_methods(["GET", "HEAD", "POST"])
def report_correct(request, pk):
    """POST: a published report is corrected: a new revision, with its reason, from the
    current data and texts; the earlier revisions stay readable."""
    report = _report(request, pk)
    if request.method != "POST":
        return redirect("report-edit", pk=report.pk)
    if report.status != ReportStatus.PUBLISHED:
        return _step_refused(
            request, report, ValidationError(_("Only a published report can be corrected."))
        )
    form = CorrectForm(request.POST, missing=report.missing_languages())
    if not form.is_valid():
        _form_errors_message(request, form)
        return _page(request, report, correct_form=form)
    return _publish_step(
        request,
        report,
        form,
        "correct_form",
        reasons=form.reasons,
        success=_("The correction is published as a new revision."),
    )


# --- published revisions ---------------------------------------------------------------------


def _revision(request, pk):
    queryset = ReportRevision.objects.select_related(*REVISION_RELATED)
    return policy.get_scoped_or_404(request.user, queryset, pk=pk)


@policy.guard("report.view")
@require_safe
def report_revision(request, pk):
    """A published revision as it was published, with its SHA-256 and its stored PDF."""
    revision = _revision(request, pk)
    with translation.override(revision.language):
        shown = for_display(revision.snapshot)
    context = {
        "revision": revision,
        "report": revision.report,
        "shown": shown,
        "revisions": list(
            revision.report.revisions.order_by("-number", "language").only(
                "pk", "number", "language", "published_at", "reason", "report_id"
            )
        ),
    }
    return render(request, "reports/reports/revision.html", context)


@policy.guard("report.view")
@require_safe
def report_revision_pdf(request, pk):
    """The PDF stored at publication, served as the file (never rendered again)."""
    revision = _revision(request, pk)
    try:
        handle = revision.pdf.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    report = revision.report
    filename = (
        f"report-{report.beat.code}-{report.year}-Q{report.quarter}"
        f"-r{revision.number}-{revision.language}.pdf"
    )
    response = FileResponse(handle, content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-SHA256"] = revision.pdf_sha256
    return response
