"""Public councils: members, sessions, decisions and recommendations."""

urlpatterns = []
