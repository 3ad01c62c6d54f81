"""Public councils: members, sessions, decisions and recommendations."""

from django.urls import path

from councils.views import councils as views

urlpatterns = [
    path("staff/public-councils/overview/", views.council_overview, name="council-overview"),
    path("staff/public-councils/", views.CouncilList.as_view(), name="council-list"),
    path("staff/public-councils/new/", views.CouncilCreate.as_view(), name="council-create"),
    path("staff/public-councils/<int:pk>/", views.CouncilDetail.as_view(), name="council-detail"),
    path(
        "staff/public-councils/<int:pk>/edit/", views.CouncilUpdate.as_view(), name="council-edit"
    ),
    path(
        "staff/public-councils/<int:council_pk>/members/new/",
        views.CouncilMemberCreate.as_view(),
        name="councilmember-create",
    ),
    path(
        "staff/council-members/<int:pk>/edit/",
        views.CouncilMemberUpdate.as_view(),
        name="councilmember-edit",
    ),
    path(
        "staff/public-councils/<int:council_pk>/sessions/new/",
        views.CouncilSessionCreate.as_view(),
        name="councilsession-create",
    ),
    path(
        "staff/council-sessions/<int:pk>/",
        views.CouncilSessionDetail.as_view(),
        name="councilsession-detail",
    ),
    path(
        "staff/council-sessions/<int:pk>/edit/",
        views.CouncilSessionUpdate.as_view(),
        name="councilsession-edit",
    ),
    path(
        "staff/council-sessions/<int:pk>/decisions/new/",
        views.session_decision_create,
        name="sessiondecision-create",
    ),
    path("staff/recommendations/", views.RecommendationList.as_view(), name="recommendation-list"),
    path(
        "staff/recommendations/new/",
        views.RecommendationCreate.as_view(),
        name="recommendation-create",
    ),
    path(
        "staff/recommendations/<int:pk>/",
        views.RecommendationUpdate.as_view(),
        name="recommendation-edit",
    ),
]
