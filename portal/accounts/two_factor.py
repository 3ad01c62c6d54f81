"""Two-factor sign-in: a six-digit code from an authenticator app after the password.

* Anyone on the staff may turn it on in "My settings" (`views.two_factor_setup`); with
  REQUIRE_2FA the roles in OTP_REQUIRED_ROLES must (administrators and akimat registrars
  by default), and are asked to set it up at their first sign-in.
* After the password, a user who has an app set up, or must have one, passes the second
  step before any staff page: `SecondFactorMiddleware` sends every other request to the
  code page (or to the set-up page) until then. Public pages stay open, and so do signing
  out and the language switch.
* The codes are TOTP (RFC 6238) checked by django-otp, which also slows down guessing: after
  each wrong code the next try must wait longer.

Whether the user has an app is remembered in the session at sign-in, so an ordinary request
asks the database nothing more.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse
from django_otp import user_has_device

from portal import policy
from portal.models import Role

HAS_DEVICE = "_portal_otp_has_device"
VERIFY, SET_UP = "two-factor-verify", "two-factor-setup"
# Pages open to a user between the password and the code.
OPEN_PAGES = {"login", "logout", "set_language", "healthz", VERIFY}


def required_for(user) -> bool:
    """Whether the user's role must use a second factor (REQUIRE_2FA)."""
    if not settings.REQUIRE_2FA:
        return False
    role = Role.ADMINISTRATOR if user.is_superuser else user.role
    return role in settings.OTP_REQUIRED_ROLES


def remember_device(request, has_device: bool):
    request.session[HAS_DEVICE] = has_device


def has_device(request) -> bool:
    flag = request.session.get(HAS_DEVICE)
    if flag is None:
        flag = user_has_device(request.user)
        remember_device(request, flag)
    return flag


def pending_step(request) -> str | None:
    """VERIFY or SET_UP while the signed-in user still owes the second factor, else None."""
    if auth.SESSION_KEY not in request.session:
        return None
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if has_device(request):
        return VERIFY
    if required_for(user):
        return SET_UP
    return None


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = pending_step(request)
        if step is None:
            return None
        match = request.resolver_match
        if match.url_name in OPEN_PAGES or match.url_name == step:
            return None
        rule = policy.rule_of(view_func)
        if rule is not None and rule.is_public and match.namespace not in policy.NAMESPACE_RULES:
            return None
        return redirect_to_login(request.get_full_path(), reverse(step))


@receiver(user_logged_in, dispatch_uid="portal.accounts.two_factor.signed_in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_device(request, user_has_device(user))
