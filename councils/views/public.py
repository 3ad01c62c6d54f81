"""The public pages of public councils: the list of councils whose term runs, and each
council's members and roles, civil-society share, sessions held and recommendations with
their status (councils.selectors.public decides what is public)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from councils.composition import attach_compositions
from councils.selectors.public import public_council_page, public_councils
from portal import policy

COUNCILS_PER_PAGE = 20


@policy.guard("site.view")
@require_safe
def council_list(request):
    today = timezone.localdate()
    page = Paginator(public_councils(today), COUNCILS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = attach_compositions(page.object_list, today)
    return render(request, "councils/public/list.html", {"page_obj": page, "councils": page})


@policy.guard("site.view")
@require_safe
def council_page(request, pk):
    today = timezone.localdate()
    council = get_object_or_404(public_councils(today), pk=pk)
    return render(request, "councils/public/detail.html", public_council_page(council, today))
