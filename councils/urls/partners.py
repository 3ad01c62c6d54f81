"""Partner organisations of an area."""

from django.urls import path

from councils.views import partners as views

urlpatterns = [
    path("staff/partners/", views.PartnerList.as_view(), name="partner-list"),
    path("staff/partners/new/", views.PartnerCreate.as_view(), name="partner-create"),
    path("staff/partners/<int:pk>/", views.PartnerUpdate.as_view(), name="partner-edit"),
]
