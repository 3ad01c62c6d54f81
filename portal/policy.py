"""The one place that decides who may see and change what.

Two layers:

* **View rules.** Every view is declared with `guard(rule)`. A rule is either
  public or lists the roles that may open the view. Anonymous users are sent
  to the login page, a wrong role gets 403. The access-matrix test walks every
  URL pattern and fails for a view without a declared rule.
* **Object scope.** `scoped(user, queryset)` narrows any territorial queryset
  to what the user's role and territory allow; `get_scoped_or_404` turns an
  outsider's guess of an id or code into a 404, so it reveals nothing.
  `can_view` and `can_change` answer the same question for one object.

A model takes part in scoping by declaring `territory_paths`: the lookup path
from it to a Beat and/or to an Area (`""` for the model itself). A model may
also declare `policy_roles`, the only roles that may see it at all (preventive
visits are the police's alone, whatever an akimat user's territory), and
`police_area_visible = True` when an area-wide record is shared with the police
of that area (their department's area).
"""

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from portal.models import Role

ALL_ROLES = frozenset(Role)
POLICE_ROLES = frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR})
# Who records an inspector's work: the inspector of the beat (and an administrator).
WORK_RECORDERS = frozenset({Role.INSPECTOR, Role.ADMINISTRATOR})


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Rule:
    """Who may open a view: everyone (`roles is None`) or signed-in users with one of `roles`.

    `write_roles`, when given, narrows who may send anything but GET/HEAD/OPTIONS:
    a record's page is read by the police and changed by its inspector.
    """

    name: str
    roles: frozenset | None = None
    write_roles: frozenset | None = None

    @property
    def is_public(self):
        return self.roles is None

    def allows(self, user, method="GET"):
        if self.is_public:
            return True
        roles = self.roles
        if method not in SAFE_METHODS and self.write_roles is not None:
            roles = self.write_roles
        return bool(user.is_authenticated and user.is_active and user.role in roles)

    def deny(self, request):
        """The response for a request this rule refuses, or None when it is allowed."""
        if self.allows(request.user, request.method):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


PUBLIC = Rule("public")
ANY_STAFF = Rule("any staff role", ALL_ROLES)
# The inspector's workspace: read by the police, written by the beat's inspector.
WORKSPACE_READ = Rule("police", POLICE_ROLES)
WORKSPACE_WRITE = Rule("work recorders", WORK_RECORDERS)
WORKSPACE_RECORD = Rule("police read, recorders write", POLICE_ROLES, WORK_RECORDERS)

# The Law No. 590 register. The police take applications and check records; the akimat
# registers, issues certificates and keeps the record; the region reads its areas.
REGISTER_ROLES = frozenset(
    {
        Role.INSPECTOR,
        Role.SUPERVISOR,
        Role.AKIMAT_REGISTRAR,
        Role.REGIONAL_REGISTRAR,
        Role.ADMINISTRATOR,
    }
)
REGISTRARS = frozenset({Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR})
REGISTER_READ = Rule("register readers", REGISTER_ROLES)
REGISTER_WRITE = Rule("akimat registrars", REGISTRARS)
REGISTER_RECORD = Rule("register readers, registrars write", REGISTER_ROLES, REGISTRARS)
POLICE_APPLICATION = Rule(
    "police take applications", frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR})
)
POLICE_CHECK = Rule("police check records", frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}))
# Commission decisions and the encouragement budget are the akimat's own business.
ENCOURAGEMENT_READ = Rule(
    "akimat register readers",
    frozenset({Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.ADMINISTRATOR}),
)
# Public councils are run by their secretary; partner organisations and joint actions are
# shared within an area and recorded by the police and the council secretary.
COUNCIL_READ = ANY_STAFF
COUNCIL_WRITE = Rule("council secretaries", frozenset({Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR}))
COUNCIL_RECORD = Rule(
    "staff read, council secretaries write",
    ALL_ROLES,
    frozenset({Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR}),
)
ACTION_RECORDERS = frozenset(
    {Role.INSPECTOR, Role.SUPERVISOR, Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR}
)
ACTION_WRITE = Rule("action recorders", ACTION_RECORDERS)
ACTION_RECORD = Rule("staff read, action recorders write", ALL_ROLES, ACTION_RECORDERS)
# The quarterly report: the inspector drafts and submits, the supervisor returns or
# publishes; statistics are entered by the police; the akimat and the region read roll-ups.
REPORT_READ = WORKSPACE_READ
REPORT_EDIT = Rule("report authors", frozenset({Role.INSPECTOR, Role.ADMINISTRATOR}))
REPORT_RECORD = Rule(
    "police read, authors write",
    POLICE_ROLES,
    frozenset({Role.INSPECTOR, Role.ADMINISTRATOR}),
)
REPORT_REVIEW = Rule("report reviewers", frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}))
STATISTICS_WRITE = Rule(
    "statistics recorders", frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR})
)
ROLLUP_READ = Rule(
    "roll-up readers",
    frozenset(
        {
            Role.SUPERVISOR,
            Role.AKIMAT_REGISTRAR,
            Role.REGIONAL_REGISTRAR,
            Role.ADMINISTRATOR,
        }
    ),
)
# Volunteers (Law No. 42-VI) are kept by the akimat; the police read them.
VOLUNTEER_READ = REGISTER_READ
VOLUNTEER_WRITE = REGISTER_WRITE


def roles(*allowed: Role) -> Rule:
    return Rule("roles: " + ", ".join(sorted(allowed)), frozenset(allowed))


# URL namespaces whose views declare their own access; the access-matrix test checks them too.
NAMESPACE_RULES = {
    # Django admin admits staff users only, and only administrators are staff (see User.save).
    "admin": roles(Role.ADMINISTRATOR),
}


def guard(rule: Rule):
    """Declare and enforce the access rule of a function or class-based view."""

    def decorate(view):
        if isinstance(view, type):
            original = view.dispatch

            @functools.wraps(original)
            def dispatch(self, request, *args, **kwargs):
                return rule.deny(request) or original(self, request, *args, **kwargs)

            view.dispatch = dispatch
            view.access_rule = rule
            return view

        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            return rule.deny(request) or view(request, *args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorate


def rule_of(callback):
    """The rule declared for a resolved URL callback, or None."""
    view_class = getattr(callback, "view_class", None)
    return getattr(view_class, "access_rule", None) or getattr(callback, "access_rule", None)


# --- object scope --------------------------------------------------------------------------


def _path(prefix, lookup):
    return "__".join(p for p in (prefix, lookup) if p) or "pk"


def _territory_q(user, *, beat=None, area=None, police_area=False) -> Q | None:
    """A filter for the user's territory, given the model's lookup paths to Beat and Area.

    Returns None for "everything" and an always-false filter for "nothing".
    """
    nothing = Q(pk__in=[])
    if not (user.is_authenticated and user.is_active):
        return nothing
    if user.role == Role.ADMINISTRATOR or user.is_superuser:
        return None
    if user.role == Role.INSPECTOR and beat is not None:
        return Q(**{_path(beat, "inspector"): user.pk})
    if user.role == Role.SUPERVISOR and beat is not None and user.department_id:
        return Q(**{_path(beat, "police_point__department"): user.department_id})
    police = user.role in (Role.INSPECTOR, Role.SUPERVISOR)
    if police and beat is None and police_area and area is not None and user.department_id:
        # Area-wide records the police work with (partners, councils, joint actions).
        return Q(**{_path(area, ""): user.department.area_id})
    area_roles = (Role.AKIMAT_REGISTRAR, Role.COUNCIL_SECRETARY)
    if user.role in area_roles and area is not None and user.area_id:
        return Q(**{_path(area, ""): user.area_id})
    if user.role == Role.REGIONAL_REGISTRAR and area is not None and user.region_id:
        return Q(**{_path(area, "region"): user.region_id})
    return nothing


def scoped(user, queryset: QuerySet) -> QuerySet:
    """The part of `queryset` the user may see."""
    paths = getattr(queryset.model, "territory_paths", None)
    if paths is None:
        raise TypeError(f"{queryset.model.__name__} declares no territory_paths")
    allowed_roles = getattr(queryset.model, "policy_roles", None)
    if allowed_roles is not None and not (user.is_authenticated and user.role in allowed_roles):
        return queryset.none()
    police_area = getattr(queryset.model, "police_area_visible", False)
    condition = _territory_q(user, **paths, police_area=police_area)
    return queryset if condition is None else queryset.filter(condition)


def shared_areas(user):
    """The areas whose area-wide shared records (police_area_visible) the user sees."""
    from districts.models import Area

    condition = _territory_q(user, area="", police_area=True)
    return Area.objects.all() if condition is None else Area.objects.filter(condition)


def get_scoped_or_404(user, queryset: QuerySet, **lookup):
    """One object from the user's scope; a 404 for anything else, even if it exists."""
    try:
        return scoped(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def can_view(user, obj) -> bool:
    return scoped(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


# Which roles may change records of each kind, within their scope.
CHANGE_ROLES = {
    "districts.region": frozenset({Role.ADMINISTRATOR}),
    "districts.area": frozenset({Role.ADMINISTRATOR}),
    "districts.policedepartment": frozenset({Role.ADMINISTRATOR}),
    "districts.policepoint": frozenset({Role.ADMINISTRATOR}),
    "districts.beat": frozenset({Role.ADMINISTRATOR}),
    "districts.beatstreet": frozenset({Role.ADMINISTRATOR}),
    **dict.fromkeys(
        [
            "districts.meeting",
            "districts.proposal",
            "districts.doortodoorround",
            "districts.preventivevisit",
            "districts.problemspot",
            "districts.problemmeasure",
            "districts.appeal",
            "districts.servicerecord",
            "districts.trustcase",
            "districts.workplanitem",
            "districts.checklistmark",
        ],
        WORK_RECORDERS,
    ),
    **dict.fromkeys(
        [
            "volunteers.assistant",
            "volunteers.certificate",
            "volunteers.training",
            "volunteers.commissiondecision",
            "volunteers.encouragement",
            "volunteers.budgetline",
            "volunteers.volunteer",
            "volunteers.volunteergroup",
            "volunteers.volunteeractivity",
        ],
        REGISTRARS,
    ),
    "reports.quarterlyreport": frozenset({Role.INSPECTOR, Role.ADMINISTRATOR}),
    "reports.offencestatistic": frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    # The supervising inspector logs an assistant's duty.
    "volunteers.duty": frozenset({Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR}),
    **dict.fromkeys(
        [
            "councils.publiccouncil",
            "councils.councilmember",
            "councils.councilsession",
            "councils.sessiondecision",
            "councils.recommendation",
        ],
        frozenset({Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR}),
    ),
    **dict.fromkeys(
        ["councils.partnerorganization", "councils.jointaction"],
        ACTION_RECORDERS,
    ),
}


def can_see_personal_data(user, obj) -> bool:
    """IIN, home address, phone, birth date and photo: the registrars of the record's area
    and administrators only; everyone else sees them masked."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_administrator:
        return True
    return (
        user.role == Role.AKIMAT_REGISTRAR
        and bool(user.area_id)
        and (user.area_id == getattr(obj, "area_id", None))
    )


def can_change(user, obj) -> bool:
    allowed = CHANGE_ROLES.get(obj._meta.label_lower, frozenset())
    return bool(user.is_authenticated and user.role in allowed and can_view(user, obj))
