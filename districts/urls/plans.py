"""Positive cases, the work plan and the inspector's own trainings and studies."""

from django.urls import path

from districts.views import development, plans

urlpatterns = [
    path("staff/cases/", plans.TrustCaseList.as_view(), name="trustcase-list"),
    path("staff/cases/new/", plans.TrustCaseCreate.as_view(), name="trustcase-create"),
    path("staff/cases/<int:pk>/", plans.TrustCaseUpdate.as_view(), name="trustcase-edit"),
    path("staff/plan/", plans.WorkPlanList.as_view(), name="workplan-list"),
    path("staff/plan/new/", plans.WorkPlanCreate.as_view(), name="workplan-create"),
    path("staff/plan/<int:pk>/", plans.WorkPlanUpdate.as_view(), name="workplan-edit"),
    path("staff/studies/", development.InspectorStudyList.as_view(), name="study-list"),
    path("staff/studies/new/", development.InspectorStudyCreate.as_view(), name="study-create"),
    path("staff/studies/<int:pk>/", development.InspectorStudyUpdate.as_view(), name="study-edit"),
]
