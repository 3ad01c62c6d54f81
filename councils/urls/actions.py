"""Campaigns and joint actions."""

urlpatterns = []
