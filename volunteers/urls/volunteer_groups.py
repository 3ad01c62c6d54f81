"""Volunteers and volunteer groups (Law No. 42-VI)."""

urlpatterns = []
