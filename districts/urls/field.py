"""Field mode: the service worker at the site's root, and the inspector's drafts."""

from django.urls import path

from districts.views import field as views

urlpatterns = [
    path("sw.js", views.service_worker, name="service-worker"),
    path("staff/field/", views.drafts_page, name="field-drafts"),
    path("staff/field/api/", views.drafts_api, name="field-api"),
]
