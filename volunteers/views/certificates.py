"""Certificates (удостоверения) and breast badges: issue, account, return, revoke, print, verify.

Every step goes through volunteers.services.lifecycle; a refusal (StepRefused) is shown
next to the form and nothing is saved. Only registrars print cards, because the card
carries the holder's photo. The public verification page shows the initials, the status,
the validity date, the number and the area — nothing else about the holder.
"""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from audit import record as audit
from audit.middleware import current_request_id
from districts.models import Area
from portal import policy
from portal.client_ip import client_ip
from portal.file_jobs import tasks as file_tasks
from portal.file_jobs import views as file_views
from portal.pdf import render_pdf
from portal.query_params import id_or_404
from volunteers import cards, file_makers
from volunteers.cards import CARD_LANGUAGES
from volunteers.forms.certificates import (
    EXPIRY_WARNING_DAYS,
    CertificateFilter,
    CertificateIssueForm,
    CertificateReturnForm,
    CertificateRevokeForm,
    add_service_errors,
)
from volunteers.models import Assistant, Certificate, CertificateState
from volunteers.models.certificate import STATUS_BADGES
from volunteers.qr import qr_svg, verification_url
from volunteers.services import lifecycle

BATCH_LIMIT = 500


def _certificates(user):
    return policy.scoped(user, Certificate.objects.select_related("assistant", "area"))


def _assistant_url(assistant):
    return reverse("assistant-detail", args=[assistant.pk])


# --- issue -----------------------------------------------------------------------------------


@policy.guard("register.record")
@require_http_methods(["GET", "HEAD", "POST"])
def certificate_issue(request, pk):
    """Issue the certificate and the breast badge to a registered assistant."""
    assistant = policy.get_scoped_or_404(
        request.user, Assistant.objects.select_related("area", "beat"), pk=pk
    )
    held = assistant.certificates.filter(state=CertificateState.ISSUED).first()
    possible = "issue_certificate" in lifecycle.possible_steps(assistant)
    if request.method == "POST":
        form = CertificateIssueForm(request.POST)
        if form.is_valid():
            try:
                certificate = lifecycle.certificate_issue(
                    assistant=assistant,
                    user=request.user,
                    issued_on=form.cleaned_data["issued_on"],
                    valid_until=form.cleaned_data["valid_until"],
                )
            except lifecycle.StepRefused as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Certificate No. %(number)s is issued.")
                    % {"number": certificate.display_number},
                )
                return redirect(certificate)
        messages.error(request, _("The certificate was not issued: please correct the errors."))
    else:
        form = CertificateIssueForm()
    return render(
        request,
        "volunteers/certificates/issue.html",
        {
            "assistant": assistant,
            "assistant_url": _assistant_url(assistant),
            "form": form,
            "possible": possible and held is None,
            "held": held,
        },
    )


# --- the register of certificates and badges -------------------------------------------------


@policy.guard("register.view")
class CertificateList(FilterView):
    """Every certificate and badge issued in the user's territory, and what became of it."""

    model = Certificate
    filterset_class = CertificateFilter
    paginate_by = 50
    template_name = "volunteers/certificates/list.html"

    def get_queryset(self):
        return _certificates(self.request.user).order_by("area__name", "area_id", "number")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        user = self.request.user
        context.update(
            opts=Certificate._meta,
            today=today,
            soon=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
            can_print=policy.may(user, "register.record"),
            print_area=self._print_area(),
        )
        for certificate in context["object_list"]:
            status = certificate.verification_status(today)
            certificate.status_class = STATUS_BADGES[status]
            certificate.status_label = status.label
        return context

    def _print_area(self):
        """The area whose valid certificates "print all" prints, when there is one."""
        form = getattr(self.filterset, "form", None)
        if form is not None and form.is_valid() and form.cleaned_data.get("area"):
            return form.cleaned_data["area"].pk
        return self.request.user.area_id


# --- one certificate -------------------------------------------------------------------------


def _detail_context(request, certificate, *, return_form=None, revoke_form=None):
    today = timezone.localdate()
    status = certificate.verification_status(today)
    url = verification_url(request, certificate)
    can_write = policy.may(request.user, "register.record")
    issued = certificate.state == CertificateState.ISSUED
    return {
        "object": certificate,
        "certificate": certificate,
        "assistant_url": _assistant_url(certificate.assistant),
        "status": status,
        "status_label": status.label,
        "status_class": STATUS_BADGES[status],
        "verify_url": url,
        "qr": qr_svg(url, title=str(_("QR code of the verification page"))),
        "can_write": can_write,
        "can_print": can_write and issued,
        "return_form": (return_form or CertificateReturnForm()) if can_write and issued else None,
        "revoke_form": (revoke_form or CertificateRevokeForm()) if can_write and issued else None,
        "changes": certificate.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:50],
    }


@policy.guard("register.view")
class CertificateDetail(DetailView):
    model = Certificate
    template_name = "volunteers/certificates/detail.html"

    def get_queryset(self):
        return _certificates(self.request.user)

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, self.object)


def _step(request, pk, form_class, service, form_key, done_message):
    certificate = policy.get_scoped_or_404(request.user, _certificates(request.user), pk=pk)
    if request.method != "POST":
        return redirect(certificate)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "confirm"}
            service(certificate=certificate, user=request.user, **data)
        except lifecycle.StepRefused as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done_message)
            return redirect(certificate)
    certificate.refresh_from_db()
    messages.error(request, _("Nothing was changed: please correct the errors."))
    context = _detail_context(request, certificate, **{form_key: form})
    return render(request, "volunteers/certificates/detail.html", context)


@policy.guard("register.record")
@require_http_methods(["GET", "HEAD", "POST"])
def certificate_return(request, pk):
    """POST: the holder returned the certificate (and the badge, if ticked)."""
    return _step(
        request,
        pk,
        CertificateReturnForm,
        lifecycle.certificate_return,
        "return_form",
        _("The return of the certificate is recorded."),
    )


@policy.guard("register.record")
@require_http_methods(["GET", "HEAD", "POST"])
def certificate_revoke(request, pk):
    """POST: the akimat revokes the certificate, with the reason."""
    return _step(
        request,
        pk,
        CertificateRevokeForm,
        lifecycle.certificate_revoke,
        "revoke_form",
        _("The certificate is revoked."),
    )


# --- printable cards -------------------------------------------------------------------------


def card_language(request):
    """kk or ru: the language asked for (?lang=), else the page's language, else Russian."""
    asked = request.GET.get("lang")
    if asked in CARD_LANGUAGES:
        return asked
    current = translation.get_language() or ""
    return current if current in CARD_LANGUAGES else "ru"


def pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # The card carries a photo: no shared or browser cache keeps it.
    add_never_cache_headers(response)
    return response


@policy.guard("register.record")
@require_safe
def certificate_pdf(request, pk):
    """The card of one certificate: front and back, each on a page of card size."""
    certificate = policy.get_scoped_or_404(request.user, _certificates(request.user), pk=pk)
    if certificate.state != CertificateState.ISSUED:
        messages.error(request, _("Only an issued certificate can be printed."))
        return redirect(certificate)
    language = card_language(request)
    with translation.override(language):
        the_card = cards.card(request.user, request.build_absolute_uri("/"), certificate)
        pdf = render_pdf("volunteers/pdf/card.html", {"card": the_card, "lang": language})
    audit.personal_data_seen(request, cards.holders_with_photo([the_card]), event="certificate")
    return pdf_response(pdf, f"certificate-{certificate.display_number}.pdf")


def _ids(request):
    """?ids=1,2,3 (or ids=1&ids=2): the ids asked for, in order, without repeats."""
    ids = []
    for value in request.GET.getlist("ids"):
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            certificate_id = id_or_404(part)
            if certificate_id not in ids:
                ids.append(certificate_id)
    return ids


@policy.guard("register.record")
@require_safe
def certificate_batch_pdf(request):
    """Many cards on A4 for printing: ?ids=1,2,3, or every valid certificate of an area."""
    ids = _ids(request)
    if len(ids) > BATCH_LIMIT:
        return HttpResponseBadRequest(
            _("Print at most %(limit)s certificates at once.") % {"limit": BATCH_LIMIT}
        )
    queryset = _certificates(request.user)
    if ids:
        found = {c.pk: c for c in queryset.filter(pk__in=ids)}
        if len(found) != len(ids):
            raise Http404  # unknown, or outside the user's territory
        certificates = [found[pk] for pk in ids]
        if any(c.state != CertificateState.ISSUED for c in certificates):
            messages.error(request, _("Only issued certificates can be printed."))
            return redirect("certificate-list")
    else:
        area_id = request.GET.get("area") or request.user.area_id
        if not area_id:
            messages.info(request, _("Choose an area or the certificates to print."))
            return redirect("certificate-list")
        area = policy.get_scoped_or_404(request.user, Area.objects.all(), pk=id_or_404(area_id))
        certificates = list(
            queryset.filter(
                area=area,
                state=CertificateState.ISSUED,
                valid_until__gte=timezone.localdate(),
            ).order_by("number")
        )
        if len(certificates) > BATCH_LIMIT:
            return HttpResponseBadRequest(
                _("Print at most %(limit)s certificates at once.") % {"limit": BATCH_LIMIT}
            )
    if not certificates:
        messages.info(request, _("There are no valid certificates to print."))
        return redirect("certificate-list")
    # Hundreds of cards take a while: a task renders them (volunteers/file_makers.py).
    job = file_tasks.start(
        request.user,
        file_makers.CERTIFICATE_BATCH,
        {
            "ids": [certificate.pk for certificate in certificates],
            "lang": card_language(request),
            "site_url": request.build_absolute_uri("/"),
            "address": client_ip(request),
            "request_id": current_request_id(),
        },
        gettext("Certificates to print (%(count)s)") % {"count": len(certificates)},
    )
    return file_views.after_start(job)
