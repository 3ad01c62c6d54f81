"""Filters of the audit log page: who, what, which kind of record (and which one), when,
from which address."""

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from audit.registry import audited_models

A = LogEntry.Action
WHAT = {
    "create": (_("Created"), Q(action=A.CREATE)),
    "update": (_("Changed"), Q(action=A.UPDATE)),
    "delete": (_("Deleted"), Q(action=A.DELETE)),
    "view": (_("Personal data viewed"), Q(action=A.ACCESS) & ~Q(additional_data__event="export")),
    "export": (_("Personal data exported"), Q(action=A.ACCESS, additional_data__event="export")),
}


def kind_choices():
    types = ContentType.objects.get_for_models(*audited_models())
    choices = [(ct.pk, capfirst(model._meta.verbose_name_plural)) for model, ct in types.items()]
    return sorted(choices, key=lambda choice: str(choice[1]))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AddressFilter(django_filters.CharFilter):
    field_class = forms.GenericIPAddressField


class AuditFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(label=_("User"), method="filter_user")
    what = django_filters.ChoiceFilter(
        label=_("What happened"),
        choices=[(key, label) for key, (label, _q) in WHAT.items()],
        method="filter_what",
    )
    kind = django_filters.TypedChoiceFilter(
        label=_("Kind of record"), field_name="content_type", choices=kind_choices, coerce=int
    )
    record = django_filters.NumberFilter(
        label=_("Record number"), field_name="object_id", min_value=1, max_value=2**63 - 1
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="timestamp", lookup_expr="date__gte", widget=DateInput()
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="timestamp", lookup_expr="date__lte", widget=DateInput()
    )
    address = AddressFilter(label=_("Address"), field_name="remote_addr")

    class Meta:
        model = LogEntry
        fields = []

    def filter_user(self, queryset, name, value):
        terms = Q()
        for word in value.split()[:3]:
            terms &= (
                Q(actor__username__icontains=word)
                | Q(actor__last_name__icontains=word)
                | Q(actor__first_name__icontains=word)
                | Q(actor_email__icontains=word)
            )
        return queryset.filter(terms)

    def filter_what(self, queryset, name, value):
        return queryset.filter(WHAT[value][1])
