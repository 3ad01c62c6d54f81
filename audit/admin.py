"""The audit log in the Django admin: read and filtered by administrators, never edited.

django-auditlog registers its own admin for the log; it is replaced here by one that also
refuses deletion (the log is emptied only by the retention purge, `audit.retention`).
"""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from portal.admin_date_hierarchy import BoundedDateHierarchy


class ReadOnlyLogEntryAdmin(BoundedDateHierarchy, LogEntryAdmin):
    list_filter = [*LogEntryAdmin.list_filter, "timestamp"]
    search_fields = [*LogEntryAdmin.search_fields, "remote_addr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
