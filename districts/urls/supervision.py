"""The supervisor's view of the department (the page itself is `department-home`)."""

from django.urls import path

from districts.views import supervision as views

urlpatterns = [
    path("staff/department/export/", views.department_export, name="department-export"),
    path("staff/departments/", views.department_overview_page, name="department-overview"),
    path(
        "staff/departments/export/",
        views.department_overview_export,
        name="department-overview-export",
    ),
]
