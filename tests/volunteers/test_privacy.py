"""Masking of personal data: every role × every personal field, the mask formats and the
template tags."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from portal.models import Role
from tests.factories import AssistantFactory, UserFactory, valid_iin
from tests.uploads import png_bytes
from volunteers import privacy

BIRTH = datetime.date(1990, 1, 1)
IIN = valid_iin(BIRTH, "M", start=123)
PHONE = "+7 701 123 45 67"
ADDRESS = "ул. Абая, 10, кв. 5"

# Who looks, and whether they see the assistant's personal data as it is.
VIEWERS = [
    ("registrar_of_the_area", True),
    ("registrar_of_another_area", False),
    ("supervisor", False),
    ("inspector", False),
    ("regional_registrar", False),
    ("administrator", True),
]
# The masks as DESIGN.md states them; the IIN keeps its last four digits only (`********0123`).
MASKED = {
    "iin": "********" + IIN[-4:],
    "phone": "+7 701 *** ** 67",
    "address": privacy.HIDDEN,
    "birth_date": privacy.HIDDEN,
    "photo": None,
}


def viewer(world, name):
    return {
        "registrar_of_the_area": world.users[Role.AKIMAT_REGISTRAR],
        "registrar_of_another_area": UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.other_area),
        "supervisor": world.users[Role.SUPERVISOR],
        "inspector": world.users[Role.INSPECTOR],
        "regional_registrar": world.users[Role.REGIONAL_REGISTRAR],
        "administrator": world.users[Role.ADMINISTRATOR],
    }[name]


@pytest.fixture
def assistant(world):
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    return AssistantFactory(beat=world.beat, iin=IIN, phone=PHONE, address=ADDRESS, photo=photo)


@pytest.mark.parametrize(("who", "sees"), VIEWERS)
@pytest.mark.parametrize("field", ["iin", "phone", "address", "birth_date", "photo"])
def test_every_role_and_field(world, assistant, who, sees, field):
    user = viewer(world, who)
    value = privacy.masked(assistant, field, user)
    assert privacy.can_see(user, assistant) is sees
    if sees:
        assert value == getattr(assistant, field)
        if field == "photo":
            assert value.name.startswith("assistants/")
    elif field in ("address", "birth_date"):
        assert str(value) == str(privacy.HIDDEN)
    else:
        assert value == MASKED[field]


def test_fields_that_are_not_personal_pass_unchanged(world, assistant):
    inspector = world.users[Role.INSPECTOR]
    assert privacy.masked(assistant, "last_name", inspector) == assistant.last_name
    assert privacy.masked(assistant, "status", inspector) == "applied"


def test_anonymous_and_inactive_users_see_masks(world, assistant):
    from django.contrib.auth.models import AnonymousUser

    assert privacy.masked(assistant, "iin", AnonymousUser()) == MASKED["iin"]
    admin = world.users[Role.ADMINISTRATOR]
    admin.is_active = False
    assert privacy.masked(assistant, "iin", admin) == MASKED["iin"]


def test_an_empty_photo_is_none_for_everyone(world):
    plain = AssistantFactory(beat=world.beat)
    for who, _sees in VIEWERS:
        assert privacy.masked(plain, "photo", viewer(world, who)) is None


def test_volunteer_phone_and_birth_date_are_masked_by_the_same_rule(world):
    from volunteers.models import Volunteer

    volunteer = Volunteer(
        last_name="Ким",
        first_name="Алина",
        birth_date=datetime.date(2005, 3, 3),
        phone="87011234567",
        area=world.area,
    )
    assert privacy.masked(volunteer, "phone", world.users[Role.INSPECTOR]) == "+7 701 *** ** 67"
    hidden = privacy.masked(volunteer, "birth_date", world.users[Role.SUPERVISOR])
    assert str(hidden) == str(privacy.HIDDEN)
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    assert privacy.masked(volunteer, "phone", registrar) == "87011234567"


@pytest.mark.parametrize(
    ("phone", "mask"),
    [
        ("+7 701 123 45 67", "+7 701 *** ** 67"),
        ("87011234567", "+7 701 *** ** 67"),
        ("+7 (727) 250-11-02", "+7 727 *** ** 02"),
        ("7011234567", "+7 701 *** ** 67"),
        ("25-11-02", "*** ** 02"),
        ("12", "***"),
        ("", ""),
    ],
)
def test_phone_mask(phone, mask):
    assert privacy.mask_phone(phone) == mask


# --- template tags ---------------------------------------------------------------------------


def render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load personal_data %}" + template).render(
        Context({"request": request, **context})
    )


def test_pii_tag_masks_for_the_inspector_and_shows_to_the_registrar(world, assistant):
    template = '{% pii a "iin" %}|{% pii a "phone" %}|{% pii a "birth_date" %}'
    masked = render(template, world.users[Role.INSPECTOR], a=assistant)
    assert masked.split("|")[:2] == [MASKED["iin"], MASKED["phone"]]
    assert IIN not in masked and ADDRESS not in masked
    assert IIN[:6] not in masked and "01.01.1990" not in masked  # no birth date either way
    shown = render(template, world.users[Role.AKIMAT_REGISTRAR], a=assistant)
    assert shown.split("|") == [IIN, PHONE, "01.01.1990"]


def test_pii_tag_escapes_values(world):
    assistant = AssistantFactory(beat=world.beat, address="<b>ул. Абая</b>")
    html = render('{% pii a "address" %}', world.users[Role.ADMINISTRATOR], a=assistant)
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_photo_filter_gives_the_guarded_address_only_to_those_who_may_see(world, assistant):
    template = "{{ a|pii_photo:request.user|default:'none' }}"
    assert render(template, world.users[Role.SUPERVISOR], a=assistant) == "none"
    url = reverse("assistant-photo", args=[assistant.pk])
    assert render(template, world.users[Role.AKIMAT_REGISTRAR], a=assistant) == url
    assert "/media/" not in url


def test_can_see_pii_tag(world, assistant):
    template = "{% can_see_pii a as show %}{{ show }}"
    assert render(template, world.users[Role.REGIONAL_REGISTRAR], a=assistant) == "False"
    assert render(template, world.users[Role.ADMINISTRATOR], a=assistant) == "True"
