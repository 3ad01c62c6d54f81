"""URLs of councils, partners, joint actions and the public calendar."""

from councils.urls import actions, calendar, councils, partners, start

urlpatterns = [
    *start.urlpatterns,
    *councils.urlpatterns,
    *partners.urlpatterns,
    *actions.urlpatterns,
    *calendar.urlpatterns,
]
