from reports.models.report import (
    QuarterlyReport,
    ReportRevision,
    ReportStatus,
)
from reports.models.statistics import OffenceCategory, OffenceStatistic
from reports.models.subscription import Subscription

__all__ = [
    "OffenceCategory",
    "OffenceStatistic",
    "QuarterlyReport",
    "ReportRevision",
    "ReportStatus",
    "Subscription",
]
