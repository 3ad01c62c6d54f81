"""Offence statistics: entry and import."""

from django.urls import path

from reports.views import statistics

BASE = "staff/reports/statistics/"

urlpatterns = [
    path(BASE, statistics.statistics_list, name="statistics-list"),
    path(f"{BASE}edit/", statistics.statistics_edit, name="statistics-edit"),
    path(f"{BASE}import/", statistics.statistics_import, name="statistics-import"),
    path(
        f"{BASE}import/template/",
        statistics.statistics_import_template,
        name="statistics-import-template",
    ),
    path(
        f"{BASE}import/<slug:upload>/",
        statistics.statistics_import_check,
        name="statistics-import-check",
    ),
    path(
        f"{BASE}import/<slug:upload>/progress/",
        statistics.statistics_import_progress,
        name="statistics-import-progress",
    ),
    path(
        f"{BASE}import/<slug:upload>/apply/",
        statistics.statistics_import_apply,
        name="statistics-import-apply",
    ),
    path(
        f"{BASE}import/<slug:upload>/cancel/",
        statistics.statistics_import_cancel,
        name="statistics-import-cancel",
    ),
]
