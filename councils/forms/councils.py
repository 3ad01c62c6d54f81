"""Forms and list filters of public councils: councils, members, sessions with attendance,
decisions and recommendations."""

import datetime

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from councils.membership import is_current, ordered_members
from councils.models import (
    CouncilMember,
    CouncilSession,
    MemberSide,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
    SessionDecision,
)
from councils.selectors.councils import OPEN_STATUSES, overdue_q
from districts.filters.base import ListDefaultsMixin, OrderFilter, date_range
from districts.forms.base import BeatRecordForm
from districts.models import PoliceDepartment
from portal import policy
from portal.bilingual import BilingualFormMixin, bilingual

# The Law No. 383-V forms a council's composition for three years.
DEFAULT_TERM_YEARS = 3


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def scoped_councils(user):
    return policy.scoped(user, PublicCouncil.objects.select_related("department")).order_by(
        "name", "pk"
    )


def council_label(council):
    return f"{council} · {council.department}"


class CouncilRecordForm(BeatRecordForm):
    """Shared plumbing (date pickers, crispy helper, the user); councils have no beat."""


class PublicCouncilForm(BilingualFormMixin, CouncilRecordForm):
    class Meta:
        model = PublicCouncil
        fields = ["department", *bilingual("name"), "term_start", "term_end"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = policy.scoped(
            self.user, PoliceDepartment.objects.select_related("area")
        ).order_by("name", "pk")
        department = self.fields["department"]
        department.queryset = departments
        department.label_from_instance = lambda d: f"{d} · {d.area}"
        if not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("term_start", today)
            end = _years_later(today, DEFAULT_TERM_YEARS) - datetime.timedelta(days=1)
            self.initial.setdefault("term_end", end)
            only = list(departments[:2])
            if len(only) == 1:
                self.initial.setdefault("department", only[0].pk)


class CouncilMemberForm(CouncilRecordForm):
    """A member of the council given as the form's instance.council."""

    class Meta:
        model = CouncilMember
        fields = [
            "full_name",
            "role",
            "side",
            "is_civil_servant",
            "organisation",
            "joined_on",
            "left_on",
        ]
        widgets = {"side": forms.RadioSelect}
        help_texts = {
            "is_civil_servant": _("The chair of a public council may not be a civil servant."),
            "left_on": _("Fill in when the membership ends; leave empty while the member sits."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        council = self.instance.council
        # Radio buttons without an empty "---------" choice.
        self.fields["side"].choices = MemberSide.choices
        if not self.instance.pk:
            # A new instance's empty fields are in self.initial already (as None).
            if not self.initial.get("joined_on"):
                self.initial["joined_on"] = max(timezone.localdate(), council.term_start)
            if not self.initial.get("side"):
                self.initial["side"] = MemberSide.CIVIL_SOCIETY

    def clean_joined_on(self):
        joined_on = self.cleaned_data["joined_on"]
        council = self.instance.council
        if joined_on > council.term_end:
            raise forms.ValidationError(
                _("The council's term ends on %(date)s; a member cannot join after it."),
                params={"date": date_format(council.term_end, "SHORT_DATE_FORMAT")},
            )
        return joined_on


def member_label(member):
    label = f"{member.full_name} — {member.get_role_display()}, {member.get_side_display()}"
    if member.left_on:
        until = date_format(member.left_on, "SHORT_DATE_FORMAT")
        label += " " + str(_("(member until %(date)s)") % {"date": until})
    return label


class CouncilSessionForm(BilingualFormMixin, CouncilRecordForm):
    """A session of the council given as the form's instance.council, with its attendance."""

    class Meta:
        model = CouncilSession
        fields = ["held_at", *bilingual("place", "agenda"), "is_open", "present"]
        widgets = {
            "agenda_kk": forms.Textarea(attrs={"rows": 4}),
            "agenda_ru": forms.Textarea(attrs={"rows": 4}),
            "present": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "present": _(
                "Tick the members who attended. A decision needs two thirds of the members present."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        council = self.instance.council
        present = self.fields["present"]
        # Only this council's members can be ticked; anyone else is "not a valid choice".
        present.queryset = ordered_members(CouncilMember.objects.filter(council=council))
        present.label_from_instance = member_label
        present.required = False
        if not self.instance.pk and not any(self.initial.get(n) for n in bilingual("place")):
            # The police body's own address, in both languages.
            for lang in ("kk", "ru"):
                self.initial[f"place_{lang}"] = getattr(council.department, f"address_{lang}")

    def clean(self):
        cleaned = super().clean()
        held_at = cleaned.get("held_at")
        if held_at is None:
            return cleaned
        council = self.instance.council
        day = timezone.localdate(held_at)
        if not council.term_start <= day <= council.term_end:
            self.add_error(
                "held_at",
                _("The session must take place within the council's term (%(start)s – %(end)s).")
                % {
                    "start": date_format(council.term_start, "SHORT_DATE_FORMAT"),
                    "end": date_format(council.term_end, "SHORT_DATE_FORMAT"),
                },
            )
        future = held_at > timezone.now()
        present = cleaned.get("present") or []
        if future and present:
            self.add_error(
                "present", _("Attendance can be marked once the session has taken place.")
            )
        for member in present:
            if not is_current(member, day):
                self.add_error(
                    "present",
                    _("%(name)s was not a member of the council on the day of the session.")
                    % {"name": member.full_name},
                )
        if future and self.instance.pk and self.instance.decisions.exists():
            self.add_error(
                "held_at",
                _("The session already has decisions; it cannot be moved into the future."),
            )
        return cleaned


class SessionDecisionForm(forms.ModelForm):
    class Meta:
        model = SessionDecision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


def session_label(session):
    held_at = date_format(timezone.localtime(session.held_at), "SHORT_DATETIME_FORMAT")
    return f"{session.council} · {held_at}"


class RecommendationForm(CouncilRecordForm):
    class Meta:
        model = Recommendation
        fields = [
            "council",
            "session",
            "text",
            "responsible_unit",
            "due_on",
            "status",
            "outcome",
            "service_quality_score",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "outcome": _("Required once the recommendation is implemented or partly implemented."),
            "session": _("The session at which the council adopted the recommendation."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = scoped_councils(self.user)
        council = self.fields["council"]
        council.queryset = councils
        council.label_from_instance = council_label
        sessions = policy.scoped(
            self.user, CouncilSession.objects.select_related("council")
        ).order_by("-held_at", "pk")
        session = self.fields["session"]
        session.queryset = sessions
        session.label_from_instance = session_label
        if not self.instance.pk and not self.initial.get("council"):
            only = list(councils[:2])
            if len(only) == 1:
                self.initial["council"] = only[0].pk

    def clean(self):
        cleaned = super().clean()
        council, session = cleaned.get("council"), cleaned.get("session")
        if council and session and session.council_id != council.pk:
            self.add_error("session", _("This session belongs to another council."))
        due_on = cleaned.get("due_on")
        if session and due_on and due_on < timezone.localdate(session.held_at):
            self.add_error("due_on", _("The due date cannot be earlier than the session."))
        return cleaned


# --- list filters -----------------------------------------------------------------------------


def _councils_of_request(request):
    if request is None:
        return PublicCouncil.objects.none()
    return scoped_councils(request.user)


class CouncilFilter(django_filters.FilterSet):
    TERM_CHOICES = (("current", _("Term in progress")), ("ended", _("Term ended")))

    q = django_filters.CharFilter(method="filter_name", label=_("Name"))
    term = django_filters.ChoiceFilter(choices=TERM_CHOICES, method="filter_term", label=_("Term"))

    class Meta:
        model = PublicCouncil
        fields = []

    def filter_name(self, queryset, name, value):
        """The name in Kazakh or in Russian, whichever the user reads."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name_kk__icontains=value) | Q(name_ru__icontains=value))

    def filter_term(self, queryset, name, value):
        today = timezone.localdate()
        if value == "current":
            return queryset.filter(term_end__gte=today)
        if value == "ended":
            return queryset.filter(term_end__lt=today)
        return queryset


def overdue_first(queryset):
    """Overdue recommendations first, then the other open ones, then the closed; each by
    due date, the nearest first."""
    rank = Case(
        When(overdue_q(), then=Value(0)),
        When(status__in=OPEN_STATUSES, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return queryset.order_by(rank.asc(), F("due_on").asc(nulls_last=True), "pk")


class RecommendationFilter(ListDefaultsMixin, django_filters.FilterSet):
    defaults = {"order": "overdue"}
    default_note = _(
        "Shown first: overdue recommendations, then the other open ones, the nearest due date "
        "first."
    )

    council = django_filters.ModelChoiceFilter(queryset=_councils_of_request, label=_("Council"))
    status = django_filters.ChoiceFilter(choices=RecommendationStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))
    due_from, due_to = date_range("due_on")
    q = django_filters.CharFilter(method="filter_text", label=_("Text or unit"))
    order = OrderFilter(
        {
            "overdue": (_("Overdue first"), overdue_first),
            "due": (_("Nearest due date first"), ("due_on", "pk")),
            "-created": (_("Newest first"), ("-pk",)),
        }
    )

    class Meta:
        model = Recommendation
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value is True:
            return queryset.filter(overdue_q())
        if value is False:
            return queryset.exclude(overdue_q())
        return queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(text__icontains=value) | Q(responsible_unit__icontains=value))
