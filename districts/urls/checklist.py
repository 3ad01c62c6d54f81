"""The Appendix B checklist."""

urlpatterns = []
