"""Campaigns and joint actions."""

from django.urls import path

from councils.views import actions as views

urlpatterns = [
    path("staff/actions/", views.ActionList.as_view(), name="action-list"),
    path("staff/actions/new/", views.ActionCreate.as_view(), name="action-create"),
    path("staff/actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("staff/actions/<int:pk>/edit/", views.ActionUpdate.as_view(), name="action-edit"),
    path(
        "staff/actions/<int:pk>/assistants/",
        views.action_assistant_add_view,
        name="action-assistant-add",
    ),
    path(
        "staff/actions/<int:pk>/assistants/<int:entry>/remove/",
        views.action_assistant_remove_view,
        name="action-assistant-remove",
    ),
    path(
        "staff/actions/<int:pk>/volunteers/",
        views.action_volunteer_add_view,
        name="action-volunteer-add",
    ),
    path(
        "staff/actions/<int:pk>/volunteers/<int:entry>/remove/",
        views.action_volunteer_remove_view,
        name="action-volunteer-remove",
    ),
    path("staff/actions/<int:pk>/photos/", views.action_photo_create, name="action-photo-create"),
    path("staff/actions/<int:pk>/photos/<int:photo>/", views.action_photo, name="action-photo"),
    path(
        "staff/actions/<int:pk>/photos/<int:photo>/remove/",
        views.action_photo_delete,
        name="action-photo-delete",
    ),
]
