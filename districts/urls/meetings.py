"""Meetings with residents and their proposals."""

from django.urls import path

from districts.views import meetings as views

urlpatterns = [
    path("staff/meetings/", views.MeetingList.as_view(), name="meeting-list"),
    path("staff/meetings/new/", views.MeetingCreate.as_view(), name="meeting-create"),
    path("staff/meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting-detail"),
    path("staff/meetings/<int:pk>/edit/", views.MeetingUpdate.as_view(), name="meeting-edit"),
    path("staff/proposals/", views.ProposalList.as_view(), name="proposal-list"),
    path("staff/proposals/<int:pk>/", views.ProposalUpdate.as_view(), name="proposal-edit"),
    path(
        "staff/proposals/<int:pk>/add-to-plan/",
        views.proposal_add_to_plan_view,
        name="proposal-add-to-plan",
    ),
]
