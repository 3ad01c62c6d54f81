from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import images
from portal.admin_date_hierarchy import BoundedDateHierarchy
from portal.models import User

admin.site.site_header = _("District police–community portal")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Administration")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "area", "department"]
    list_filter = ["role", "rank", "area", "department", "is_active"]
    list_select_related = ["area", "department"]
    search_fields = ["username", "last_name", "first_name", "email"]
    # The photo shown on the residents' pages: re-encoded without its metadata, under a
    # random name (portal/images.py).
    formfield_overrides = {
        models.ImageField: {"form_class": images.PhotoField, "max_bytes": 5 * images.MB}
    }
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (
            _("Role and territory"),
            {"fields": ["role", "region", "area", "department"]},
        ),
        (
            _("Public profile"),
            {"fields": ["middle_name", "rank", "rank_other", "position", "work_phone", "photo"]},
        ),
        # The user's own settings, which they also change on their "My settings" page.
        (_("My settings"), {"fields": ["language", "wants_digest"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Role and territory"), {"fields": ["role", "region", "area", "department"]}),
    ]


# django-axes registers its logs (before this app: INSTALLED_APPS) with date hierarchies;
# they are registered again with the bounded one.
for model, axes_admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        bounded = type(axes_admin.__name__, (BoundedDateHierarchy, axes_admin), {})
        admin.site.register(model, bounded)
