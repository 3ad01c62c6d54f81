"""Offence statistics: entry and import."""

urlpatterns = []
