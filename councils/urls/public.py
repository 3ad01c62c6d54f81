"""The public pages of public councils."""

from django.urls import path

from councils.views import public

urlpatterns = [
    path("councils/", public.council_list, name="public-council-list"),
    path("councils/<int:pk>/", public.council_page, name="public-council"),
]
