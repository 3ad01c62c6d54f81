from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from districts.models import Beat
from portal import policy

STAFF_BEAT_RELATED = ("police_point__department__area", "inspector")


# --- staff pages --------------------------------------------------------------------------


def beat_rows(user):
    return (
        policy.scoped(user, Beat.objects.all())
        .select_related(*STAFF_BEAT_RELATED)
        .annotate(street_count=Count("streets"))
    )


@policy.guard("staff.view")
@require_safe
def staff_beat_list(request):
    return render(request, "districts/staff_beat_list.html", {"beats": beat_rows(request.user)})
