"""Field mode: the service worker, the list of drafts on the device and the drafts' door.

The manifest and the page for "no connection" are the portal's (portal/pwa.py)."""

import hashlib
import json
import uuid

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from districts import offline
from districts.drafts import Rejected
from districts.services.drafts import InProgress, send_draft
from portal import policy

# What every kept page needs; other static files are kept as they are first loaded.
SHELL_ASSETS = (
    "vendor/bootstrap/css/bootstrap.min.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
    "css/portal.css",
    "img/favicon.svg",
    "js/error-summary.js",
    "js/table-stack.js",
    "js/formset.js",
    "js/field/store.js",
    "js/field/mode.js",
)
# The draft's own fields beside the form's.
DRAFT_ID = "field-draft-id"
DRAFT_ACTION = "field-draft-action"
DRAFT_VERSION = "field-draft-version"


@policy.guard("site.view")
@require_safe
def service_worker(request):
    """The service worker, from the site's root so that its scope is the whole site."""
    config = {
        "assets": [static(path) for path in SHELL_ASSETS],
        "staticPrefix": static(""),
        "pages": offline.page_patterns(),
        "drafts": offline.draft_patterns(),
        "draftList": reverse("field-drafts"),
        "store": static("js/field/store.js"),
        "offlinePage": reverse("offline"),
        "staffPrefix": reverse("staff-home"),
    }
    encoded = json.dumps(config, sort_keys=True)
    # A new version whenever what it keeps changes (hashed static names, pages).
    config["version"] = hashlib.sha256(encoded.encode()).hexdigest()[:12]
    response = render(
        request,
        "districts/field/sw.js",
        {"config": json.dumps(config, sort_keys=True)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@policy.guard("workspace.record")
@require_safe
def drafts_page(request):
    """The drafts kept on this device: waiting to send, refused with the reason, sent."""
    return render(request, "districts/field/drafts.html")


@policy.guard("workspace.record")
@require_http_methods(["GET", "HEAD", "POST"])
def drafts_api(request):
    """GET: who is signed in, a fresh CSRF token and the pages to keep for offline reading.
    POST: a draft (the form's fields, DRAFT_ID, DRAFT_ACTION and, for a change of a record,
    DRAFT_VERSION): 201 stored, 200 stored before, 422 refused with the reason, 409 the form
    it was made from is being handled (sent again later)."""
    if request.method != "POST":
        return JsonResponse(
            {
                "user": request.user.pk,
                "csrf": get_token(request),
                "pages": offline.pages_for(request.user),
            }
        )
    try:
        client_id = uuid.UUID(request.POST.get(DRAFT_ID, ""))
    except ValueError:
        return _rejected(Rejected(_("The draft has no valid id.")))
    data = request.POST.copy()
    for name in (DRAFT_ID, DRAFT_ACTION, DRAFT_VERSION):
        data.pop(name, None)
    try:
        stored = send_draft(
            user=request.user,
            client_id=client_id,
            action=request.POST.get(DRAFT_ACTION, ""),
            data=data,
            version=request.POST.get(DRAFT_VERSION, ""),
        )
    except Rejected as rejected:
        return _rejected(rejected)
    except InProgress:
        return JsonResponse({"status": "busy"}, status=409)
    return JsonResponse(
        {
            "status": "stored",
            "location": stored.location,
            "message": stored.message,
            "again": stored.again,
        },
        status=200 if stored.again else 201,
    )


def _error_response(request, *, status, message, problems=()):
    """A request the portal cannot read (portal/errors.py) is a refused draft; a database
    that does not answer, a draft to send again later."""
    if status >= 500:
        return JsonResponse({"status": "busy", "reason": str(message)}, status=status)
    errors = [
        {"field": name, "label": "", "messages": [str(text)]} for _where, name, text in problems
    ]
    return _rejected(Rejected(message, errors))


drafts_api.error_response = _error_response


def _rejected(rejected):
    body = {"status": "rejected", "reason": rejected.reason, "errors": rejected.errors}
    return JsonResponse(body, status=422)
