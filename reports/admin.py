from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import (
    IndicatorTarget,
    OffenceCategory,
    OffenceStatistic,
    QuarterlyReport,
    ReportRevision,
)


@admin.register(OffenceCategory)
class OffenceCategoryAdmin(TranslationAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(OffenceStatistic)
class OffenceStatisticAdmin(SimpleHistoryAdmin):
    list_display = ["beat", "category", "year", "quarter", "count"]
    list_filter = ["year", "quarter", "category"]
    raw_id_fields = ["beat"]


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(SimpleHistoryAdmin):
    list_display = ["beat", "year", "quarter", "status"]
    list_filter = ["status", "year", "quarter"]
    raw_id_fields = ["beat"]
    readonly_fields = ["status"]


@admin.register(ReportRevision)
class ReportRevisionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "language", "published_at", "pdf_sha256"]

    # Published revisions are immutable: the admin only reads them.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SimpleHistoryAdmin):
    list_display = ["area", "indicator", "target", "updated_at"]
    list_filter = ["indicator", "area__region"]
    readonly_fields = ["updated_by"]
