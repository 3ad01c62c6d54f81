"""Volunteers and volunteer groups (Law of the RK of 30 December 2016 No. 42-VI).

A separate legal status from Law No. 590: no akimat registration and no certificate.
The akimat keeps the record; the register's readers read it within their territory.
A volunteer's phone and birth date are personal data: only those whom
`policy.may(user, "personal_data.view", record)` admits see them; everyone else sees a
masked phone and an age group.
"""

from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import UpdateView

from districts.views.base import RecordCreateView, RecordFormMixin, RecordListView
from portal import policy
from portal.periods import year_of
from portal.query_params import id_or_404
from volunteers.filters.volunteers import (
    VolunteerActivityFilter,
    VolunteerFilter,
    VolunteerGroupFilter,
)
from volunteers.forms.volunteer_groups import (
    VolunteerActivityForm,
    VolunteerForm,
    VolunteerGroupForm,
)
from volunteers.models import Volunteer, VolunteerActivity, VolunteerActivityKind, VolunteerGroup
from volunteers.models.volunteer import ADULT_AGE, PARENTAL_CONSENT_BELOW
from volunteers.privacy import mask_phone

KIND_LABELS = dict(VolunteerActivityKind.choices)
# How many activities and members a page lists; the counts and totals cover all of them.
PAGE_ACTIVITIES = 50
PAGE_MEMBERS = 200


# --- personal data --------------------------------------------------------------------------
# The phone is masked as everywhere (volunteers.privacy); instead of "hidden", a birth date
# becomes the age group that decides what a volunteer may do (consent under 14, no raids
# under 18).


def age_group_label(age):
    if age < PARENTAL_CONSENT_BELOW:
        return _("under 14")
    if age < ADULT_AGE:
        return _("14–17")
    return _("adult")


def kinds_label(kinds):
    return ", ".join(str(KIND_LABELS.get(kind, kind)) for kind in kinds or [])


def hours_label(value):
    return floatformat(value or Decimal("0"), -1)


def present_volunteer(user, volunteer):
    """What this user may read of a volunteer: attributes the templates show."""
    volunteer.personal_visible = policy.may(user, "personal_data.view", volunteer)
    volunteer.age_group = age_group_label(volunteer.age())
    if volunteer.personal_visible:
        volunteer.phone_shown = volunteer.phone
        volunteer.birth_shown = volunteer.birth_date
    else:
        volunteer.phone_shown = mask_phone(volunteer.phone)
        volunteer.birth_shown = volunteer.age_group
    volunteer.kinds_shown = kinds_label(volunteer.kinds)
    return volunteer


def present_group(user, group):
    group.personal_visible = policy.may(user, "personal_data.view", group)
    group.phone_shown = group.phone if group.personal_visible else mask_phone(group.phone)
    group.kinds_shown = kinds_label(group.kinds)
    return group


# --- totals ---------------------------------------------------------------------------------


def year_start():
    return year_of(timezone.localdate()).start


def hours_this_year(party_field):
    """Hours of the volunteer's or group's activities since 1 January, as a subquery
    (so it can sit next to other aggregates without multiplying rows)."""
    rows = (
        VolunteerActivity.objects.filter(**{party_field: OuterRef("pk")}, date__gte=year_start())
        .order_by()
        .values(party_field)
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows),
        Value(Decimal("0")),
        output_field=DecimalField(max_digits=9, decimal_places=1),
    )


def activity_totals(activities):
    """Count and hours of a set of activities: all of them and those of this year."""
    totals = activities.order_by().aggregate(
        n_all=Count("pk"),
        hours_all=Sum("hours"),
        n_year=Count("pk", filter=Q(date__gte=year_start())),
        hours_year=Sum("hours", filter=Q(date__gte=year_start())),
    )
    return {
        "count": totals["n_all"],
        "hours": totals["hours_all"] or Decimal("0"),
        "year_count": totals["n_year"],
        "year_hours": totals["hours_year"] or Decimal("0"),
        "year": year_start().year,
    }


# --- lists ----------------------------------------------------------------------------------


class VolunteerPagesMixin:
    """Who may write here is the volunteer rule's, not the inspector's workspace's."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = policy.may(self.request.user, "volunteer.record")
        return context


class VolunteerListBase(VolunteerPagesMixin, RecordListView):
    template_name = "volunteers/volunteers/list.html"
    # The other list pages of the part, shown as tabs.
    tabs = (
        ("volunteer-list", _("Volunteers")),
        ("volunteergroup-list", _("Volunteer groups")),
        ("volunteeractivity-list", _("Activities")),
    )

    def present(self, obj):
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One evaluation of the page, then each row dressed for this user (no queries).
        rows = [self.present(obj) for obj in context["object_list"]]
        context["object_list"] = rows
        if context.get("page_obj") is not None:
            context["page_obj"].object_list = rows
        context["tabs"] = [(reverse(name), label, name) for name, label in self.tabs]
        context["current_tab"] = self.request.resolver_match.url_name
        return context


@policy.guard("volunteer.view")
class VolunteerList(VolunteerListBase):
    model = Volunteer
    related = ("area", "group")
    filterset_class = VolunteerFilter
    columns = (
        ("full_name", _("Volunteer")),
        ("birth_shown", _("Date of birth or age group")),
        ("phone_shown", _("Phone")),
        ("area", _("Area")),
        ("group", _("Group")),
        ("kinds_shown", _("Kinds of activity")),
        ("hours_shown", _("Hours this year")),
    )
    create_url_name = "volunteer-create"
    detail_url_name = "volunteer-detail"

    def get_queryset(self):
        return super().get_queryset().annotate(hours_year=hours_this_year("volunteer"))

    def present(self, obj):
        present_volunteer(self.request.user, obj)
        obj.full_name = str(obj)
        obj.hours_shown = hours_label(obj.hours_year)
        obj.row_url = reverse("volunteer-detail", args=[obj.pk])
        return obj


@policy.guard("volunteer.view")
class VolunteerGroupList(VolunteerListBase):
    model = VolunteerGroup
    related = ("area",)
    filterset_class = VolunteerGroupFilter
    columns = (
        ("name", _("Group")),
        ("area", _("Area")),
        ("contact_person", _("Contact person")),
        ("phone_shown", _("Phone")),
        ("kinds_shown", _("Kinds of activity")),
        ("member_count", _("Members")),
        ("hours_shown", _("Hours this year")),
    )
    create_url_name = "volunteergroup-create"
    detail_url_name = "volunteergroup-detail"

    def get_queryset(self):
        queryset = (
            super()
            .get_queryset()
            .annotate(member_count=Count("members"), hours_year=hours_this_year("group"))
        )
        # Meta.ordering is not applied to a grouped query: order explicitly.
        return queryset.order_by("name", "pk")

    def present(self, obj):
        present_group(self.request.user, obj)
        obj.hours_shown = hours_label(obj.hours_year)
        obj.row_url = reverse("volunteergroup-detail", args=[obj.pk])
        return obj


@policy.guard("volunteer.view")
class VolunteerActivityList(VolunteerListBase):
    model = VolunteerActivity
    related = ("area", "volunteer", "group")
    filterset_class = VolunteerActivityFilter
    columns = (
        ("action", _("Action")),
        ("date", _("Date")),
        ("kind", _("Kind")),
        ("party", _("Volunteer or group")),
        ("area", _("Area")),
        ("hours_shown", _("Hours")),
    )
    create_url_name = "volunteeractivity-create"

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "-pk")

    def present(self, obj):
        obj.party = obj.volunteer or obj.group
        obj.hours_shown = hours_label(obj.hours)
        if obj.volunteer_id:
            obj.row_url = reverse("volunteer-detail", args=[obj.volunteer_id])
        else:
            obj.row_url = reverse("volunteergroup-detail", args=[obj.group_id])
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = activity_totals(self.filterset.qs)
        return context


# --- create and edit ------------------------------------------------------------------------


class VolunteerFormBase(VolunteerPagesMixin, RecordFormMixin):
    detail_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object is not None:
            context["cancel_url"] = reverse(self.detail_url_name, args=[self.object.pk])
        return context


class VolunteerFormMixin(VolunteerFormBase):
    model = Volunteer
    form_class = VolunteerForm
    related = ("area", "group")
    list_url_name = "volunteer-list"
    detail_url_name = "volunteer-detail"
    template_name = "volunteers/volunteers/volunteer_form.html"


@policy.guard("volunteer.record")
class VolunteerCreate(VolunteerFormMixin, RecordCreateView):
    success_message = _("The volunteer is recorded.")


@policy.guard("volunteer.record")
class VolunteerUpdate(VolunteerFormMixin, UpdateView):
    """The full record, personal data included: for the registrars of its area only."""


class VolunteerGroupFormMixin(VolunteerFormBase):
    model = VolunteerGroup
    form_class = VolunteerGroupForm
    related = ("area",)
    list_url_name = "volunteergroup-list"
    detail_url_name = "volunteergroup-detail"


@policy.guard("volunteer.record")
class VolunteerGroupCreate(VolunteerGroupFormMixin, RecordCreateView):
    success_message = _("The volunteer group is recorded.")


@policy.guard("volunteer.record")
class VolunteerGroupUpdate(VolunteerGroupFormMixin, UpdateView):
    pass


@policy.guard("volunteer.record")
class VolunteerActivityCreate(VolunteerPagesMixin, RecordCreateView):
    """An action joined by a volunteer or a group, opened from their page
    (`?volunteer=<id>` or `?group=<id>`; an id outside the user's scope is a 404)."""

    model = VolunteerActivity
    form_class = VolunteerActivityForm
    related = ("area", "volunteer", "group")
    list_url_name = "volunteeractivity-list"
    template_name = "volunteers/volunteers/activity_form.html"
    today_fields = ("date",)
    success_message = _("The activity is recorded.")

    def dispatch(self, request, *args, **kwargs):
        self.party = None
        self.party_url_name = None
        volunteer_id, group_id = request.GET.get("volunteer"), request.GET.get("group")
        if volunteer_id and not group_id:
            volunteers = Volunteer.objects.select_related("area")
            self.party = policy.get_scoped_or_404(
                request.user, volunteers, pk=id_or_404(volunteer_id)
            )
            self.party_field, self.party_url_name = "volunteer", "volunteer-detail"
        elif group_id and not volunteer_id:
            self.party = policy.get_scoped_or_404(
                request.user,
                VolunteerGroup.objects.select_related("area"),
                pk=id_or_404(group_id),
            )
            self.party_field, self.party_url_name = "group", "volunteergroup-detail"
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.party is not None:
            initial[self.party_field] = self.party.pk
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["party"] = self.party
        if self.party is not None:
            context["cancel_url"] = reverse(self.party_url_name, args=[self.party.pk])
        return context


# --- the pages of one volunteer or group ----------------------------------------------------


@policy.guard("volunteer.view")
@require_safe
def volunteer_detail(request, pk):
    volunteer = policy.get_scoped_or_404(
        request.user, Volunteer.objects.select_related("area", "group"), pk=pk
    )
    present_volunteer(request.user, volunteer)
    activities = volunteer.activities.all()
    context = {
        "volunteer": volunteer,
        "activities": activities.order_by("-date", "-pk")[:PAGE_ACTIVITIES],
        "totals": activity_totals(activities),
        "consent_needed": volunteer.age() < PARENTAL_CONSENT_BELOW,
    }
    return render(request, "volunteers/volunteers/volunteer_detail.html", context)


@policy.guard("volunteer.view")
@require_safe
def volunteergroup_detail(request, pk):
    group = policy.get_scoped_or_404(
        request.user,
        VolunteerGroup.objects.select_related("area").annotate(member_count=Count("members")),
        pk=pk,
    )
    present_group(request.user, group)
    activities = group.activities.all()
    # Names of the members for those who may read the personal record; the count for all.
    members = None
    if group.personal_visible:
        members = group.members.order_by("last_name", "first_name", "pk")[:PAGE_MEMBERS]
    context = {
        "group": group,
        "members": members,
        "activities": activities.order_by("-date", "-pk")[:PAGE_ACTIVITIES],
        "totals": activity_totals(activities),
    }
    return render(request, "volunteers/volunteers/group_detail.html", context)
