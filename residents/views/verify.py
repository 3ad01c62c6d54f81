"""The public check of a public assistant's certificate, opened from the card's QR code."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from portal import policy
from volunteers.models import Certificate
from volunteers.models.certificate import STATUS_BADGES, TOKEN_PATTERN


@policy.guard("site.view")
@require_safe
def verify(request, token):
    """What a resident sees after scanning a card's QR code. Any other string: not found."""
    certificate = None
    if TOKEN_PATTERN.fullmatch(token):
        certificate = (
            Certificate.objects.select_related("assistant", "area").filter(token=token).first()
        )
    if certificate is None:
        response = render(request, "residents/verify_not_found.html", status=404)
    else:
        status = certificate.verification_status()
        response = render(
            request,
            "residents/verify.html",
            {
                "certificate": certificate,
                "initials": certificate.assistant.public_initials,
                "status": status,
                "status_label": status.label,
                "status_class": STATUS_BADGES[status],
            },
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, max_age=60)
    if request.user.is_authenticated:  # the page frame shows who is signed in
        patch_cache_control(response, private=True)
    return response
