"""The pages of two-factor sign-in: the code after the password, and setting the app up or
turning it off (from "My settings"). See `portal.accounts.two_factor`."""

import base64
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import policy
from portal.accounts import two_factor
from portal.accounts.forms import CodeForm


def _next_url(request, default="staff-home"):
    url = request.POST.get("next") or request.GET.get("next")
    safe = url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else reverse(default)


def _passed(request, device):
    """The second factor is passed: remember the device in a fresh session."""
    otp_login(request, device)
    two_factor.remember_device(request, True)
    request.session.cycle_key()


@policy.guard("staff.view")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request):
    """The code after the password, for a user who has an app set up."""
    step = two_factor.pending_step(request)
    if step is None:
        return redirect(_next_url(request))
    if step == two_factor.SET_UP:
        return redirect(f"{reverse(step)}?{urlencode({'next': _next_url(request)})}")
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    form = CodeForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        _passed(request, form.device)
        return redirect(_next_url(request))
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.is_bound else 200,
    )


def key_text(device) -> str:
    """The device's key as an app asks for it when typed: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(url: str) -> str:
    svg = segno.make(url, error="m", micro=False).svg_inline(
        omitsize=True,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="qr-code",
        lineclass=None,
        title=_("QR code to scan with the authenticator app"),
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the title is escaped by segno


@policy.guard("staff.view")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app (a QR code and the code it then shows), or turn it off."""
    user = request.user
    required = two_factor.required_for(user)
    confirmed = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    if confirmed:
        # Turning it off takes a current code, and is refused where the role requires it.
        form = CodeForm(request.POST or None, devices=confirmed)
        if request.method == "POST" and not required and form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            two_factor.remember_device(request, False)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("my-settings")
        context = {"enabled": True, "form": None if required else form, "required": required}
        return render(
            request,
            "portal/two_factor_setup.html",
            context,
            status=400 if form.is_bound else 200,
        )

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").last()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        _passed(request, device)
        messages.success(request, _("Two-factor sign-in is on."))
        return redirect(_next_url(request, default="my-settings"))
    return render(
        request,
        "portal/two_factor_setup.html",
        {
            "enabled": False,
            "required": required,
            "form": form,
            "qr": qr_svg(device.config_url),
            "key": key_text(device),
            "next": _next_url(request, default="my-settings"),
        },
        status=400 if form.is_bound else 200,
    )
