"""Import and export of the register; the regional record."""

urlpatterns = []
