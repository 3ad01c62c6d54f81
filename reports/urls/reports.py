"""Quarterly reports: drafts, review and publication."""

urlpatterns = []
