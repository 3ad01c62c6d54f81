"""The council secretary's page of the police bodies of the area."""

from django.urls import path

from councils.views import start

urlpatterns = [
    path("staff/councils/", start.council_home, name="council-home"),
]
