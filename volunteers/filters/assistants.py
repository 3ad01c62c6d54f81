"""Filters of the assistants' register."""

import functools
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, DateField, F, Func, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.filters.base import BeatChoiceFilter, ListDefaultsMixin, OrderFilter
from districts.models import Area, Beat
from portal import policy
from portal.pagination import QuerySetChain
from portal.periods import ONE_DAY, add_working_days
from portal.text_search import text_contains
from volunteers import due
from volunteers.models import Assistant, AssistantStatus, ParticipationForm
from volunteers.models.assistant import AKIMAT_REGISTRATION_WORKING_DAYS, POLICE_CHECK_DAYS

S = AssistantStatus
# How far a record is from needing nothing: a step with a legal deadline waits, a step
# without one waits, nothing waits, the registration is over.
STAGES = (
    (S.APPLIED, S.PETITIONED),
    (S.REGISTERED, S.CERTIFIED),
    (S.ACTIVE, S.SUSPENDED),
    (S.REFUSED, S.DEREGISTERED),
)
NAME_ORDER = ("last_name", "first_name", "pk")


class AddDays(Func):
    """The date `days` after a date field, as a date on every database."""

    output_field = DateField()

    def __init__(self, field, days):
        super().__init__(F(field))
        self.days = int(days)

    def as_sql(self, compiler, connection, **extra):
        template = f"(%(expressions)s + {self.days})"
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = f"date(%(expressions)s, '+{self.days} days')"
        return super().as_sql(compiler, connection, template=template, **extra)


def _petition_due(day):
    return add_working_days(day, AKIMAT_REGISTRATION_WORKING_DAYS)


class WaitingRecords:
    """The applications and petitions with a deadline, the nearest deadline first (then by
    name), read as a window: a page of them needs only the records that can come before
    its end. Applications are due 30 days after they were made, so they come in the order
    of `applied_on`; petitions 7 working days after they were sent, which never puts a later
    petition before an earlier one; so the first `stop` rows of the list are among the first
    `stop` of each kind (with the petitions whose due day ties with the last of those).
    Only that window is sorted by the due date, in the database, by name within a day.
    """

    def __init__(self, queryset):
        self.queryset = queryset
        self.applied = queryset.filter(status=S.APPLIED)
        self.petitioned = queryset.filter(status=S.PETITIONED, petition_sent_on__isnull=False)

    def count_up_to(self, limit):
        applied = self.applied.order_by()[:limit].count()
        return applied + self.petitioned.order_by()[: max(limit - applied, 0)].count()

    def count(self):
        return self.applied.count() + self.petitioned.count()

    def _nth(self, queryset, field, n):
        return queryset.order_by(field).values_list(field, flat=True)[n - 1 : n].first()

    def _window(self, stop):
        """The rows that may be among the first `stop`, ordered as the list."""
        applied, petitioned = (
            Q(status=S.APPLIED),
            Q(status=S.PETITIONED, petition_sent_on__isnull=False),
        )
        if stop is not None:
            last_applied = self._nth(self.applied, "applied_on", stop)
            if last_applied is not None:
                applied &= Q(applied_on__lte=last_applied)
            last_petition = self._nth(self.petitioned, "petition_sent_on", stop)
            if last_petition is not None:
                # Later petitions due the same day as the last one may come before it by name.
                due = _petition_due(last_petition)
                while _petition_due(last_petition + ONE_DAY) <= due:
                    last_petition += ONE_DAY
                petitioned &= Q(petition_sent_on__lte=last_petition)
        days = (
            self.queryset.filter(petitioned)
            .order_by()
            .values_list("petition_sent_on", flat=True)
            .distinct()
        )
        deadline = Case(
            When(status=S.APPLIED, then=AddDays("applied_on", POLICE_CHECK_DAYS)),
            *(
                When(petition_sent_on=day, then=Value(_petition_due(day)))
                for day in sorted(set(days))
            ),
            default=Value(None),
            output_field=DateField(),
        )
        window = self.queryset.filter(applied | petitioned)
        return window.order_by(deadline.asc(nulls_last=True), *NAME_ORDER)

    def __iter__(self):
        yield from self._window(None)

    def __getitem__(self, item):
        return list(self._window(item.stop)[item])


def steps_due_first(queryset):
    """The records waiting for a step first, the nearest (or most overdue) deadline first:
    the police check of an application (30 calendar days) and the registration of a
    petition (7 working days, holidays counted), as the start pages count them. Then the
    registered and certified, waiting for their certificate or admission to duties; then
    the active and suspended; then the refused and deregistered; by name within each.

    The stages are read one after the other (portal.pagination.QuerySetChain): only a
    window of the waiting records is sorted by deadline (`WaitingRecords`), each later
    stage follows the name index, so the first page of a national register costs what it
    costs for one area.
    """
    unordered = queryset.order_by()
    undated = unordered.filter(status=S.PETITIONED, petition_sent_on__isnull=True)
    later = [unordered.filter(status__in=stage).order_by(*NAME_ORDER) for stage in STAGES[1:]]
    return QuerySetChain(
        queryset.model,
        [WaitingRecords(unordered), undated.order_by(*NAME_ORDER), *later],
    )


IIN_PATTERN = re.compile(r"\d{12}")


def refuse_iin(user, value):
    """A full IIN in the search box finds nothing, and says where to look it up instead."""
    if not IIN_PATTERN.fullmatch((value or "").replace(" ", "").replace("-", "")):
        return
    if policy.may(user, "register.find_by_iin"):
        message = _(
            "The register is not searched by IIN here, where the number would show in the "
            "page address: use “Find by IIN”."
        )
    else:
        message = _(
            "Your role does not search the register by IIN: search by name or registration number."
        )
    raise ValidationError(message, code="iin_search")


def scoped_areas(request):
    """The areas of the user's territory: those of their beats for the police, their own
    area or region for the akimat."""
    if request is None:
        return Area.objects.none()
    user = request.user
    if user.is_administrator:
        return Area.objects.order_by("name")  # every area, without reading the beats
    of_beats = policy.scoped(user, Beat.objects.all()).values("police_point__department__area")
    areas = policy.scoped(user, Area.objects.all()).values("pk")
    return Area.objects.filter(Q(pk__in=of_beats) | Q(pk__in=areas)).order_by("name")


class AssistantFilter(ListDefaultsMixin, django_filters.FilterSet):
    defaults = {"order": "steps"}
    default_note = _(
        "Shown first: records waiting for a step, the nearest deadline first; then the "
        "active, by name."
    )

    q = django_filters.CharFilter(
        label=_("Name or registration number"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssistantStatus.choices)
    area = django_filters.ModelChoiceFilter(label=_("Area"), queryset=scoped_areas)
    beat = BeatChoiceFilter()
    form = django_filters.ChoiceFilter(
        label=_("Form of participation"),
        choices=ParticipationForm.choices,
        method="with_form",
    )
    needs = django_filters.ChoiceFilter(
        label=_("Waiting for"),
        choices=[
            ("overdue", _("A step of Art. 5 overdue")),
            ("briefing", _("The Art. 7 briefing")),
            ("training", _("Legal training (none in the last year)")),
            ("elsewhere", _("Ending a registration: the person applies in another area")),
        ],
        method="waiting_for",
    )
    order = OrderFilter(
        {
            "steps": (_("Steps due first"), steps_due_first),
            "name": (_("By name"), NAME_ORDER),
            "-applied": (_("Newest applications first"), ("-applied_on", "-pk")),
        }
    )

    class Meta:
        model = Assistant
        fields = ["q", "status", "area", "beat", "form", "needs", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["q"].extra["validators"] = [functools.partial(refuse_iin, user)]
        if not policy.may(user, "register.record"):
            # Whether a person applies in another area is the registrars' business only.
            needs = self.filters["needs"].extra
            needs["choices"] = [c for c in needs["choices"] if c[0] != "elsewhere"]

    def filter_queryset(self, queryset):
        # The order last, after every filter: the steps order is a chain of querysets
        # (steps_due_first), which django-filter's check of each filter's result refuses.
        data = self.form.cleaned_data
        for name, value in data.items():
            if name != "order":
                queryset = self.filters[name].filter(queryset, value)
        return self.filters["order"].filter(queryset, data.get("order"))

    def search(self, queryset, name, value):
        """Words of the name or the registration number; never an IIN.

        A search box sends its words in the page's address, where an IIN must never be
        (browser history, access logs), and a masked IIN must not be recoverable by trying
        numbers: a full IIN never reaches here (`refuse_iin`, the field's validator, turns
        it away with where to look it up), and a part of one matches no field.
        """
        value = value.strip()
        fields = ("last_name", "first_name", "middle_name", "registration_number")
        return queryset.filter(text_contains(fields, value, max_words=5))

    def waiting_for(self, queryset, name, value):
        # The rules of volunteers.due, the same the start pages count.
        return queryset.filter(due.NEEDS[value](timezone.localdate()))

    def with_form(self, queryset, name, value):
        # The codes are stored as a JSON list; no code is a part of another, and the
        # quotes make the match exact on every database.
        return queryset.filter(forms__icontains=f'"{value}"')
