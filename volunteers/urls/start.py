"""Start pages of the akimat and regional registrars."""

from django.urls import path

from volunteers.views import start

urlpatterns = [
    path("staff/area/", start.area_home, name="area-home"),
    path("staff/region/", start.region_home, name="region-home"),
]
