"""`{% offline_draft %}`: the attributes that let a form be kept as a draft of field mode."""

from django import template
from django.utils.html import format_html

from districts.drafts import KINDS
from portal import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_draft(context, url_name=None, subject=None):
    """The attributes that let a form be kept as a draft when there is no signal: on a form
    of a kind in districts.drafts.KINDS, for a user who records work; nothing otherwise."""
    request = context.get("request")
    user = context.get("user")
    if request is None or user is None or not policy.may(user, "workspace.record"):
        return ""
    if url_name is None:
        match = request.resolver_match
        url_name = match.url_name if match else None
    kind = KINDS.get(url_name)
    record = context.get("object")
    if kind is None or (kind.edits and record is None):
        return ""
    attributes = format_html(
        ' data-offline-draft="{}" data-offline-label="{}" data-offline-summary="{}"',
        kind.url_name,
        kind.label,
        " ".join(kind.summary_fields),
    )
    if kind.edits:
        attributes += format_html(' data-offline-version="{}"', kind.version_of(record))
        subject = subject or record
    if subject is not None:
        # What the draft is about, at the head of its line in the list of drafts.
        attributes += format_html(' data-offline-subject="{}"', str(subject)[:80])
    return attributes
