"""Training and briefings, the duty log and encouragement."""

from django.urls import path

from volunteers.views import activity, encouragement

BASE = "staff/register/"

urlpatterns = [
    # Trainings and briefings
    path(f"{BASE}trainings/", activity.TrainingList.as_view(), name="training-list"),
    path(f"{BASE}trainings/new/", activity.TrainingCreate.as_view(), name="training-create"),
    path(f"{BASE}trainings/<int:pk>/", activity.TrainingUpdate.as_view(), name="training-edit"),
    # The duty log
    path(f"{BASE}duties/", activity.DutyList.as_view(), name="duty-list"),
    path(f"{BASE}duties/new/", activity.DutyCreate.as_view(), name="duty-create"),
    path(f"{BASE}duties/totals/", activity.duty_totals_page, name="duty-totals"),
    path(f"{BASE}duties/<int:pk>/", activity.DutyUpdate.as_view(), name="duty-edit"),
    # Encouragement
    path(f"{BASE}commissions/", encouragement.CommissionList.as_view(), name="commission-list"),
    path(
        f"{BASE}commissions/new/",
        encouragement.CommissionCreate.as_view(),
        name="commission-create",
    ),
    path(
        f"{BASE}commissions/<int:pk>/",
        encouragement.commission_detail,
        name="commission-detail",
    ),
    path(
        f"{BASE}commissions/<int:pk>/encouragements/new/",
        encouragement.encouragement_create,
        name="encouragement-create",
    ),
    path(
        f"{BASE}encouragements/candidates/",
        encouragement.encouragement_candidates,
        name="encouragement-candidates",
    ),
    path(f"{BASE}budget/", encouragement.budget_overview, name="budget-overview"),
    path(f"{BASE}budget/edit/", encouragement.budget_edit, name="budget-edit"),
]
