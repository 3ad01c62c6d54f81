"""URLs of councils, partners, joint actions and the public calendar."""

from councils.urls import actions, councils, partners, public, start

urlpatterns = [
    *start.urlpatterns,
    *councils.urlpatterns,
    *partners.urlpatterns,
    *actions.urlpatterns,
    *public.urlpatterns,
]
