"""Import and export of the register; the regional record."""

from django.urls import path

from volunteers.views import registry

urlpatterns = [
    path("staff/register/import/", registry.import_start, name="register-import"),
    path(
        "staff/register/import/template/",
        registry.import_template,
        name="register-import-template",
    ),
    path("staff/register/import/<slug:job>/", registry.import_job, name="register-import-job"),
    path(
        "staff/register/import/<slug:job>/progress/",
        registry.import_progress,
        name="register-import-progress",
    ),
    path(
        "staff/register/import/<slug:job>/apply/",
        registry.import_apply,
        name="register-import-apply",
    ),
    path(
        "staff/register/import/<slug:job>/cancel/",
        registry.import_cancel,
        name="register-import-cancel",
    ),
    path("staff/register/export/", registry.register_export, name="register-export"),
    path("staff/register/regional/", registry.regional_record, name="register-regional"),
    path(
        "staff/register/regional/export/",
        registry.regional_export,
        name="register-regional-export",
    ),
]
