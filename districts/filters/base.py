import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from districts.forms.base import DateInput
from districts.models import Beat
from portal import policy


def scoped_beats(request):
    if request is None:
        return Beat.objects.none()
    return policy.scoped(request.user, Beat.objects.select_related("police_point"))


# Beats a drop-down lists at most; a larger scope (an area, a region, the country) types
# the beat's code instead, so the page does not grow with the number of beats.
BEAT_SELECT_LIMIT = 150


class BeatChoiceField(ModelChoiceField):
    """A beat of the user's scope: a drop-down of the beats when they are few, a text box
    for the beat's code when they are many. Either way the value may be the beat's id (a
    link from another page) or its code, and a beat outside the scope is not a choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = self.queryset
        self.by_code = queryset is not None and (
            len(queryset.order_by().values_list("pk", flat=True)[: BEAT_SELECT_LIMIT + 1])
            > BEAT_SELECT_LIMIT
        )
        if self.by_code:
            self.widget = forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}
            )
            self.help_text = _("The beat's code, e.g. almaly-07.")

    def to_python(self, value):
        value = (value or "").strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, str) and not value.isdigit():
            beat = self.queryset.filter(code__in={value, value.lower()}).first()
            if beat is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return beat
        return super().to_python(value)

    def prepare_value(self, value):
        if self.by_code and hasattr(value, "code"):
            return value.code
        return super().prepare_value(value)


class BeatChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = BeatChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", scoped_beats)
        kwargs.setdefault("label", _("Beat"))
        super().__init__(*args, **kwargs)


class BeatRecordFilter(django_filters.FilterSet):
    """Filters for a beat's records; the beat choice holds the user's beats only."""

    beat = BeatChoiceFilter()


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
