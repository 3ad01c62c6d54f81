"""The resident site: published reports, proposals, subscriptions."""

urlpatterns = []
