"""URLs of the quarterly public report, the resident site, the open-data API and roll-ups."""

from reports.urls import api, reports, rollup, statistics

urlpatterns = [
    *statistics.urlpatterns,
    *reports.urlpatterns,
    *api.urlpatterns,
    *rollup.urlpatterns,
]
