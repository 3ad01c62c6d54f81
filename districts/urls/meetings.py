"""Meetings with residents and their proposals."""

urlpatterns = []
