"""The public calendar and its iCal feeds."""

from django.urls import path

from councils.views import calendar as views

urlpatterns = [
    path("events/", views.events, name="events"),
    path("events.ics", views.events_ics, name="events-ics"),
    path("beats/<slug:code>/events.ics", views.beat_events_ics, name="beat-events-ics"),
]
