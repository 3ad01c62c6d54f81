"""The supervisor's view of the department."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.views.territory import beat_rows
from portal import policy
from portal.models import Role


@policy.guard(policy.roles(Role.SUPERVISOR))
@require_GET
def department_home(request):
    return render(
        request,
        "districts/department_home.html",
        {"department": request.user.department, "beats": beat_rows(request.user)},
    )
