import uuid

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import user_has_device

from portal import policy
from portal.accounts import two_factor
from portal.forms import LoginForm, MySettingsForm
from portal.models import Role

# Where each role lands after signing in.
START_PAGES = {
    Role.INSPECTOR: "inspector-home",
    Role.SUPERVISOR: "department-home",
    Role.AKIMAT_REGISTRAR: "area-home",
    Role.REGIONAL_REGISTRAR: "region-home",
    Role.COUNCIL_SECRETARY: "council-overview",
    Role.ADMINISTRATOR: "admin:index",
}


def start_page_for(user):
    return START_PAGES.get(user.role, "public-home")


@policy.guard("staff.view")
def staff_home(request):
    return redirect(start_page_for(request.user))


@policy.guard("staff.view")
@require_http_methods(["GET", "HEAD", "POST"])
def my_settings(request):
    """The signed-in user's own settings: the language of their e-mail and the daily digest.

    There is no id in the URL: everyone edits their own settings and nobody else's.
    """
    user = request.user
    posted = request.method == "POST"
    form = MySettingsForm(request.POST if posted else None, instance=user)
    if posted:
        if form.is_valid():
            form.save(commit=False).save(update_fields=form.Meta.fields)
            messages.success(request, _("Your settings are saved."))
            return redirect("my-settings")
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(
        request,
        "portal/my_settings.html",
        {
            "form": form,
            "email": user.email,
            "two_factor_on": user_has_device(user),
            "two_factor_required": two_factor.required_for(user),
        },
    )


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_answers():
    """Whether a value stored in the cache can be read back (a fail-soft cache answers every
    read with a miss while Redis is down)."""
    key, token = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, token, 10)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception:  # a cache backend that raises while its server is down
        return False
    return answered


@policy.guard("site.view")
@never_cache
@require_safe
@transaction.non_atomic_requests  # a request transaction would fail before the check could answer
def healthz(request):
    """Liveness, database and cache for load balancers and monitoring.

    503 only when the portal cannot serve (the database does not answer); without the cache
    it serves, uncached: 200 with "cache": "error" and "status": "degraded".
    """
    database_ok, cache_ok = _database_answers(), _cache_answers()
    body = {
        "status": ("ok" if cache_ok else "degraded") if database_ok else "error",
        "database": "ok" if database_ok else "error",
        "cache": "ok" if cache_ok else "error",
    }
    return JsonResponse(body, status=200 if database_ok else 503)


# The language switch takes no CSRF token, so that no public page embeds one and each can be
# cached whole for every visitor (portal/page_cache.py). A cross-site request could only change
# the visitor's language cookie: harmless. Django's view still refuses an unknown language and
# a `next` off the site.
set_language = csrf_exempt(policy.guard("site.view")(i18n.set_language))

login = policy.guard("site.view")(
    auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True)
)


class LogoutView(auth_views.LogoutView):
    """Signing out also tells the browser to delete what the site kept on the device: the
    drafts and pages of field mode (districts/drafts.py), its service worker, cached files.
    The page's script deletes them first (static/js/field/mode.js); this covers a page
    without it."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


logout = policy.guard("site.view")(LogoutView.as_view())
