"""Certificates, their PDF cards and the public verification page."""

urlpatterns = []
