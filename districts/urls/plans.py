"""Positive cases and the work plan."""

urlpatterns = []
