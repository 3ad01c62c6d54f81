"""Partner organisations of an area."""

urlpatterns = []
