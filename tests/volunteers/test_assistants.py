"""The assistants' register through its pages: application, list, record page, every
lifecycle action, contact data, scope, masking, history and the start-page deadlines."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import Role
from portal.periods import add_working_days
from tests.builders.people import APPLICANT_IIN, application
from tests.clients import as_role
from tests.dates import days
from tests.factories import (
    AssistantFactory,
    BeatFactory,
    PolicePointFactory,
    UserFactory,
    valid_iin,
)
from tests.uploads import png_bytes
from volunteers.forms.assistants import AssistantContactForm
from volunteers.models import Assistant, AssistantStatus, Certificate, Duty, Training, TrainingKind
from volunteers.services import lifecycle

TODAY = timezone.localdate


def login(client, user):
    client.force_login(user)
    return client


def detail_url(assistant):
    return reverse("assistant-detail", args=[assistant.pk])


def step_url(step, assistant):
    return reverse(f"assistant-{step}", args=[assistant.pk])


def status_of(assistant):
    return Assistant.objects.get(pk=assistant.pk).status


def error_codes(response, field="iin"):
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- the application -------------------------------------------------------------------------

IIN = APPLICANT_IIN


def test_apply_form_defaults_to_today_and_the_inspectors_beats(client, world):
    as_role(client, world, Role.INSPECTOR)
    form = client.get(reverse("assistant-apply")).context["form"]
    assert list(form.fields["beat"].queryset) == [world.beat]
    assert form.initial["beat"] == world.beat.pk
    assert form.fields["applied_on"].initial == TODAY()
    assert form.fields["consent_given_on"].initial == TODAY()
    assert form.fields["consent"].required


def test_inspector_records_an_application(client, world):
    as_role(client, world, Role.INSPECTOR)
    photo = SimpleUploadedFile("Нурланов.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("assistant-apply"), application(world, photo=photo))
    assistant = Assistant.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(assistant)
    assert assistant.status == AssistantStatus.APPLIED
    assert assistant.area == world.area  # derived from the beat
    assert assistant.birth_date == datetime.date(1992, 5, 17)
    assert assistant.forms == ["patrols", "raids"]
    assert assistant.consent_given_on == TODAY()
    # The stored file name says nothing about the person.
    assert "Нурланов" not in assistant.photo.name
    assert assistant.photo.name.startswith("assistants/")
    assert assistant.history.get().history_user == world.inspector


def test_spaces_in_the_iin_are_ignored(client, world):
    as_role(client, world, Role.SUPERVISOR)
    spaced = f"{IIN[:6]} {IIN[6:]}"
    client.post(reverse("assistant-apply"), application(world, iin=spaced))
    assert Assistant.objects.get().iin == IIN


def wrong_check_digit(iin):
    return iin[:11] + str((int(iin[11]) + 1) % 10)


@pytest.mark.parametrize(
    ("iin", "code"),
    [
        ("12345", "iin_format"),
        ("90010130012a", "iin_format"),
        ("901301300123", "iin_date"),  # month 13
        ("900230300123", "iin_date"),  # 30 February
        ("900101700123", "iin_century"),
        (wrong_check_digit(IIN), "iin_check"),
        ("", "required"),
    ],
)
def test_a_bad_iin_is_refused_next_to_the_field(client, world, iin, code):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse("assistant-apply"), application(world, iin=iin))
    assert response.status_code == 200
    assert code in error_codes(response)
    assert Assistant.objects.count() == 0


def test_under_age_is_refused(client, world):
    as_role(client, world, Role.INSPECTOR)
    young = valid_iin(TODAY().replace(year=TODAY().year - 17))
    response = client.post(reverse("assistant-apply"), application(world, iin=young))
    assert error_codes(response) == ["under_age"]
    assert Assistant.objects.count() == 0


def test_duplicate_live_iin_in_the_users_territory_is_refused(client, world):
    AssistantFactory(beat=world.beat, iin=IIN, status=AssistantStatus.ACTIVE)
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse("assistant-apply"), application(world))
    assert response.status_code == 200
    assert error_codes(response) == ["duplicate"]
    assert response.context["form"].errors["iin"][0]  # a (translated) message on the field
    assert Assistant.objects.count() == 1


def test_the_form_says_nothing_of_a_registration_outside_the_users_territory(client, world):
    """The answer is the same as for an IIN nobody holds: the application is taken, and
    the registrar who keeps the other registration sees it in their queue."""
    AssistantFactory(beat=world.other_beat, iin=IIN, status=AssistantStatus.ACTIVE)
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse("assistant-apply"), application(world))
    assert response.status_code == 302
    assert Assistant.objects.filter(iin=IIN, beat=world.beat).exists()


def test_a_refused_iin_may_apply_again(client, world):
    AssistantFactory(beat=world.far_beat, iin=IIN, status=AssistantStatus.REFUSED)
    as_role(client, world, Role.INSPECTOR)
    assert client.post(reverse("assistant-apply"), application(world)).status_code == 302
    assert Assistant.objects.filter(iin=IIN).count() == 2


def test_missing_fields_save_nothing(client, world):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse("assistant-apply"), {})
    errors = response.context["form"].errors
    for field in ("last_name", "first_name", "iin", "phone", "address", "beat", "forms"):
        assert field in errors
    assert "consent" in errors
    assert Assistant.objects.count() == 0


def test_consent_is_required(client, world):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse("assistant-apply"), application(world, consent=""))
    assert "consent" in response.context["form"].errors
    assert Assistant.objects.count() == 0


def test_a_beat_outside_the_users_scope_is_refused(client, world):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(
        reverse("assistant-apply"), application(world, beat=world.colleague_beat.pk)
    )
    assert "beat" in response.context["form"].errors
    assert Assistant.objects.count() == 0


def test_future_application_dates_are_refused(client, world):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(
        reverse("assistant-apply"), application(world, applied_on=days(3).isoformat())
    )
    assert "applied_on" in response.context["form"].errors
    assert Assistant.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10), None),
        ("notes.png", b"this is not an image", "invalid_image"),
    ],
)
def test_bad_photos_are_refused(client, world, name, content, code):
    as_role(client, world, Role.INSPECTOR)
    photo = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(reverse("assistant-apply"), application(world, photo=photo))
    assert "photo" in response.context["form"].errors
    assert Assistant.objects.count() == 0


def test_a_large_real_image_is_refused_by_size(client, world, monkeypatch):
    from volunteers.forms import assistants as forms

    monkeypatch.setattr(forms, "PHOTO_MAX_BYTES", 10)
    as_role(client, world, Role.INSPECTOR)
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("assistant-apply"), application(world, photo=photo))
    assert error_codes(response, "photo") == ["photo_size"]
    assert Assistant.objects.count() == 0


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_only_the_police_take_applications(client, world, role):
    as_role(client, world, role)
    assert client.get(reverse("assistant-apply")).status_code == 403
    assert client.post(reverse("assistant-apply"), application(world)).status_code == 403
    assert Assistant.objects.count() == 0


# --- lifecycle actions -----------------------------------------------------------------------


def briefed(assistant):
    training = Training.objects.create(
        area=assistant.area, kind=TrainingKind.ART7_BRIEFING, date=TODAY(), held_by="Касымбеков М."
    )
    training.attendees.add(assistant)


def test_the_whole_lifecycle_through_the_pages(client, world):
    supervisor = world.users[Role.SUPERVISOR]
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    assistant = AssistantFactory(beat=world.beat, applied_on=days(-20), consent_given_on=days(-20))

    login(client, supervisor)
    page = client.get(detail_url(assistant))
    assert [o.step for o in page.context["actions"]] == ["petition", "refuse"]
    response = client.post(
        step_url("petition", assistant),
        {"petition-sent_on": days(-10).isoformat(), "petition-petition_number": "12/345"},
    )
    assert response.status_code == 302 and response.url == detail_url(assistant)
    assert status_of(assistant) == "petitioned"

    login(client, registrar)
    page = client.get(detail_url(assistant))
    assert [o.step for o in page.context["actions"]] == ["register"]
    client.post(step_url("register", assistant), {"register-registered_on": days(-5).isoformat()})
    assistant.refresh_from_db()
    assert assistant.status == "registered"
    assert assistant.registration_number.endswith("00001")
    page = client.get(detail_url(assistant))
    assert [o.step for o in page.context["actions"]] == ["issue_certificate", "deregister"]

    lifecycle.certificate_issue(assistant=assistant, user=registrar, issued_on=days(-4))
    response = client.post(step_url("activate", assistant), {})
    assert status_of(assistant) == "certified"  # no briefing yet
    assert response.status_code == 200
    assert messages_of(response)
    briefed(assistant)
    client.post(step_url("activate", assistant), {})
    assert status_of(assistant) == "active"

    client.post(
        step_url("suspend", assistant),
        {
            "suspend-suspended_on": TODAY().isoformat(),
            "suspend-reason": "Служебная проверка",
            "suspend-confirm": "on",
        },
    )
    assert status_of(assistant) == "suspended"
    client.post(step_url("resume", assistant), {})
    assert status_of(assistant) == "active"
    client.post(
        step_url("deregister", assistant),
        {
            "deregister-deregistered_on": TODAY().isoformat(),
            "deregister-ground": "own_application",
            "deregister-confirm": "on",
        },
    )
    assert status_of(assistant) == "deregistered"
    assert Certificate.objects.get().state == "revoked"

    page = client.get(detail_url(assistant))
    assert page.context["actions"] == []
    assert not page.context["can_edit"]
    statuses = [row.status for row in reversed(page.context["history"])]
    assert len(statuses) == 8
    users = [row.user for row in reversed(page.context["history"])]
    assert users[1] == supervisor and users[2] == registrar


def test_refusal_needs_reasons(client, world):
    assistant = AssistantFactory(beat=world.beat, applied_on=days(-3))
    as_role(client, world, Role.SUPERVISOR)
    data = {"refuse-refused_on": TODAY().isoformat(), "refuse-reason": " ", "refuse-confirm": "on"}
    response = client.post(step_url("refuse", assistant), data)
    assert response.status_code == 200
    assert status_of(assistant) == "applied"
    assert response.context["open_step"] == "refuse"
    data["refuse-reason"] = "Состоит на учёте у нарколога"
    client.post(step_url("refuse", assistant), data)
    assistant.refresh_from_db()
    assert assistant.status == "refused"
    assert assistant.refusal_reason == "Состоит на учёте у нарколога"


def test_a_petition_dated_in_the_future_is_refused_next_to_its_field(client, world):
    assistant = AssistantFactory(beat=world.beat, applied_on=days(-3))
    as_role(client, world, Role.SUPERVISOR)
    response = client.post(
        step_url("petition", assistant),
        {"petition-sent_on": days(2).isoformat(), "petition-petition_number": "1"},
    )
    form = {o.step: o.form for o in response.context["actions"]}["petition"]
    assert "sent_on" in form.errors
    assert status_of(assistant) == "applied"


def test_registering_an_applied_assistant_is_refused_with_a_message(client, world):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(
        step_url("register", assistant), {"register-registered_on": TODAY().isoformat()}
    )
    assert response.status_code == 200
    assert messages_of(response)
    assistant.refresh_from_db()
    assert assistant.status == "applied"
    assert assistant.registration_number == ""


@pytest.mark.parametrize(
    ("status", "step", "data"),
    [
        ("petitioned", "petition", {"petition-sent_on": "T", "petition-petition_number": "1"}),
        ("active", "resume", {}),
        ("applied", "activate", {}),
        (
            "suspended",
            "suspend",
            {"suspend-suspended_on": "T", "suspend-reason": "x", "suspend-confirm": "on"},
        ),
        (
            "applied",
            "deregister",
            {
                "deregister-deregistered_on": "T",
                "deregister-ground": "death",
                "deregister-confirm": "on",
            },
        ),
        ("deregistered", "resume", {}),
    ],
)
def test_impossible_steps_change_nothing(client, world, status, step, data):
    assistant = AssistantFactory(beat=world.beat, status=status, petition_sent_on=days(-3))
    as_role(client, world, Role.ADMINISTRATOR)
    data = {k: TODAY().isoformat() if v == "T" else v for k, v in data.items()}
    response = client.post(step_url(step, assistant), data)
    assert response.status_code == 200
    assert messages_of(response)
    assert status_of(assistant) == status


def test_deregistration_on_other_ground_needs_a_note(client, world):
    assistant = AssistantFactory(beat=world.beat, status="active")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    data = {
        "deregister-deregistered_on": TODAY().isoformat(),
        "deregister-ground": "other",
        "deregister-confirm": "on",
    }
    response = client.post(step_url("deregister", assistant), data)
    form = {o.step: o.form for o in response.context["actions"]}["deregister"]
    assert "note" in form.errors
    assert status_of(assistant) == "active"


@pytest.mark.parametrize(
    ("role", "step"),
    [
        (Role.INSPECTOR, "petition"),
        (Role.INSPECTOR, "refuse"),
        (Role.AKIMAT_REGISTRAR, "petition"),
        (Role.SUPERVISOR, "register"),
        (Role.SUPERVISOR, "deregister"),
        (Role.INSPECTOR, "suspend"),
        (Role.REGIONAL_REGISTRAR, "register"),
        (Role.COUNCIL_SECRETARY, "petition"),
    ],
)
def test_a_step_by_the_wrong_role_is_forbidden(client, world, role, step):
    status = "applied" if step in ("petition", "refuse") else "petitioned"
    assistant = AssistantFactory(beat=world.beat, status=status, petition_sent_on=days(-3))
    as_role(client, world, role)
    data = {
        "petition-sent_on": TODAY().isoformat(),
        "petition-petition_number": "1",
        "refuse-refused_on": TODAY().isoformat(),
        "refuse-reason": "x",
        "register-registered_on": TODAY().isoformat(),
        "suspend-suspended_on": TODAY().isoformat(),
        "suspend-reason": "x",
        "deregister-deregistered_on": TODAY().isoformat(),
        "deregister-ground": "death",
    }
    assert client.post(step_url(step, assistant), data).status_code == 403
    assert status_of(assistant) == status


def test_steps_outside_the_scope_are_404(client, world):
    other = AssistantFactory(beat=world.other_beat, status="petitioned", petition_sent_on=days(-3))
    applied = AssistantFactory(beat=world.other_beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(
        step_url("register", other), {"register-registered_on": TODAY().isoformat()}
    )
    assert response.status_code == 404
    as_role(client, world, Role.SUPERVISOR)
    response = client.post(
        step_url("petition", applied),
        {"petition-sent_on": TODAY().isoformat(), "petition-petition_number": "1"},
    )
    assert response.status_code == 404
    assert status_of(other) == "petitioned" and status_of(applied) == "applied"


def test_get_on_a_step_goes_to_the_record_page(client, world):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, Role.SUPERVISOR)
    response = client.get(step_url("petition", assistant))
    assert response.status_code == 302 and response.url == detail_url(assistant)
    assert status_of(assistant) == "applied"


def test_issue_certificate_link_only_when_possible(client, world):
    registered = AssistantFactory(beat=world.beat, status="registered")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    offers = {o.step: o for o in client.get(detail_url(registered)).context["actions"]}
    assert offers["issue_certificate"].url == reverse("certificate-issue", args=[registered.pk])
    as_role(client, world, Role.SUPERVISOR)
    assert client.get(detail_url(registered)).context["offers"] == []


# --- scope -----------------------------------------------------------------------------------


def test_inspector_sees_only_the_assistants_of_own_beats(client, world):
    mine = AssistantFactory(beat=world.beat)
    colleague = AssistantFactory(beat=world.colleague_beat)
    as_role(client, world, Role.INSPECTOR)
    assert client.get(detail_url(mine)).status_code == 200
    assert client.get(detail_url(colleague)).status_code == 404
    response = client.get(reverse("assistant-list"))
    assert list(response.context["object_list"]) == [mine]
    areas = response.context["filter"].form.fields["area"].queryset
    assert list(areas) == [world.area]
    assert (
        len(client.get(reverse("assistant-list"), {"area": world.area.pk}).context["object_list"])
        == 1
    )


def test_regional_registrar_reads_the_region_not_another(client, world):
    here = AssistantFactory(beat=world.beat)
    neighbour = AssistantFactory(beat=world.other_beat)
    far = AssistantFactory(beat=world.far_beat)
    as_role(client, world, Role.REGIONAL_REGISTRAR)
    assert client.get(detail_url(neighbour)).status_code == 200
    assert client.get(detail_url(far)).status_code == 404
    listed = set(client.get(reverse("assistant-list")).context["object_list"])
    assert listed == {here, neighbour}
    area_choices = client.get(reverse("assistant-list")).context["filter"].form.fields["area"]
    assert set(area_choices.queryset) == {world.area, world.other_area}


def test_akimat_registrar_sees_the_area(client, world):
    here = AssistantFactory(beat=world.colleague_beat)
    AssistantFactory(beat=world.other_beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    assert list(client.get(reverse("assistant-list")).context["object_list"]) == [here]


def test_council_secretary_has_no_access(client, world):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, Role.COUNCIL_SECRETARY)
    assert client.get(reverse("assistant-list")).status_code == 403
    assert client.get(detail_url(assistant)).status_code == 403


# --- list: filters and search ----------------------------------------------------------------


def test_filters(client, world):
    patrol = AssistantFactory(beat=world.beat, forms=["patrols"], status="active")
    raider = AssistantFactory(
        beat=world.colleague_beat, forms=["raids", "other"], last_name="Ахметов"
    )
    as_role(client, world, Role.SUPERVISOR)
    url = reverse("assistant-list")

    def found(**query):
        return list(client.get(url, query).context["object_list"])

    assert found(status="active") == [patrol]
    assert found(form="raids") == [raider]
    assert found(form="mass_events") == []
    assert found(beat=world.colleague_beat.pk) == [raider]
    assert found(q="ахмет") == [raider]


def test_the_search_box_finds_nobody_by_iin_and_says_why(client, world):
    """A masked IIN cannot be recovered by trying numbers in the search box, and no IIN
    is left in an address."""
    assistant = AssistantFactory(beat=world.beat)
    AssistantFactory(beat=world.beat)
    as_role(client, world, Role.INSPECTOR)
    spaced = f"{assistant.iin[:6]} {assistant.iin[6:]}"
    for typed in (assistant.iin, spaced):
        response = client.get(reverse("assistant-list"), {"q": typed})
        assert response.status_code == 200
        assert list(response.context["object_list"]) == []
        errors = response.context["filter"].form.errors.as_data()["q"]
        assert [e.code for e in errors] == ["iin_search"]
        with translation.override("en"):
            assert "Find by IIN" not in str(errors[0].message)  # not offered to a masked role
            assert "does not search the register by IIN" in str(errors[0].message)
    html = response.content.decode()
    assert "********" + assistant.iin[-4:] not in html  # nothing listed at all
    # A part of an IIN matches no field either.
    partial = client.get(reverse("assistant-list"), {"q": assistant.iin[:8]})
    assert list(partial.context["object_list"]) == []
    assert 'href="/staff/register/assistants/find-by-iin/"' not in html


def test_search_by_registration_number(client, world):
    assistant = AssistantFactory(beat=world.beat, registration_number="05-00042")
    AssistantFactory(beat=world.beat, registration_number="05-00043")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse("assistant-list"), {"q": "00042"})
    assert list(response.context["object_list"]) == [assistant]


# --- masking on pages ------------------------------------------------------------------------

SEES = {
    Role.INSPECTOR: False,
    Role.SUPERVISOR: False,
    Role.AKIMAT_REGISTRAR: True,
    Role.REGIONAL_REGISTRAR: False,
    Role.ADMINISTRATOR: True,
}


@pytest.mark.parametrize(("role", "sees"), list(SEES.items()))
def test_masking_on_list_and_detail(client, world, role, sees):
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    assistant = AssistantFactory(
        beat=world.beat, phone="+7 701 555 44 33", address="ул. Сатпаева, 7", photo=photo
    )
    as_role(client, world, role)
    listing = client.get(reverse("assistant-list")).content.decode()
    page = client.get(detail_url(assistant)).content.decode()
    photo_url = reverse("assistant-photo", args=[assistant.pk])
    assert assistant.iin.startswith("900101")  # born 1 January 1990
    for html in (listing, page):
        assert (assistant.iin in html) is sees
        # The mask keeps the last four digits only: never the birth date (DESIGN.md).
        assert ("********" + assistant.iin[-4:] in html) is not sees
        assert (assistant.iin[:6] in html) is sees
        assert ("01.01.1990" in html) is (sees and html is page)
    birth_date = re.search(r'id="assistant-birth-date">([^<]*)<', page).group(1)
    assert (birth_date == "01.01.1990") is sees
    assert any(c.isdigit() for c in birth_date) is sees
    assert ("ул. Сатпаева, 7" in page) is sees
    assert ("+7 701 555 44 33" in page) is sees
    assert ("+7 701 *** ** 33" in page) is not sees
    assert (photo_url in page) is sees
    assert "/media/" not in page


def test_registrar_of_another_area_in_the_region_cannot_see_personal_data(client, world):
    assistant = AssistantFactory(beat=world.beat)
    neighbour = UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.other_area)
    login(client, neighbour)
    assert client.get(detail_url(assistant)).status_code == 404  # not even the record


@pytest.mark.parametrize(("role", "sees"), list(SEES.items()))
def test_photo_is_served_only_to_those_who_may_see_it(client, world, role, sees):
    content = png_bytes()
    photo = SimpleUploadedFile("p.png", content, content_type="image/png")
    assistant = AssistantFactory(beat=world.beat, photo=photo)
    as_role(client, world, role)
    response = client.get(reverse("assistant-photo", args=[assistant.pk]))
    if sees:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code == 302 and response.url == detail_url(assistant)


def test_no_photo_is_404(client, world):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    assert client.get(reverse("assistant-photo", args=[assistant.pk])).status_code == 404


# --- contact data and history ----------------------------------------------------------------


def contact(world, **overrides):
    data = {
        "phone": "+7 777 999 88 77",
        "address": "мкр. Самал-2, 5",
        "forms": ["patrols", "mass_events"],
        "beat": world.colleague_beat.pk,
    }
    data.update(overrides)
    return data


def test_registrar_edits_contact_data_not_status_nor_iin(client, world):
    assistant = AssistantFactory(beat=world.beat, status="active")
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    login(client, registrar)
    url = reverse("assistant-edit", args=[assistant.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, contact(world, status="deregistered", iin=valid_iin(datetime.date(1980, 1, 1)))
    )
    assert response.status_code == 302
    saved = Assistant.objects.get(pk=assistant.pk)
    assert saved.phone == "+7 777 999 88 77"
    assert saved.beat == world.colleague_beat
    assert saved.forms == ["patrols", "mass_events"]
    assert saved.status == "active"
    assert saved.iin == assistant.iin
    assert saved.history.latest().history_user == registrar


def test_a_beat_of_another_area_is_refused_on_edit(client, world):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, Role.ADMINISTRATOR)
    response = client.post(
        reverse("assistant-edit", args=[assistant.pk]), contact(world, beat=world.other_beat.pk)
    )
    assert "beat" in response.context["form"].errors
    assert Assistant.objects.get(pk=assistant.pk).beat == world.beat


def test_photo_replaced_and_removed(client, world, django_capture_on_commit_callbacks):
    first = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    assistant = AssistantFactory(beat=world.beat, photo=first)
    old_name = assistant.photo.name
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    url = reverse("assistant-edit", args=[assistant.pk])
    second = SimpleUploadedFile("b.png", png_bytes(color=(1, 2, 3)), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, contact(world, photo=second))
    assistant.refresh_from_db()
    assert assistant.photo.name != old_name
    assert not assistant.photo.storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, contact(world, remove_photo="on"))
    assistant.refresh_from_db()
    assert not assistant.photo


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR])
def test_readers_are_sent_from_the_edit_page_to_the_record(client, world, role):
    assistant = AssistantFactory(beat=world.beat)
    as_role(client, world, role)
    url = reverse("assistant-edit", args=[assistant.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url == detail_url(assistant)
    assert client.post(url, contact(world)).status_code == 403


def test_a_closed_record_cannot_be_edited(client, world):
    assistant = AssistantFactory(beat=world.beat, status="refused")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    url = reverse("assistant-edit", args=[assistant.pk])
    assert client.get(url).status_code == 302
    client.post(url, contact(world))
    assert Assistant.objects.get(pk=assistant.pk).phone == assistant.phone


def test_history_shows_field_names_and_values_only_to_those_who_may_see(client, world):
    assistant = AssistantFactory(beat=world.beat, phone="+7 701 111 11 11")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    client.post(reverse("assistant-edit", args=[assistant.pk]), contact(world))

    history = client.get(detail_url(assistant)).context["history"]
    assert [row.kind for row in history] == ["changed", "created"]
    changes = {str(label): (old, new) for label, old, new in history[0].changes}
    phone = str(Assistant._meta.get_field("phone").verbose_name)
    beat = str(Assistant._meta.get_field("beat").verbose_name)
    assert changes[phone] == ("+7 701 111 11 11", "+7 777 999 88 77")
    assert changes[beat] == (None, None)  # names only for related records

    as_role(client, world, Role.SUPERVISOR)
    response = client.get(detail_url(assistant))
    changes = {str(label): (old, new) for label, old, new in response.context["history"][0].changes}
    assert changes[phone] == (None, None)
    html = response.content.decode()
    assert "+7 701 111 11 11" not in html and "+7 777 999 88 77" not in html
    assert "мкр. Самал-2, 5" not in html


def test_record_page_shows_deadlines_certificates_trainings_and_duty_totals(client, world):
    assistant = AssistantFactory(beat=world.beat, status="registered")
    certificate = lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=TODAY())
    briefed(assistant)
    assistant.status = "active"
    assistant.save()
    for day in (TODAY(), TODAY().replace(month=1, day=1)):
        Duty.objects.create(
            assistant=assistant,
            date=day,
            hours=4,
            kind="patrols",
            beat=world.beat,
            supervisor=world.inspector,
        )
    as_role(client, world, Role.SUPERVISOR)
    context = client.get(detail_url(assistant)).context
    assert context["certificates"] == [certificate]
    assert len(context["trainings"]) == 1
    assert context["duty"]["year_count"] == 2 and context["duty"]["year_hours"] == 8
    in_quarter = 2 if TODAY().month <= 3 else 1
    assert context["duty"]["quarter_count"] == in_quarter
    states = {step.status: step.state for step in context["timeline"]}
    assert states["applied"] == states["registered"] == states["certified"] == "done"
    assert states["active"] == "current"


def test_deadlines_on_the_record_page(client, world):
    applied = AssistantFactory(beat=world.beat, applied_on=days(-27))
    late = AssistantFactory(beat=world.beat, applied_on=days(-31))
    petitioned = AssistantFactory(
        beat=world.beat, status="petitioned", applied_on=days(-40), petition_sent_on=days(-30)
    )
    as_role(client, world, Role.SUPERVISOR)
    assert client.get(detail_url(applied)).context["deadlines"][0]["state"] == "near"
    assert client.get(detail_url(late)).context["deadlines"][0]["state"] == "missed"
    deadlines = client.get(detail_url(petitioned)).context["deadlines"]
    assert deadlines[0]["state"] == "closed"
    assert deadlines[1]["due_on"] == add_working_days(days(-30), 7)
    assert deadlines[1]["state"] == "missed"


def test_refused_timeline_stops_at_the_refusal(client, world):
    assistant = AssistantFactory(beat=world.beat, status="refused", refused_on=TODAY())
    as_role(client, world, Role.SUPERVISOR)
    steps = client.get(detail_url(assistant)).context["timeline"]
    assert [(s.status, s.state) for s in steps] == [("applied", "done"), ("refused", "current")]


# --- query counts ----------------------------------------------------------------------------


def more_assistants(world, count, start):
    point = PolicePointFactory(department=world.department)
    for n in range(count):
        beat = BeatFactory(police_point=point, inspector=world.inspector)
        AssistantFactory(
            beat=beat,
            applied_on=days(-35),
            iin=valid_iin(datetime.date(1985, 2, 2), start=start + n * 7),
        )


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR])
def test_list_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    as_role(client, world, role)

    def measure():
        # The steps order reads the register stage by stage, each a small indexed query
        # (volunteers.filters.assistants.steps_due_first): a few more, never more with size.
        with django_assert_max_num_queries(20) as captured:
            assert client.get(reverse("assistant-list")).status_code == 200
        return len(captured)

    more_assistants(world, 2, 1000)
    small = measure()
    more_assistants(world, 8, 3000)
    assert measure() == small


def test_detail_query_count_is_flat(client, world, django_assert_max_num_queries):
    assistant = AssistantFactory(beat=world.beat, status="registered")
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    login(client, registrar)

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(detail_url(assistant)).status_code == 200
        return len(captured)

    def grow(n):
        for i in range(n):
            training = Training.objects.create(
                area=world.area, kind=TrainingKind.LEGAL_TRAINING, date=TODAY(), held_by="X"
            )
            training.attendees.add(assistant)
            assistant.phone = f"+7 701 000 00 {i:02d}"
            assistant._history_user = registrar
            assistant.save()

    grow(1)
    small = measure()
    grow(6)
    assert measure() == small


def test_a_contact_edit_keeps_a_registration_taken_meanwhile(world):
    """The edit form writes only its own fields: a registration that commits between the
    page's read and its save keeps its status and number, and the numbers keep no gap."""
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    record = AssistantFactory(
        beat=world.beat,
        status=AssistantStatus.PETITIONED,
        petition_sent_on=TODAY() - datetime.timedelta(days=3),
    )
    held_by_the_edit_page = Assistant.objects.get(pk=record.pk)
    lifecycle.assistant_register(
        assistant=Assistant.objects.get(pk=record.pk), user=registrar, registered_on=TODAY()
    )
    data = {
        "phone": "+7 701 555 55 55",
        "address": record.address,
        "forms": record.forms,
        "beat": record.beat_id,
    }
    form = AssistantContactForm(data, instance=held_by_the_edit_page, user=registrar)
    assert form.is_valid(), form.errors
    form.save()
    record.refresh_from_db()
    assert (record.status, record.phone) == (AssistantStatus.REGISTERED, "+7 701 555 55 55")
    assert record.registration_number.endswith("00001")
