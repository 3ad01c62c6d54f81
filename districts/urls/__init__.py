"""URLs of the districts app; each part of the inspector's workspace has its own module."""

from django.urls import path

from districts.urls import checklist, field, meetings, plans, problems, rounds, supervision
from districts.views import appeals, channels, passport, start
from districts.views import supervision as supervision_views
from districts.views import territory as views

urlpatterns = [
    path("staff/inspector/", start.inspector_home, name="inspector-home"),
    path("staff/department/", supervision_views.department_home, name="department-home"),
    path("staff/beats/", views.staff_beat_list, name="staff-beat-list"),
    path("staff/beats/<slug:code>/", passport.staff_beat_detail, name="staff-beat-detail"),
    path(
        "staff/beats/<slug:code>/channels/",
        channels.beat_channels_edit,
        name="beat-channels-edit",
    ),
    # Appeals and service records
    path("staff/appeals/", appeals.AppealList.as_view(), name="appeal-list"),
    path("staff/appeals/new/", appeals.AppealCreate.as_view(), name="appeal-create"),
    path("staff/appeals/<int:pk>/", appeals.AppealUpdate.as_view(), name="appeal-edit"),
    path("staff/services/", appeals.ServiceRecordList.as_view(), name="service-list"),
    path("staff/services/new/", appeals.ServiceRecordCreate.as_view(), name="service-create"),
    path("staff/services/<int:pk>/", appeals.ServiceRecordUpdate.as_view(), name="service-edit"),
    *meetings.urlpatterns,
    *rounds.urlpatterns,
    *problems.urlpatterns,
    *plans.urlpatterns,
    *checklist.urlpatterns,
    *supervision.urlpatterns,
    *field.urlpatterns,
]
