"""Quarterly reports: drafts, review and publication."""

from django.urls import path

from reports.views import reports

BASE = "staff/reports/"

urlpatterns = [
    path(BASE, reports.ReportList.as_view(), name="report-list"),
    path(f"{BASE}new/", reports.ReportCreate.as_view(), name="report-create"),
    path(f"{BASE}<int:pk>/", reports.report_edit, name="report-edit"),
    path(f"{BASE}<int:pk>/submit/", reports.report_submit, name="report-submit"),
    path(f"{BASE}<int:pk>/return/", reports.report_return, name="report-return"),
    path(f"{BASE}<int:pk>/publish/", reports.report_publish, name="report-publish"),
    path(f"{BASE}<int:pk>/correct/", reports.report_correct, name="report-correct"),
    path(f"{BASE}revisions/<int:pk>/", reports.report_revision, name="report-revision"),
    path(f"{BASE}revisions/<int:pk>/pdf/", reports.report_revision_pdf, name="report-revision-pdf"),
]
