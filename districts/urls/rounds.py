"""Door-to-door rounds and the beat's electronic passport.

The passport itself is `staff-beat-detail` (/staff/beats/<code>/, districts/urls/__init__.py).
"""

from django.urls import path

from districts.views import rounds

urlpatterns = [
    path("staff/rounds/", rounds.RoundList.as_view(), name="round-list"),
    path("staff/rounds/new/", rounds.RoundCreate.as_view(), name="round-create"),
    path("staff/rounds/<int:pk>/", rounds.RoundUpdate.as_view(), name="round-edit"),
]
