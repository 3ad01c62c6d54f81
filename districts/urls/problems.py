"""Problem places and preventive visits."""

from django.urls import path

from districts.views import prevention, problems

urlpatterns = [
    path("staff/problems/", problems.ProblemSpotList.as_view(), name="problem-list"),
    path("staff/problems/new/", problems.ProblemSpotCreate.as_view(), name="problem-create"),
    path("staff/problems/plan/", problems.problem_plan, name="problem-plan"),
    path("staff/problems/<int:pk>/", problems.problem_detail, name="problem-detail"),
    path(
        "staff/problems/<int:pk>/edit/", problems.ProblemSpotUpdate.as_view(), name="problem-edit"
    ),
    path(
        "staff/problems/<int:pk>/measures/new/",
        problems.problem_measure_add,
        name="problem-measure-create",
    ),
    path("staff/prevention/", prevention.PreventiveVisitList.as_view(), name="preventive-list"),
    path(
        "staff/prevention/new/",
        prevention.PreventiveVisitCreate.as_view(),
        name="preventive-create",
    ),
    path(
        "staff/prevention/<int:pk>/",
        prevention.PreventiveVisitUpdate.as_view(),
        name="preventive-edit",
    ),
]
