"""Door-to-door rounds and the beat's electronic passport."""

urlpatterns = []
