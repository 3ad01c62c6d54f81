"""Volunteers and volunteer groups (Law No. 42-VI)."""

from django.urls import path

from volunteers.views import volunteer_groups as views

urlpatterns = [
    path("staff/volunteers/", views.VolunteerList.as_view(), name="volunteer-list"),
    path("staff/volunteers/new/", views.VolunteerCreate.as_view(), name="volunteer-create"),
    path("staff/volunteers/<int:pk>/", views.volunteer_detail, name="volunteer-detail"),
    path("staff/volunteers/<int:pk>/edit/", views.VolunteerUpdate.as_view(), name="volunteer-edit"),
    path(
        "staff/volunteers/groups/", views.VolunteerGroupList.as_view(), name="volunteergroup-list"
    ),
    path(
        "staff/volunteers/groups/new/",
        views.VolunteerGroupCreate.as_view(),
        name="volunteergroup-create",
    ),
    path(
        "staff/volunteers/groups/<int:pk>/",
        views.volunteergroup_detail,
        name="volunteergroup-detail",
    ),
    path(
        "staff/volunteers/groups/<int:pk>/edit/",
        views.VolunteerGroupUpdate.as_view(),
        name="volunteergroup-edit",
    ),
    path(
        "staff/volunteers/activities/",
        views.VolunteerActivityList.as_view(),
        name="volunteeractivity-list",
    ),
    path(
        "staff/volunteers/activities/new/",
        views.VolunteerActivityCreate.as_view(),
        name="volunteeractivity-create",
    ),
]
