"""The residents' survey of a beat (public) and the police's notice and moderation pages."""

from django.urls import path

from trust.views import staff, survey

urlpatterns = [
    path("beats/<slug:code>/survey/", survey.beat_survey, name="beat-survey"),
    path("beats/<slug:code>/survey/thanks/", survey.beat_survey_thanks, name="beat-survey-thanks"),
    path("staff/beats/<slug:code>/notice.pdf", staff.beat_notice, name="beat-notice"),
    path(
        "staff/beats/<slug:code>/survey-comments/",
        staff.survey_comments,
        name="survey-comments",
    ),
]
