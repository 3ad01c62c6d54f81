"""Preventive visits: create, edit, list, filter, bad input (no names), police-only scope."""

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from districts.forms.prevention import name_like_parts
from districts.models import PreventiveVisit
from portal import policy
from portal.models import Role
from tests.dates import days
from tests.factories import BeatFactory, PreventiveVisitFactory

TODAY = timezone.localdate
NON_POLICE = [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]


def visit_data(world, **overrides):
    data = {
        "beat": world.beat.pk,
        "category": "teenager",
        "date": days(-1).isoformat(),
        "address": "ул. Абая, 10, кв. 5",
        "reference": "ПУ-0012",
        "notes": "Проведена профилактическая беседа",
    }
    return {**data, **overrides}


def test_inspector_records_a_visit(inspector_client, world):
    response = inspector_client.post(reverse("preventive-create"), visit_data(world))
    assert response.status_code == 302
    visit = PreventiveVisit.objects.get()
    assert response.url == reverse("preventive-edit", args=[visit.pk])
    assert visit.beat == world.beat
    assert visit.category == "teenager"
    assert visit.reference == "ПУ-0012"
    assert visit.created_by == world.inspector


def test_new_visit_form_defaults_to_today_and_my_beat(inspector_client, world):
    form = inspector_client.get(reverse("preventive-create")).context["form"]
    assert form.initial["date"] == TODAY()
    assert form.initial["beat"] == world.beat.pk
    assert list(form.fields["beat"].queryset) == [world.beat]


@pytest.mark.parametrize(
    "reference",
    ["ПУ-0012", "КДН/2025-14", "  АН 123  ", "No. 45/2", "Дело 17", "ПУ 12 ул. Ауэзова"],
)
def test_record_numbers_are_accepted_as_references(inspector_client, world, reference):
    response = inspector_client.post(
        reverse("preventive-create"), visit_data(world, reference=reference)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert PreventiveVisit.objects.get().reference == reference.strip()


@pytest.mark.parametrize(
    "reference",
    [
        "Иванов Иван",  # a name, no digits
        "Сеитова Айгерим 12",  # a name with a number added
        "Иванов А.Б. 2010",  # surname and initials
        "Ivanov Ivan 7",  # Latin
        "Әлібек Нұрланұлы 3",  # Kazakh letters
        "семья на учёте",  # no digits
    ],
)
def test_a_reference_that_looks_like_a_name_is_refused(inspector_client, world, reference):
    response = inspector_client.post(
        reverse("preventive-create"), visit_data(world, reference=reference)
    )
    assert response.status_code == 200
    assert "reference" in response.context["form"].errors
    assert PreventiveVisit.objects.count() == 0


def test_name_detection_counts_capitalised_words_and_initials():
    assert name_like_parts("Иванов А.Б. 12") == ["Иванов", "А.", "Б."]
    assert name_like_parts("ПУ-0012") == []
    assert name_like_parts("КДН АН 12") == []
    assert name_like_parts("Дело 17") == ["Дело"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days(1).isoformat()}, "date"),
        ({"date": ""}, "date"),
        ({"category": ""}, "category"),
        ({"category": "celebrity"}, "category"),
        ({"address": ""}, "address"),
        ({"reference": ""}, "reference"),
        ({"reference": "ПУ-" + "1" * 70}, "reference"),
        ({"beat": ""}, "beat"),
    ],
)
def test_bad_visit_is_refused_and_nothing_saved(inspector_client, world, overrides, field):
    response = inspector_client.post(reverse("preventive-create"), visit_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert PreventiveVisit.objects.count() == 0


def test_inspector_edits_a_visit(inspector_client, world):
    visit = PreventiveVisitFactory(beat=world.beat)
    data = visit_data(world, category="supervised", notes="Повторное посещение")
    response = inspector_client.post(reverse("preventive-edit", args=[visit.pk]), data)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.category == "supervised" and visit.notes == "Повторное посещение"


def test_an_edit_cannot_put_a_name_in_the_reference(inspector_client, world):
    visit = PreventiveVisitFactory(beat=world.beat, reference="ПУ-0001")
    data = visit_data(world, reference="Петров Пётр 1")
    response = inspector_client.post(reverse("preventive-edit", args=[visit.pk]), data)
    assert "reference" in response.context["form"].errors
    visit.refresh_from_db()
    assert visit.reference == "ПУ-0001"


def test_list_filters_by_date_range_category_and_beat(client, world):
    old = PreventiveVisitFactory(beat=world.beat, date=days(-40), category="family")
    recent = PreventiveVisitFactory(beat=world.beat, date=days(-2), category="teenager")
    colleague = PreventiveVisitFactory(beat=world.colleague_beat, date=days(-3), category="other")
    PreventiveVisitFactory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("preventive-list")

    def listed(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return set(response.context["object_list"])

    assert listed() == {old, recent, colleague}
    assert listed(date_from=days(-10).isoformat()) == {recent, colleague}
    assert listed(date_to=days(-10).isoformat()) == {old}
    assert listed(date_from=days(-2).isoformat(), date_to=days(-2).isoformat()) == {recent}
    assert listed(category="family") == {old}
    assert listed(beat=world.colleague_beat.pk) == {colleague}
    assert listed(beat=world.other_beat.pk) == set()


def test_inspector_cannot_reach_another_beats_visit_by_id(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat, world.far_beat):
        visit = PreventiveVisitFactory(beat=beat)
        url = reverse("preventive-edit", args=[visit.pk])
        assert inspector_client.get(url).status_code == 404
        data = visit_data(world, beat=beat.pk, address="Подмена")
        assert inspector_client.post(url, data).status_code == 404
        visit.refresh_from_db()
        assert visit.address != "Подмена"
    assert list(inspector_client.get(reverse("preventive-list")).context["object_list"]) == []


def test_inspector_cannot_move_a_visit_to_another_beat(inspector_client, world):
    visit = PreventiveVisitFactory(beat=world.beat)
    data = visit_data(world, beat=world.colleague_beat.pk)
    response = inspector_client.post(reverse("preventive-edit", args=[visit.pk]), data)
    assert "beat" in response.context["form"].errors
    visit.refresh_from_db()
    assert visit.beat == world.beat


def test_supervisor_reads_the_department_but_cannot_change(client, world):
    mine = PreventiveVisitFactory(beat=world.beat)
    colleague = PreventiveVisitFactory(beat=world.colleague_beat)
    other = PreventiveVisitFactory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    listed = client.get(reverse("preventive-list")).context["object_list"]
    assert set(listed) == {mine, colleague}
    page = client.get(reverse("preventive-edit", args=[mine.pk]))
    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert client.get(reverse("preventive-edit", args=[other.pk])).status_code == 404
    url = reverse("preventive-edit", args=[mine.pk])
    assert client.post(url, visit_data(world, address="Изменено")).status_code == 403
    assert client.get(reverse("preventive-create")).status_code == 403
    assert client.post(reverse("preventive-create"), visit_data(world)).status_code == 403
    mine.refresh_from_db()
    assert mine.address != "Изменено"
    assert PreventiveVisit.objects.count() == 3


@pytest.mark.parametrize("role", NON_POLICE)
def test_akimat_and_council_staff_never_see_visits(client, world, role):
    visit = PreventiveVisitFactory(beat=world.beat)  # inside their own area and region
    user = world.users[role]
    client.force_login(user)
    assert client.get(reverse("preventive-list")).status_code == 403
    assert client.get(reverse("preventive-create")).status_code == 403
    assert client.get(reverse("preventive-edit", args=[visit.pk])).status_code == 403
    assert client.post(reverse("preventive-create"), visit_data(world)).status_code == 403
    # The policy itself hides the records, whatever the view.
    assert not policy.scoped(user, PreventiveVisit.objects.all()).exists()
    assert not policy.may(user, "workspace.view", visit)
    assert not policy.may(user, "workspace.record", visit)
    assert not policy.in_scope(user, visit)
    with pytest.raises(Http404):
        policy.get_scoped_or_404(user, PreventiveVisit.objects.all(), pk=visit.pk)
    assert PreventiveVisit.objects.count() == 1


def test_police_scope_of_visits(world):
    visits = {
        beat: PreventiveVisitFactory(beat=beat) for beat in (world.beat, world.colleague_beat)
    }
    PreventiveVisitFactory(beat=world.far_beat)

    def visible(role):
        return set(policy.scoped(world.users[role], PreventiveVisit.objects.all()))

    assert visible(Role.INSPECTOR) == {visits[world.beat]}
    assert visible(Role.SUPERVISOR) == set(visits.values())
    assert len(visible(Role.ADMINISTRATOR)) == 3


def test_list_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.SUPERVISOR])

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse("preventive-list")).status_code == 200
        return len(captured)

    PreventiveVisitFactory.create_batch(2, beat=world.beat)
    small = measure()
    for _ in range(3):
        PreventiveVisitFactory.create_batch(5, beat=BeatFactory(police_point=world.point))
    assert measure() == small


def test_edit_page_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.SUPERVISOR])
    visit = PreventiveVisitFactory(beat=world.beat)

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse("preventive-edit", args=[visit.pk])).status_code == 200
        return len(captured)

    small = measure()
    PreventiveVisitFactory.create_batch(10, beat=world.beat)
    BeatFactory.create_batch(3, police_point=world.point)
    assert measure() == small
