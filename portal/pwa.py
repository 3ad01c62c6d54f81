"""The portal as an installable app for staff: the web app manifest and the page shown for a
page that cannot be opened without signal. The service worker, which knows the pages an
inspector reads in the field, is the workspace's (districts/views/field.py); the page's
script is static/js/field/, switched on by `{% field_mode %}` (templatetags/field_mode.py)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal import policy

# On a page a device may keep for reading offline (see KeepableMiddleware).
KEEP_HEADER = "X-Field-Keep"

ICONS = (("img/icons/icon-192.png", "192x192"), ("img/icons/icon-512.png", "512x512"))
THEME_COLOR = "#0d3b66"


@policy.guard("site.view")
@require_safe
def manifest(request):
    """The web app manifest: the portal installs as "My inspector", opening at the staff
    start page."""
    body = {
        "name": _("My inspector: district police portal"),
        "short_name": _("My inspector"),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("staff-home"),
        "scope": "/",
        "id": reverse("staff-home"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": "any maskable"}
            for path, sizes in ICONS
        ],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@policy.guard("site.view")
@require_safe
def offline_page(request):
    """What the service worker shows for a page that was never kept on the device, in the
    language of the one who installed it; it names nobody."""
    return render(request, "portal/offline.html")


class KeepableMiddleware:
    """Marks the pages field mode's service worker may keep on the device: those shown to a
    user who records an inspector's work. A supervisor who signs in on the same phone after
    an inspector has their pages left alone, although the service worker is still there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A page (200) only: an error page, a 503 while the database is down above all, is
        # never kept, and asks nothing of the session.
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and user is not None
            and policy.may(user, "workspace.record")
        ):
            response[KEEP_HEADER] = "1"
        return response
