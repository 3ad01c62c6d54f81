"""How to become an assistant or volunteer: the public page of an area, its interest form,
and the police's queue of the interests it sends (contacted, declined, converted)."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import work_queues
from portal.models import Role
from tests.builders.people import APPLICANT_IIN, application
from tests.factories import (
    BeatFactory,
    BeatStreetFactory,
    InterestLeadFactory,
    UserFactory,
    valid_iin,
)
from volunteers.forms.leads import InterestForm
from volunteers.models import Assistant, InterestLead, LeadKind, LeadStatus
from volunteers.models.assistant import AKIMAT_REGISTRATION_WORKING_DAYS, POLICE_CHECK_DAYS
from volunteers.views.join import JOIN_FORM_RATE

LIMIT = int(JOIN_FORM_RATE.split("/")[0])
IIN = valid_iin(datetime.date(1995, 3, 14), "F")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The rate limit counts in the cache.
    cache.clear()
    yield
    cache.clear()


def join_url(area):
    return reverse("area-join", args=[area.pk])


def send(client, area, **data):
    fields = {
        "kind": LeadKind.ASSISTANT,
        "name": "Сапарова Айгерим",
        "contact": "+7 701 555 12 34",
        "residence": "",
        "message": "",
        "consent": "on",
        "beat": "",
    }
    fields.update(data)
    return client.post(join_url(area), {k: v for k, v in fields.items() if v is not None})


def errors(response, field):
    return [e.code for e in response.context["form"].errors.as_data().get(field, [])]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- the public page -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_join_page_shows_the_steps_and_public_contacts_in_each_language(
    client, world, language
):
    world.area.akimat_phone = "+7 727 271 00 00"
    world.area.save()
    world.department.phone = "+7 727 254 40 00"
    world.department.save()

    response = client.get(join_url(world.area), HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    steps = re.findall(r'data-step="([\w-]+)"', html)
    assert steps[:6] == ["apply", "check", "register", "briefing", "certificate", "duties"]
    assert {"volunteer-free", "volunteer-group", "volunteer-minors"} <= set(steps)
    assert f'data-step="check" data-days="{POLICE_CHECK_DAYS}"' in html
    assert f'data-step="register" data-days="{AKIMAT_REGISTRATION_WORKING_DAYS}"' in html
    assert "+7 727 271 00 00" in html
    assert "+7 727 254 40 00" in html
    # The form asks for no IIN and no birth date.
    assert set(InterestForm(area=world.area).fields) == {
        "website",
        "kind",
        "name",
        "contact",
        "residence",
        "message",
        "consent",
        "beat",
    }
    assert 'name="iin"' not in html
    assert 'name="birth_date"' not in html


def test_the_areas_page_lists_every_area(client, world):
    response = client.get(reverse("join-areas"))
    assert response.status_code == 200
    html = response.content.decode()
    for area in (world.area, world.other_area, world.far_area):
        assert join_url(area) in html


def test_an_unknown_area_is_not_found(client, world):
    assert client.get(reverse("area-join", args=[999_999])).status_code == 404


# --- the interest form -----------------------------------------------------------------------


def test_a_resident_sends_an_interest_for_the_area(client, world):
    response = send(client, world.area, message="Звоните после 18:00")

    assert response.status_code == 302
    assert response.url == reverse("area-join-thanks", args=[world.area.pk])
    lead = InterestLead.objects.get()
    assert (lead.area, lead.beat, lead.kind, lead.status) == (
        world.area,
        None,
        LeadKind.ASSISTANT,
        LeadStatus.NEW,
    )
    assert (lead.name, lead.contact, lead.message) == (
        "Сапарова Айгерим",
        "+7 701 555 12 34",
        "Звоните после 18:00",
    )
    assert lead.consent_given_at is not None
    assert client.get(response.url).status_code == 200


def test_the_beat_of_the_page_the_resident_came_from_is_kept(client, world):
    page = client.get(join_url(world.area), {"beat": world.beat.code})
    assert f'data-beat="{world.beat.code}"' in page.content.decode()

    send(client, world.area, beat=world.beat.code, kind=LeadKind.VOLUNTEER)

    lead = InterestLead.objects.get()
    assert (lead.beat, lead.kind) == (world.beat, LeadKind.VOLUNTEER)


def test_a_beat_of_another_area_is_ignored(client, world):
    send(client, world.area, beat=world.other_beat.code)
    assert InterestLead.objects.get().beat is None


def test_the_street_typed_finds_the_beat_of_the_area(client, world):
    BeatStreetFactory(beat=world.beat, name_ru="ул. Жамбыла", name_kk="Жамбыл көшесі")
    # The same street in another area does not make the beat ambiguous.
    BeatStreetFactory(beat=world.other_beat, name_ru="ул. Жамбыла", name_kk="Жамбыл көшесі")

    send(client, world.area, residence="Жамбыла 12")

    lead = InterestLead.objects.get()
    assert (lead.beat, lead.residence) == (world.beat, "Жамбыла 12")


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"contact": ""}, "contact", "required"),
        ({"contact": "12ab"}, "contact", "contact"),
        ({"contact": "+7 701"}, "contact", "contact"),
        ({"contact": "mail@"}, "contact", "contact"),
        ({"consent": None}, "consent", "required"),
        ({"name": ""}, "name", "required"),
        ({"kind": "director"}, "kind", "invalid_choice"),
        ({"message": f"Мой ИИН {IIN}"}, "message", "iin"),
        ({"message": f"ИИН {IIN[:6]} {IIN[6:]}"}, "message", "iin"),
        ({"contact": IIN}, "contact", "iin"),
        ({"residence": f"Абая 5, {IIN}"}, "residence", "iin"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_nothing_is_saved(
    client, world, data, field, code
):
    response = send(client, world.area, **data)

    assert response.status_code == 200
    assert code in errors(response, field)
    assert not InterestLead.objects.exists()


def test_twelve_digits_that_are_no_iin_are_kept_as_text(client, world):
    # Not a valid IIN (check digit): an order number, say. The lead has no IIN field at all.
    number = IIN[:11] + str((int(IIN[11]) + 1) % 10)
    assert send(client, world.area, message=f"Заявка № {number}").status_code == 302
    assert InterestLead.objects.get().message == f"Заявка № {number}"
    fields = {f.name for f in InterestLead._meta.get_fields()}
    assert not fields & {"iin", "birth_date", "address"}


def test_the_honeypot_looks_like_success_and_saves_nothing(client, world):
    response = send(client, world.area, website="http://spam.example")
    assert response.status_code == 302
    assert response.url == reverse("area-join-thanks", args=[world.area.pk])
    assert not InterestLead.objects.exists()


def test_sending_is_rate_limited_per_address(client, world):
    for _ in range(LIMIT):
        assert send(client, world.area).status_code == 302

    response = send(client, world.area, name="Ещё Один")

    assert response.status_code == 429
    assert response["Retry-After"]
    assert 'id="rate-limited"' in response.content.decode()
    assert response.context["form"]["name"].value() == "Ещё Один"
    assert InterestLead.objects.count() == LIMIT


# --- the police's queue ----------------------------------------------------------------------


def queue_count(user):
    items = [i for i in work_queues.queue_for(user) if i.key == "interest-leads"]
    return items[0].count if items else 0


def test_a_lead_of_a_beat_is_for_its_inspector_and_the_department(world):
    lead = InterestLeadFactory(beat=world.beat)
    colleague = UserFactory(role=Role.INSPECTOR, department=world.department)
    world.colleague_beat.inspector = colleague
    world.colleague_beat.save()
    other_inspector = UserFactory(role=Role.INSPECTOR, department=world.other_department)
    BeatFactory(police_point=world.other_point, inspector=other_inspector)
    other_supervisor = UserFactory(role=Role.SUPERVISOR, department=world.other_department)

    assert queue_count(world.inspector) == 1
    assert queue_count(world.users[Role.SUPERVISOR]) == 1
    assert queue_count(colleague) == 0
    assert queue_count(other_inspector) == 0
    assert queue_count(other_supervisor) == 0
    assert queue_count(world.users[Role.AKIMAT_REGISTRAR]) == 0

    start = signed_in(world.inspector).get(reverse("inspector-home")).content.decode()
    assert 'data-key="interest-leads"' in start
    assert signed_in(colleague).get(lead.get_absolute_url()).status_code == 404
    assert signed_in(other_inspector).get(lead.get_absolute_url()).status_code == 404
    assert signed_in(other_supervisor).get(lead.get_absolute_url()).status_code == 404


def test_a_lead_without_a_beat_is_for_the_police_of_its_area(world):
    lead = InterestLeadFactory(beat=None, area=world.area)
    colleague = UserFactory(role=Role.INSPECTOR, department=world.department)
    other_supervisor = UserFactory(role=Role.SUPERVISOR, department=world.other_department)

    for user in (world.inspector, colleague, world.users[Role.SUPERVISOR]):
        assert queue_count(user) == 1
        listed = signed_in(user).get(reverse("lead-list"))
        assert [row.pk for row in listed.context["object_list"]] == [lead.pk]
    assert queue_count(other_supervisor) == 0
    assert signed_in(other_supervisor).get(lead.get_absolute_url()).status_code == 404
    assert list(signed_in(other_supervisor).get(reverse("lead-list")).context["object_list"]) == []


def test_the_lead_page_shows_the_contact_and_logs_the_view(world):
    lead = InterestLeadFactory(beat=world.beat, contact="+7 701 999 88 77")
    html = signed_in(world.inspector).get(lead.get_absolute_url()).content.decode()

    assert "+7 701 999 88 77" in html
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(InterestLead), object_pk=str(lead.pk)
    )
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.actor == world.inspector
    # The list shows no contact.
    listing = signed_in(world.inspector).get(reverse("lead-list")).content.decode()
    assert "+7 701 999 88 77" not in listing


def test_the_police_mark_a_lead_contacted_then_declined_with_a_reason(world):
    lead = InterestLeadFactory(beat=world.beat)
    client = signed_in(world.inspector)

    response = client.post(reverse("lead-contacted", args=[lead.pk]), {"contacted-note": "Придёт"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.status, lead.note, lead.handled_by) == (
        LeadStatus.CONTACTED,
        "Придёт",
        world.inspector,
    )

    refused = client.post(reverse("lead-decline", args=[lead.pk]), {"decline-note": " "})
    assert refused.status_code == 400
    assert refused.context["decline_form"].errors
    assert InterestLead.objects.get(pk=lead.pk).status == LeadStatus.CONTACTED

    client.post(reverse("lead-decline", args=[lead.pk]), {"decline-note": "Передумала"})
    lead.refresh_from_db()
    assert (lead.status, lead.note) == (LeadStatus.DECLINED, "Передумала")
    assert [row.status for row in lead.history.order_by("history_date")] == [
        "new",
        "contacted",
        "declined",
    ]
    assert lead.history.latest().history_user == world.inspector

    # A closed lead is not changed again.
    client.post(reverse("lead-contacted", args=[lead.pk]), {"contacted-note": "x"})
    assert InterestLead.objects.get(pk=lead.pk).status == LeadStatus.DECLINED


def test_converting_opens_the_application_filled_in_and_links_the_assistant(world):
    lead = InterestLeadFactory(beat=world.beat, name="Нурланов Ержан Болатович")
    client = signed_in(world.inspector)
    page = client.get(lead.get_absolute_url()).content.decode()
    apply_url = f"{reverse('assistant-apply')}?lead={lead.pk}"
    assert f'href="{apply_url}"' in page

    form = client.get(apply_url).context["form"]
    assert (form["last_name"].value(), form["first_name"].value()) == ("Нурланов", "Ержан")
    assert form["middle_name"].value() == "Болатович"
    assert form["phone"].value() == lead.contact
    assert form["beat"].value() == world.beat.pk

    response = client.post(apply_url, application(world))

    assert response.status_code == 302
    assistant = Assistant.objects.get(iin=APPLICANT_IIN)
    lead.refresh_from_db()
    assert (lead.status, lead.assistant) == (LeadStatus.CONVERTED, assistant)


def test_a_volunteer_lead_is_marked_converted(world):
    lead = InterestLeadFactory(beat=world.beat, kind=LeadKind.VOLUNTEER)
    client = signed_in(world.users[Role.SUPERVISOR])
    assert client.post(reverse("lead-convert", args=[lead.pk])).status_code == 302
    assert InterestLead.objects.get(pk=lead.pk).status == LeadStatus.CONVERTED


def test_the_application_ignores_a_lead_of_another_territory(world):
    lead = InterestLeadFactory(beat=world.other_beat)
    client = signed_in(world.inspector)
    assert client.get(f"{reverse('assistant-apply')}?lead={lead.pk}").status_code == 404


def _grow(world, size):
    for n in range(size):
        InterestLeadFactory(beat=world.beat, status=LeadStatus.NEW if n % 2 else "contacted")
        InterestLeadFactory(beat=None, area=world.area)
        InterestLeadFactory(beat=world.other_beat)


def test_query_counts_of_the_list_and_the_queue_do_not_grow(world, django_assert_max_num_queries):
    client = signed_in(world.inspector)

    def measure():
        with django_assert_max_num_queries(20) as captured:
            assert client.get(reverse("lead-list")).status_code == 200
        listed = len(captured)
        # The start page asks every source of the queue; this one adds one query.
        with django_assert_max_num_queries(120) as captured:
            assert client.get(reverse("inspector-home")).status_code == 200
        return listed, len(captured)

    _grow(world, 2)
    small = measure()
    _grow(world, 15)
    assert measure() == small


def test_leads_arrive_within_the_answer_term(world):
    lead = InterestLeadFactory(beat=world.beat)
    InterestLead.objects.filter(pk=lead.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    (item,) = [i for i in work_queues.queue_for(world.inspector) if i.key == "interest-leads"]
    assert item.severity == work_queues.OVERDUE
    assert item.url == f"{reverse('lead-list')}?status=new"
