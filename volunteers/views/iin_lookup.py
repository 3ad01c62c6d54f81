"""Finding a record of the register by a full IIN, without walking around the mask.

* Only the roles that see IINs unmasked may look up (`register.find_by_iin`: the akimat
  registrar, the administrator), and only among the records whose personal data they see
  (`volunteers.privacy.can_see`); for everyone else a 12-digit number in the register's
  search box finds nothing and says why (`volunteers.filters.assistants`).
* The IIN is sent by POST and never put in an address, so it stays out of browser
  histories and access logs; the answer is the page itself or a redirect to the record's
  number-only address.
* Look-ups are counted per user (IIN_LOOKUP_RATE) and each one is audited with what it
  found, never with the IIN itself.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from portal import policy, ratelimits
from volunteers import privacy
from volunteers.forms.assistants import IINLookupForm
from volunteers.models import Assistant

TEMPLATE = "volunteers/assistants/find_by_iin.html"


def _usage(request, *, increment):
    # Fails closed: while the counts are out of reach (cache down), no look-up is made.
    return ratelimits.usage(
        request,
        group="volunteers.iin-lookup",
        key="user",
        rate=settings.IIN_LOOKUP_RATE,
        method="POST",
        increment=increment,
    )


def matches(user, iin):
    """The records with this IIN whose personal data `user` sees, newest first."""
    found = policy.scoped(user, Assistant.objects.filter(iin=iin)).select_related("area", "beat")
    return [a for a in found.order_by("-applied_on", "-pk") if privacy.can_see(user, a)]


@policy.guard("register.find_by_iin")
@require_http_methods(["GET", "HEAD", "POST"])
def find_by_iin(request):
    form = IINLookupForm(request.POST or None)
    context = {"form": form, "searched": False}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    usage = _usage(request, increment=False)
    if usage and (usage["count"] >= usage["limit"] or usage.get("unavailable")):
        response = render(request, TEMPLATE, {**context, "rate_limited": True}, status=429)
        response["Retry-After"] = str(max(1, int(usage.get("time_left") or 60)))
        return response
    if not form.is_valid():
        return render(request, TEMPLATE, context)
    _usage(request, increment=True)
    found = matches(request.user, form.cleaned_data["iin"])
    privacy.record_iin_lookup(request, found)
    if len(found) == 1:
        messages.info(request, _("The record with this IIN."))
        return redirect(found[0])
    return render(request, TEMPLATE, {**context, "searched": True, "found": found})
