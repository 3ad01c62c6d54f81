"""The public calendar and its iCal feeds."""

urlpatterns = []
