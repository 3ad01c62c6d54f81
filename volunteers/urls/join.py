"""How to become an assistant or volunteer (public), and the police's queue of the
residents' interests it sends."""

from django.urls import path

from volunteers.views import join, leads

LEADS = "staff/register/leads/"

urlpatterns = [
    path("join/", join.join_areas, name="join-areas"),
    path("areas/<int:pk>/join/", join.area_join, name="area-join"),
    path("areas/<int:pk>/join/thanks/", join.area_join_thanks, name="area-join-thanks"),
    path(LEADS, leads.LeadList.as_view(), name="lead-list"),
    path(f"{LEADS}<int:pk>/", leads.lead_detail, name="lead-detail"),
    path(f"{LEADS}<int:pk>/contacted/", leads.lead_contacted, name="lead-contacted"),
    path(f"{LEADS}<int:pk>/decline/", leads.lead_decline, name="lead-decline"),
    path(f"{LEADS}<int:pk>/convert/", leads.lead_convert, name="lead-convert"),
]
