"""The resident site: published reports, proposals, subscriptions."""

from django.urls import path

from reports.views import public as views

urlpatterns = [
    path("reports/<int:pk>/", views.report_page, name="public-report"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="public-report-pdf"),
    path("beats/<slug:code>/propose/", views.beat_propose, name="beat-proposal"),
    path(
        "beats/<slug:code>/propose/thanks/",
        views.beat_proposal_thanks,
        name="beat-proposal-thanks",
    ),
    path("beats/<slug:code>/subscribe/", views.beat_subscribe, name="beat-subscribe"),
    path(
        "beats/<slug:code>/subscribe/sent/",
        views.beat_subscribe_sent,
        name="beat-subscribe-sent",
    ),
    path(
        "subscriptions/<slug:token>/confirm/",
        views.subscription_confirm,
        name="subscription-confirm",
    ),
    path(
        "subscriptions/<slug:token>/unsubscribe/",
        views.subscription_unsubscribe,
        name="subscription-unsubscribe",
    ),
]
