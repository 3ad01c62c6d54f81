import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from districts.forms.base import DateInput
from districts.models import Beat
from portal import policy


def scoped_beats(request):
    if request is None:
        return Beat.objects.none()
    return policy.scoped(request.user, Beat.objects.select_related("police_point"))


class BeatRecordFilter(django_filters.FilterSet):
    """Filters for a beat's records; the beat choice lists the user's beats only."""

    beat = django_filters.ModelChoiceFilter(queryset=scoped_beats, label=_("Beat"))


def date_range(field_name):
    """From / to filters on a date field, with the browser's date picker."""
    return (
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="gte", label=_("From"), widget=DateInput()
        ),
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="lte", label=_("To"), widget=DateInput()
        ),
    )


class OrderFilter(django_filters.ChoiceFilter):
    """The order of a list, chosen in its filter form: {value: (label, order)}, where the
    order is a tuple of order_by terms or a function of the queryset returning it ordered."""

    def __init__(self, orders, **kwargs):
        self.orders = orders
        kwargs.setdefault("label", _("Order"))
        kwargs.setdefault("empty_label", None)
        super().__init__(choices=[(key, label) for key, (label, _o) in orders.items()], **kwargs)

    def filter(self, qs, value):
        if value not in self.orders:
            return qs
        order = self.orders[value][1]
        return order(qs) if callable(order) else qs.order_by(*order)


class ListDefaultsMixin:
    """A list that opens on what needs action: `defaults` are the filter values (its order
    among them) used when the request does not give them, or gives one that is not a choice
    of the list; `default_note` says so beside the list. Whatever the user chooses in the
    filter form wins."""

    defaults = {}
    default_note = ""

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        for name, value in self.defaults.items():
            choices = {str(key) for key, _label in self.base_filters[name].extra["choices"]}
            if name not in data or data[name] not in choices | {""}:
                data[name] = value
        super().__init__(data, *args, **kwargs)
