"""Public assistants: applications, the register and the lifecycle steps."""

urlpatterns = []
