"""The supervisor's view of the department."""

urlpatterns = []
