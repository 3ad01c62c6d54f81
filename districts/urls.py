from django.urls import path

from districts import views

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("beats/<slug:code>/", views.beat_detail, name="beat-detail"),
    path("staff/inspector/", views.inspector_home, name="inspector-home"),
    path("staff/department/", views.department_home, name="department-home"),
    path("staff/area/", views.area_home, name="area-home"),
    path("staff/region/", views.region_home, name="region-home"),
    path("staff/councils/", views.council_home, name="council-home"),
    path("staff/beats/", views.staff_beat_list, name="staff-beat-list"),
    path("staff/beats/<slug:code>/", views.staff_beat_detail, name="staff-beat-detail"),
]
