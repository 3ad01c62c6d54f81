"""The resident site: find a beat, read its reports, send a proposal, subscribe, see the
calendar of public events, each event and the past ones, check a certificate. Everything
here is public."""

from django.urls import path

from residents.views import beats, calendar, reports, submissions, verify

urlpatterns = [
    path("", beats.public_home, name="public-home"),
    path("beats/<slug:code>/", beats.beat_detail, name="beat-detail"),
    path("reports/<int:pk>/", reports.report_page, name="public-report"),
    path("reports/<int:pk>/pdf/", reports.report_pdf, name="public-report-pdf"),
    path("beats/<slug:code>/propose/", submissions.beat_propose, name="beat-proposal"),
    path(
        "beats/<slug:code>/propose/thanks/",
        submissions.beat_proposal_thanks,
        name="beat-proposal-thanks",
    ),
    path("track/<str:token>/", submissions.submission_status, name="submission-status"),
    path("beats/<slug:code>/subscribe/", submissions.beat_subscribe, name="beat-subscribe"),
    path(
        "beats/<slug:code>/subscribe/sent/",
        submissions.beat_subscribe_sent,
        name="beat-subscribe-sent",
    ),
    path(
        "subscriptions/<slug:token>/confirm/",
        submissions.subscription_confirm,
        name="subscription-confirm",
    ),
    path(
        "subscriptions/<slug:token>/unsubscribe/",
        submissions.subscription_unsubscribe,
        name="subscription-unsubscribe",
    ),
    path("events/", calendar.events, name="events"),
    path("events/past/", calendar.past_events, name="events-past"),
    path("events/<slug:source>/<int:pk>/", calendar.event_detail, name="event-detail"),
    path("events.ics", calendar.events_ics, name="events-ics"),
    path("beats/<slug:code>/events.ics", calendar.beat_events_ics, name="beat-events-ics"),
    path("verify/<str:token>/", verify.verify, name="verify"),
]
