"""The one place that decides who may do what: `may(user, action, obj=None)`.

* **Actions.** An action names a kind of work ("workspace.record", "register.view",
  "report.review"). `PERMISSIONS` lists, for each action, the roles that may do it; it is
  the only table of roles in the portal. A public action (`None`) is open to anyone,
  anonymous visitors included. Asking about an action the table does not know is a
  programming error and raises `KeyError`.
* **Objects.** Asked about an object, `may` also requires that the object lies in the
  user's territory. A model takes part by declaring `territory_paths`: the lookup path
  from it to a Beat and/or to an Area (`""` for the model itself). A model may declare
  `view_action`, the action needed to see records of that kind at all (preventive visits
  are the police's alone, whatever an akimat user's territory), and
  `police_area_visible = True` when an area-wide record is shared with the police of that
  area (their department's area). A record that may name no beat (a resident's interest
  in the register) declares `police_area_without_beat = True`: without a beat it is for
  the police of its area. Personal data has its own, stricter object rule: the
  registrars of the record's area.
* **Many objects.** `scoped(user, queryset)` narrows a queryset to the same territory;
  `get_scoped_or_404` turns an outsider's guess of an id or code into a 404, so it
  reveals nothing.
* **Views.** Every view is declared with `guard(action, write=...)`: the action needed to
  open it and, when different, the action needed to send anything but GET/HEAD/OPTIONS.
  Anonymous users are sent to the login page, a wrong role gets 403. The access-matrix
  test walks every URL pattern and fails for a view without a declared rule.
* **Templates** ask the same question with `{% may "action" obj as allowed %}`
  (`portal/templatetags/policy.py`).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from portal.models import Role

INSPECTOR = Role.INSPECTOR
SUPERVISOR = Role.SUPERVISOR
AKIMAT = Role.AKIMAT_REGISTRAR
REGIONAL = Role.REGIONAL_REGISTRAR
SECRETARY = Role.COUNCIL_SECRETARY
ADMIN = Role.ADMINISTRATOR

EVERYONE = None  # anonymous visitors included


def _roles(*roles):
    return frozenset(roles)


ALL_STAFF = _roles(*Role)
POLICE = _roles(INSPECTOR, SUPERVISOR, ADMIN)
REGISTER_READERS = _roles(INSPECTOR, SUPERVISOR, AKIMAT, REGIONAL, ADMIN)

# action -> the roles that may do it (EVERYONE: anyone at all).
PERMISSIONS: dict[str, frozenset | None] = {
    "site.view": EVERYONE,
    "staff.view": ALL_STAFF,
    "admin.view": _roles(ADMIN),
    # The audit log of changes and of views of personal data: administrators read it.
    "audit.view": _roles(ADMIN),
    # Each role's start page.
    "start.inspector": _roles(INSPECTOR),
    "start.supervisor": _roles(SUPERVISOR),
    "start.akimat": _roles(AKIMAT),
    "start.region": _roles(REGIONAL),
    "start.secretary": _roles(SECRETARY),
    # The council secretary's overview, which an administrator may open too.
    "councils.overview": _roles(SECRETARY, ADMIN),
    # Every department's overview, for an administrator who picks one.
    "department.overview": _roles(ADMIN),
    # The inspector's workspace: read by the police, written by the beat's inspector.
    "workspace.view": POLICE,
    "workspace.record": _roles(INSPECTOR, ADMIN),
    # The Law No. 590 register. The police take applications and check records; the
    # akimat registers, issues certificates and keeps the record; the region reads its
    # areas. Council secretaries have no business in it.
    "register.view": REGISTER_READERS,
    "register.record": _roles(AKIMAT, ADMIN),
    "register.apply": _roles(INSPECTOR, SUPERVISOR, ADMIN),
    # Residents' interest in becoming an assistant or volunteer, sent from the public site:
    # the police who take applications call them back.
    "register.leads": _roles(INSPECTOR, SUPERVISOR, ADMIN),
    # Finding a record by its full IIN: only those who see IINs unmasked, so the mask can
    # not be searched around (volunteers/views/iin_lookup.py).
    "register.find_by_iin": _roles(AKIMAT, ADMIN),
    "register.check": _roles(SUPERVISOR, ADMIN),
    "register.regional": _roles(REGIONAL, ADMIN),
    # The supervising inspector logs an assistant's duty.
    "duty.record": _roles(INSPECTOR, SUPERVISOR, ADMIN),
    # Commission decisions and the encouragement budget are the akimat's own business.
    "encouragement.view": _roles(AKIMAT, REGIONAL, ADMIN),
    # IIN, home address, phone, birth date and photo (see `_same_area`).
    "personal_data.view": _roles(AKIMAT, ADMIN),
    # Volunteers (Law No. 42-VI) are kept by the akimat; the police read them.
    "volunteer.view": REGISTER_READERS,
    "volunteer.record": _roles(AKIMAT, ADMIN),
    # Public councils are run by their secretary; partner organisations and joint actions
    # are shared within an area and recorded by the police and the council secretary.
    "council.view": ALL_STAFF,
    "council.record": _roles(SECRETARY, ADMIN),
    "action.record": _roles(INSPECTOR, SUPERVISOR, SECRETARY, ADMIN),
    # The quarterly report: the inspector drafts and submits, the supervisor returns or
    # publishes; statistics are entered by the police; the akimat and the region read
    # the roll-ups.
    "report.view": POLICE,
    "report.write": _roles(INSPECTOR, ADMIN),
    "report.review": _roles(SUPERVISOR, ADMIN),
    "statistics.record": _roles(INSPECTOR, SUPERVISOR, ADMIN),
    "rollup.view": _roles(SUPERVISOR, AKIMAT, REGIONAL, ADMIN),
    # Effectiveness indicators: the inspector reads their own, the heads and the akimats
    # their territory; targets per area are set by an administrator.
    "indicators.view": _roles(INSPECTOR, SUPERVISOR, AKIMAT, REGIONAL, ADMIN),
    "indicators.targets": _roles(ADMIN),
    # The residents' trust survey of a beat: its police print the report-meeting notice
    # with the survey's QR code and decide which comments may be published.
    "trust.notice": POLICE,
    "trust.moderate": POLICE,
    # Territory itself (regions ... beats and streets) is kept in the Django admin.
    "territory.change": _roles(ADMIN),
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def roles_for(action: str) -> frozenset | None:
    """The roles that may do `action` (None: everyone)."""
    return PERMISSIONS[action]


def _acting_role(user):
    """The user's role for access, or None for anonymous and inactive users."""
    if not (user.is_authenticated and user.is_active):
        return None
    return ADMIN if user.is_superuser else user.role


def may(user, action: str, obj=None) -> bool:
    """Whether `user` may do `action` (on `obj`, when given: it must be in their territory)."""
    allowed = roles_for(action)
    if allowed is None:
        return True
    if _acting_role(user) not in allowed:
        return False
    if obj is None:
        return True
    object_rule = OBJECT_RULES.get(action, in_scope)
    return object_rule(user, obj)


# --- views -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who may open a view: the `read` action for GET/HEAD/OPTIONS, `write` for the rest."""

    read: str
    write: str | None = None

    def __post_init__(self):
        for action in (self.read, self.write):
            if action is not None:
                roles_for(action)  # an unknown action fails at import time

    def action_for(self, method="GET") -> str:
        return self.read if method in SAFE_METHODS or self.write is None else self.write

    @property
    def is_public(self):
        return roles_for(self.read) is None

    def allows(self, user, method="GET"):
        return may(user, self.action_for(method))

    def deny(self, request):
        """The response for a request this rule refuses, or None when it is allowed."""
        if self.allows(request.user, request.method):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


# URL namespaces whose views declare their own access; the access-matrix test checks them too.
NAMESPACE_RULES = {
    # Django admin admits staff users only, and only administrators are staff (see User.save).
    "admin": Rule("admin.view"),
}


def guard(action: str, *, write: str | None = None):
    """Declare and enforce who may open a function or class-based view."""
    rule = Rule(action, write)

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


def rule_of(callback) -> Rule | None:
    """The rule declared for a resolved URL callback, or None."""
    view_class = getattr(callback, "view_class", None)
    return getattr(view_class, "access_rule", None) or getattr(callback, "access_rule", None)


# --- territory -------------------------------------------------------------------------------


def _path(prefix, lookup):
    return "__".join(p for p in (prefix, lookup) if p) or "pk"


def _territory_q(user, *, beat=None, area=None, police_area=False) -> Q | None:
    """A filter for the user's territory, given the model's lookup paths to Beat and Area.

    Returns None for "everything" and an always-false filter for "nothing".
    """
    nothing = Q(pk__in=[])
    role = _acting_role(user)
    if role is None:
        return nothing
    if role == ADMIN:
        return None
    if role == INSPECTOR and beat is not None:
        return Q(**{_path(beat, "inspector"): user.pk})
    if role == SUPERVISOR and beat is not None and user.department_id:
        return Q(**{_path(beat, "police_point__department"): user.department_id})
    police = role in (INSPECTOR, SUPERVISOR)
    if police and beat is None and police_area and area is not None and user.department_id:
        # Area-wide records the police work with (partners, councils, joint actions).
        return Q(**{_path(area, ""): user.department.area_id})
    if role in (AKIMAT, SECRETARY) and area is not None and user.area_id:
        return Q(**{_path(area, ""): user.area_id})
    if role == REGIONAL and area is not None and user.region_id:
        return Q(**{_path(area, "region"): user.region_id})
    return nothing


def scoped(user, queryset: QuerySet, *, shared: bool | None = None) -> QuerySet:
    """The part of `queryset` the user may see.

    `shared=True` reads the rows as area-wide records the police share (whatever the
    model's own `police_area_visible`): e.g. the areas whose partners a user works with.
    """
    model = queryset.model
    paths = getattr(model, "territory_paths", None)
    if paths is None:
        raise TypeError(f"{model.__name__} declares no territory_paths")
    view_action = getattr(model, "view_action", None)
    if view_action is not None and not may(user, view_action):
        return queryset.none()
    police_area = getattr(model, "police_area_visible", False) if shared is None else shared
    condition = _territory_q(user, **paths, police_area=police_area)
    if condition is not None and getattr(model, "police_area_without_beat", False):
        condition |= _beatless_for_area_police(user, **paths)
    return queryset if condition is None else queryset.filter(condition)


def _beatless_for_area_police(user, *, beat, area) -> Q:
    """Records that name no beat, for the police of their area (their department's area)."""
    if _acting_role(user) not in (INSPECTOR, SUPERVISOR) or not user.department_id:
        return Q(pk__in=[])
    return Q(**{f"{beat}__isnull": True, _path(area, ""): user.department.area_id})


def get_scoped_or_404(user, queryset: QuerySet, **lookup):
    """One object from the user's scope; a 404 for anything else, even if it exists."""
    try:
        obj = scoped(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    return found_in_scope(user, obj)


def found_in_scope(user, obj):
    """Remember that `obj` was read through `scoped(user, ...)`, so `may` asks no query."""
    obj._policy_in_scope_of = user.pk
    return obj


def in_scope(user, obj) -> bool:
    """Whether `obj` lies in the user's territory (and its kind is open to the user's role)."""
    if getattr(obj, "_policy_in_scope_of", None) == user.pk and user.pk is not None:
        return True
    return scoped(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def _same_area(user, obj) -> bool:
    """Personal data: the registrars of the record's own area (administrators everywhere).

    No query: compares the user's area with `obj.area_id`, so lists can ask per row.
    """
    if _acting_role(user) == ADMIN:
        return True
    return bool(user.area_id) and user.area_id == getattr(obj, "area_id", None)


# Actions whose object rule is stricter than "in the user's territory".
OBJECT_RULES: dict[str, Callable] = {
    "personal_data.view": _same_area,
}
