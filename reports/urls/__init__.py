"""URLs of offence statistics, the quarterly reports and the roll-ups."""

from reports.urls import indicators, reports, rollup, statistics

urlpatterns = [
    *statistics.urlpatterns,
    *reports.urlpatterns,
    *rollup.urlpatterns,
    *indicators.urlpatterns,
]
