"""The inspector's start page."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.views.territory import beat_rows
from portal import policy
from portal.models import Role


@policy.guard(policy.roles(Role.INSPECTOR))
@require_GET
def inspector_home(request):
    return render(request, "districts/inspector_home.html", {"beats": beat_rows(request.user)})
