"""The installable app at the site's root, and the inspector's drafts."""

from django.urls import path

from field import views

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="web-manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("field/offline/", views.offline_page, name="field-offline"),
    path("staff/field/", views.drafts_page, name="field-drafts"),
    path("staff/field/api/", views.drafts_api, name="field-api"),
]
