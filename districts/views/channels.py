"""The beat's channels page: the inspector keeps the reception hours and messenger groups
residents see on the beat's page and on its notices."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from districts.forms.channels import MessengerGroupFormSet, ReceptionHoursForm
from districts.models import Beat
from districts.selectors.channels import CHANNELS_RELATED
from districts.services.channels import beat_channels_save
from portal import policy


@policy.guard("workspace.record")
@require_http_methods(["GET", "HEAD", "POST"])
def beat_channels_edit(request, code):
    # The beat's own inspector (and an administrator): another inspector's guess is a 404.
    beat = policy.get_scoped_or_404(
        request.user, Beat.objects.select_related(*CHANNELS_RELATED), code=code
    )
    data = request.POST if request.method == "POST" else None
    form = ReceptionHoursForm(data, instance=beat)
    formset = MessengerGroupFormSet(data, instance=beat, prefix="groups")
    if request.method == "POST":
        # Validate both, so every error is shown at once.
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if form_ok and formset_ok:
            beat_channels_save(form=form, formset=formset, user=request.user)
            messages.success(request, _("The ways to reach the inspector are saved."))
            return redirect("beat-channels-edit", code=beat.code)
        messages.error(request, _("Please correct the errors below."))
    context = {"beat": beat, "form": form, "formset": formset}
    return render(request, "districts/channels/edit.html", context)
