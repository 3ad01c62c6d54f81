"""Files of the register made off the request (portal/file_jobs): the export, which at
national scope is every assistant of the country, and a batch of printable certificate
cards (up to 500, with photos and QR codes)."""

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext

from audit import record as audit
from portal import policy
from portal.file_jobs.tasks import MadeFile, file_maker
from portal.pdf import render_pdf
from portal.spreadsheets import FILE_TYPES, file_response
from volunteers import cards, privacy
from volunteers.filters.assistants import AssistantFilter
from volunteers.models import Assistant, Certificate, CertificateState
from volunteers.resources import AssistantExportResource

REGISTER_EXPORT = "volunteers.file_makers.register_export"
CERTIFICATE_BATCH = "volunteers.file_makers.certificate_batch"


def register_filter(user, query: QueryDict) -> AssistantFilter:
    """The register list's filters over the assistants of `user`'s scope."""
    queryset = policy.scoped(user, Assistant.objects.select_related("area", "beat")).order_by(
        "area__name", "last_name", "first_name", "pk"
    )
    # The filters read only the user of the request.
    return AssistantFilter(query, queryset=queryset, request=SimpleNamespace(user=user))


def query_params(query: QueryDict) -> dict:
    return {key: query.getlist(key) for key in query}


@file_maker
def register_export(user, params, progress):
    """`params`: query (the list's filters, as lists), format, lang; address and request_id
    (the asker's, for the audit log of personal data seen)."""
    if not policy.may(user, "register.view") or params["format"] not in FILE_TYPES:
        raise PermissionDenied
    progress("reading", 0, 2)
    query = QueryDict(mutable=True)
    for key, values in params["query"].items():
        query.setlist(key, values)
    filterset = register_filter(user, query)
    if not filterset.is_valid():
        raise PermissionDenied  # the view refused these already
    with translation.override(params["lang"]):
        assistants = list(filterset.qs)
        progress("rendering", 1, 2)
        dataset = AssistantExportResource(user=user).export(assistants)
        dataset.title = gettext("Register")
        name = f"register-{timezone.localdate():%Y-%m-%d}"
        response = file_response(params["format"], dataset, name=name)
    audit.personal_data_seen_by(
        user,
        params["address"],
        [assistant for assistant in assistants if privacy.can_see(user, assistant)],
        event="export",
        request_id=params.get("request_id"),
        format=params["format"],
    )
    return MadeFile(response.content, f"{name}.{params['format']}", response["Content-Type"])


@file_maker
def certificate_batch(user, params, progress):
    """`params`: ids (the certificates, in print order), lang (kk or ru), site_url (the QR
    codes' address), address and request_id (the asker's, for the audit log)."""
    if not policy.may(user, "register.record") or params["lang"] not in cards.CARD_LANGUAGES:
        raise PermissionDenied
    # Read again: the view checked them, and a scope or a certificate may change meanwhile.
    found = policy.scoped(user, Certificate.objects.select_related("assistant", "area"))
    found = {c.pk: c for c in found.filter(pk__in=params["ids"], state=CertificateState.ISSUED)}
    if len(found) != len(params["ids"]):
        raise PermissionDenied
    made = []
    with translation.override(params["lang"]):
        for number, pk in enumerate(params["ids"]):
            progress("reading", number, len(params["ids"]))
            made.append(cards.card(user, params["site_url"], found[pk]))
        progress("rendering", len(made), len(made))
        pdf = render_pdf(
            "volunteers/pdf/batch.html", {"sheets": cards.sheets(made), "lang": params["lang"]}
        )
    audit.personal_data_seen_by(
        user,
        params["address"],
        cards.holders_with_photo(made),
        event="certificate",
        request_id=params.get("request_id"),
    )
    return MadeFile(pdf, f"certificates-{timezone.localdate():%Y%m%d}.pdf", "application/pdf")
