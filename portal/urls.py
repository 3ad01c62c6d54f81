from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from portal import pwa, views
from portal.accounts import views as accounts

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", pwa.manifest, name="web-manifest"),
    path("offline/", pwa.offline_page, name="offline"),
    # The pages residents open most and the open-data API first: an address is matched
    # against the patterns in order, and a cached page should not wait for a hundred of them.
    path("", include("residents.urls")),
    path("", include("api.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", views.logout, name="logout"),
    path("staff/", views.staff_home, name="staff-home"),
    path("accounts/two-factor/", accounts.two_factor_verify, name="two-factor-verify"),
    path("staff/settings/", views.my_settings, name="my-settings"),
    path("staff/settings/two-factor/", accounts.two_factor_setup, name="two-factor-setup"),
    path("staff/audit/", include("audit.urls")),
    path("", include("portal.file_jobs.urls")),
    path("admin/", admin.site.urls),
    path("", include("districts.urls")),
    path("", include("volunteers.urls")),
    path("", include("councils.urls")),
    path("", include("reports.urls")),
    path("", include("trust.urls")),
]

# Bad input answers in the view's own format (the API: 422 JSON); a database that does not
# answer is a 503 wherever it is met (portal/errors.py).
handler400 = "portal.errors.bad_request"
handler500 = "portal.errors.server_error"

if settings.DEBUG:
    # Development only; in production the web server serves uploaded files.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
