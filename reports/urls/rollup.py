"""The area roll-up for the akim and the department head."""

urlpatterns = []
