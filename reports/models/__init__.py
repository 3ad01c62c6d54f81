from reports.models.indicators import Indicator, IndicatorTarget
from reports.models.report import (
    INSPECTOR_TEXTS,
    REPORT_LANGUAGES,
    QuarterlyReport,
    ReportRevision,
    ReportStatus,
    one_language_only,
)
from reports.models.statistics import OffenceCategory, OffenceStatistic
from reports.models.subscription import Subscription

__all__ = [
    "Indicator",
    "IndicatorTarget",
    "INSPECTOR_TEXTS",
    "REPORT_LANGUAGES",
    "OffenceCategory",
    "OffenceStatistic",
    "QuarterlyReport",
    "ReportRevision",
    "ReportStatus",
    "Subscription",
    "one_language_only",
]
