"""The beat's electronic passport: the staff view of a beat."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.models import Beat
from districts.selectors import BEAT_PUBLIC_RELATED
from portal import policy


@policy.guard(policy.ANY_STAFF)
@require_GET
def staff_beat_detail(request, code):
    beat = policy.get_scoped_or_404(
        request.user,
        Beat.objects.select_related(*BEAT_PUBLIC_RELATED).prefetch_related("streets"),
        code=code,
    )
    return render(request, "districts/staff_beat_detail.html", {"beat": beat})
