"""Training and briefings, the duty log and encouragement."""

urlpatterns = []
