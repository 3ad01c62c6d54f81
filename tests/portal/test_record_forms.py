"""Every create form of the portal: an empty submit is summarised at the top of the form,
and after saving any record the user lands on that record, with the success message.

The walk takes every create view of the portal (a CreateView, or a view listed in
FUNCTION_CREATE_VIEWS), opens its form as a user who may write, fills it in the way a user
would (the form's own initial values, else the first choice of each list, a date in the
past, a number within the bounds), posts it and checks that the answer leads to the new
record's page: its `get_absolute_url` (the record's page, its form where it has none, or
its row on the page of the record it belongs to). The same data is then posted to the
record's edit page, where there is one, and must land on the record again.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.views.generic import CreateView

from portal import policy
from portal.models import Role
from tests.factories import (
    AssistantFactory,
    BudgetLineFactory,
    CouncilFactory,
    MemberFactory,
    SessionFactory,
    VolunteerFactory,
    active_assistant,
    valid_iin,
)
from tests.uploads import png_bytes
from tests.url_samples import SAMPLE_KWARGS
from volunteers.models import TrainingKind, Volunteer


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def stock(world):
    """What the lists of the forms choose from: assistants (active and registered), a
    council and a volunteer of the world's area."""
    active_assistant(world.beat)
    AssistantFactory(beat=world.beat, status="registered")
    CouncilFactory(department=world.department)
    VolunteerFactory(area=world.area)


# Create views written as functions: url name → the model of what they create.
FUNCTION_CREATE_VIEWS = {
    "assistant-apply": "volunteers.Assistant",
    "certificate-issue": "volunteers.Certificate",
    "encouragement-create": "volunteers.Encouragement",
    "problem-measure-create": "districts.ProblemMeasure",
    "sessiondecision-create": "councils.SessionDecision",
    "action-photo-create": "councils.JointActionPhoto",
}
# Who fills the form, in order of preference among the roles that may.
ROLE_PREFERENCE = (
    Role.INSPECTOR,
    Role.AKIMAT_REGISTRAR,
    Role.COUNCIL_SECRETARY,
    Role.SUPERVISOR,
    Role.ADMINISTRATOR,
)
TODAY = timezone.localdate


def create_views():
    for pattern in get_resolver().url_patterns:
        yield from _walk(pattern)


def _walk(entry):
    if hasattr(entry, "url_patterns"):
        if getattr(entry, "namespace", None) == "admin":
            return
        for child in entry.url_patterns:
            yield from _walk(child)
        return
    view_class = getattr(entry.callback, "view_class", None)
    is_create = view_class is not None and issubclass(view_class, CreateView)
    if entry.name and (is_create or entry.name in FUNCTION_CREATE_VIEWS):
        yield entry.name, entry.callback


CREATE_VIEWS = dict(create_views())


def test_the_walk_finds_every_create_view():
    named = {name for name in _all_names() if name.endswith("-create")} | {"assistant-apply"}
    assert named - set(CREATE_VIEWS) == set()
    assert len(CREATE_VIEWS) >= 25


def _all_names():
    def walk(entry):
        if hasattr(entry, "url_patterns"):
            if getattr(entry, "namespace", None) == "admin":
                return
            for child in entry.url_patterns:
                yield from walk(child)
        elif entry.name:
            yield entry.name

    for pattern in get_resolver().url_patterns:
        yield from walk(pattern)


# --- filling a form as a user would ----------------------------------------------------------


def _first_choice(field):
    for value, _label in field.choices:
        if value not in ("", None):
            return getattr(value, "value", value)
    return None


def fill(form):
    """POST data for a form: its initial values, else a plausible value for each field."""
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        initial = form.get_initial_for_field(field, name)
        if field.disabled:
            continue
        if isinstance(field, forms.FileField):
            continue  # files go in `files`
        if initial not in (None, "", []):
            value = initial
        elif not field.required:
            many = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
            if isinstance(field, many):
                continue  # nothing ticked: the browser sends nothing
            value = ""
        elif isinstance(field, forms.ModelMultipleChoiceField):
            first = field.queryset.first()
            value = [first.pk] if first is not None else []
        elif isinstance(field, forms.ModelChoiceField):
            first = field.queryset.first()
            value = "" if first is None else getattr(first, field.to_field_name or "pk")
        elif isinstance(field, forms.MultipleChoiceField):
            value = [_first_choice(field)]
        elif isinstance(field, forms.ChoiceField):
            value = _first_choice(field)
        elif isinstance(field, forms.BooleanField):
            value = "on"
        elif isinstance(field, forms.DateTimeField):
            moment = timezone.localtime() - datetime.timedelta(hours=2)
            value = moment.strftime("%Y-%m-%dT%H:%M")
        elif isinstance(field, forms.DateField):
            value = TODAY().isoformat()
        elif isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
            value = field.min_value if field.min_value is not None else 1
            value = max(Decimal(str(value)), Decimal(1))
        elif isinstance(field, forms.EmailField):
            value = "partner@example.kz"
        elif isinstance(field, forms.URLField):
            value = "https://example.kz"
        elif isinstance(field, forms.CharField):
            value = "Тексеру: проверка"
        else:
            value = ""
        if isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime.datetime):
            data[key] = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, datetime.date):
            data[key] = value.isoformat()
        elif isinstance(value, bool):
            data[key] = "on" if value else ""
        else:
            data[key] = getattr(value, "pk", value)
    return data


def fill_files(form):
    files = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) and field.required:
            files[form.add_prefix(name)] = SimpleUploadedFile(
                "photo.png", png_bytes(), content_type="image/png"
            )
    return files


def management_data(formset):
    prefix = formset.prefix
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# --- what some forms need in the world first -------------------------------------------------


def _registered(world):
    return {"pk": AssistantFactory(beat=world.beat, status="registered").pk}


def _decision_with_a_budget(world):
    BudgetLineFactory(area=world.area)
    return SAMPLE_KWARGS["encouragement-create"](world)


def _held_session(world):
    council = CouncilFactory(department=world.department)
    members = [MemberFactory(council=council) for _ in range(3)]
    session = SessionFactory(council=council, held_at=timezone.now() - datetime.timedelta(days=1))
    session.present.set(members)
    return {"pk": session.pk}


# Function views whose form lives on the page of the record it belongs to: GET leads there,
# and the page names the form so.
FORM_ON_PAGE = {
    "action-photo-create": "photo_form",
    "problem-measure-create": "measure_form",
}
SETUP = {
    "certificate-issue": _registered,
    "encouragement-create": _decision_with_a_budget,
    "sessiondecision-create": _held_session,
}
# Answers a plausible filler cannot guess; field → value, per url name.
PHONE = "+7 701 000 00 11"
OVERRIDES = {
    "assistant-apply": lambda world: {
        "iin": valid_iin(datetime.date(1992, 5, 17), start=500),
        "phone": PHONE,
    },
    "volunteer-create": lambda world: {"phone": PHONE, "birth_date": "2000-01-01"},
    "volunteergroup-create": lambda world: {"phone": PHONE},
    "volunteeractivity-create": lambda world: {
        "volunteer": Volunteer.objects.filter(area=world.area).first().pk
    },
    "meeting-create": lambda world: {"attendance": "12"},
    "preventive-create": lambda world: {"reference": "ПУ-0012"},
    "training-create": lambda world: {"kind": TrainingKind.ART7_BRIEFING},
    "encouragement-create": lambda world: {
        "kind": "money",
        "amount_kzt": "10000",
        "amount_mrp": "",
        "resolution_number": "17",
    },
}


def form_tags(html):
    return re.findall(r"<form\b[^>]*>", html)


@pytest.mark.parametrize("name", sorted(CREATE_VIEWS))
def test_an_empty_submit_is_summarised_with_links_to_the_fields(client, world, stock, name):
    callback = CREATE_VIEWS[name]
    client.force_login(writer(world, name, callback))
    setup = SETUP.get(name) or SAMPLE_KWARGS.get(name)
    url = reverse(name, kwargs=setup(world) if setup else {})
    page = client.get(url, follow=name in FORM_ON_PAGE)
    assert all("novalidate" in tag for tag in form_tags(page.content.decode()))
    # What a browser sends with every field left empty: the token and nothing else.
    response = client.post(url, {"csrfmiddlewaretoken": "token"})
    assert response.status_code in (200, 400), response.status_code
    html = response.content.decode()
    form = response.context[FORM_ON_PAGE.get(name, "form")]
    assert form.errors
    summary = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    assert summary, "no error summary"
    links = re.findall(r'href="#([^"]+)"', summary.group(0))
    assert links
    for anchor in links:
        assert f'id="{anchor}"' in html, f"#{anchor} leads nowhere"


def writer(world, name, callback):
    rule = policy.rule_of(callback)
    writers = policy.roles_for(rule.write or rule.read)
    role = next(role for role in ROLE_PREFERENCE if role in writers)
    return world.users[role]


def new_records(model, before):
    return list(model.objects.exclude(pk__in=before).order_by("pk"))


@pytest.mark.parametrize("name", sorted(CREATE_VIEWS))
def test_saving_a_new_record_lands_on_it(client, world, stock, name):
    from django.apps import apps

    callback = CREATE_VIEWS[name]
    client.force_login(writer(world, name, callback))
    setup = SETUP.get(name) or SAMPLE_KWARGS.get(name)
    kwargs = setup(world) if setup else {}
    url = reverse(name, kwargs=kwargs)
    page = client.get(url, follow=name in FORM_ON_PAGE)
    assert page.status_code == 200, page.status_code
    form = page.context[FORM_ON_PAGE.get(name, "form")]
    data = fill(form)
    if name in OVERRIDES:
        data.update(OVERRIDES[name](world))
    formset = page.context.get("formset")
    if formset is not None:
        data.update(management_data(formset))
    view_class = getattr(callback, "view_class", None)
    model = view_class.model if view_class is not None else None
    model = model or apps.get_model(FUNCTION_CREATE_VIEWS[name])
    before = list(model.objects.values_list("pk", flat=True))

    response = client.post(url, {**data, **fill_files(form)})

    errors = response.context and response.context.get("form") and response.context["form"].errors
    assert response.status_code == 302, errors
    created = new_records(model, before)
    assert len(created) == 1, created
    record = created[0]
    assert response.url == record.get_absolute_url()
    landing = client.get(response.url.split("#")[0])
    assert landing.status_code == 200
    assert [m.level_tag for m in landing.context["messages"]] in (["success"], ["warning"])
    if "#" in response.url:  # a record shown as a row of another record's page
        assert f'id="{response.url.split("#")[1]}"' in landing.content.decode()


EDIT_NAMES = {
    name.removesuffix("-create") + "-edit" for name in CREATE_VIEWS if name.endswith("-create")
}


def edit_views():
    for name in sorted(_all_names()):
        if name in EDIT_NAMES or name == "assistant-edit":
            yield name


@pytest.mark.parametrize("name", list(edit_views()))
def test_saving_an_edited_record_lands_on_it(client, world, stock, name):
    from django.urls import resolve

    kwargs = SAMPLE_KWARGS[name](world)
    url = reverse(name, kwargs=kwargs)
    callback = resolve(url).func
    client.force_login(writer(world, name, callback))
    page = client.get(url)
    if page.status_code == 302:  # a reader sent to the record: not a writer's page
        pytest.skip("no form for this user")
    form = page.context["form"]
    data = fill(form)
    formset = page.context.get("formset")
    if formset is not None:
        data.update(_existing_formset_data(formset))
    response = client.post(url, data)
    errors = response.context and response.context.get("form") and response.context["form"].errors
    assert response.status_code == 302, errors
    record = form.instance.__class__.objects.get(pk=form.instance.pk)
    assert response.url == record.get_absolute_url()
    landing = client.get(response.url)
    assert [m.level_tag for m in landing.context["messages"]] == ["success"]


def _existing_formset_data(formset):
    """The formset's rows as they are (an edit that leaves them alone)."""
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.initial_forms)),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.initial_forms)),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for row in formset.initial_forms:
        data.update(fill(row))
    return data
