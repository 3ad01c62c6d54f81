"""Problem places and preventive visits."""

urlpatterns = []
