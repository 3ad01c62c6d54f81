"""The public pages of public councils: who sits on them, the civil-society share, the
sessions held and the recommendations, and nothing the council does not publish."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import MemberRole, MemberSide, RecommendationStatus
from tests.factories import (
    CouncilFactory,
    DecisionFactory,
    MemberFactory,
    RecommendationFactory,
    SessionFactory,
)


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def council(world):
    council = CouncilFactory(department=world.department, name_ru="Совет", name_kk="Кеңес")
    council.chair = MemberFactory(
        council=council, full_name="Абаев Нурлан", role=MemberRole.CHAIR, organisation="ОСИ «Абай»"
    )
    council.secretary = MemberFactory(
        council=council,
        full_name="Ким Ольга",
        role=MemberRole.SECRETARY,
        side=MemberSide.STATE_BODY,
        is_civil_servant=True,
        organisation="УП Алмалинского района",
    )
    council.member = MemberFactory(council=council, full_name="Серикова Дана")
    council.former = MemberFactory(
        council=council, full_name="Ушедший Член", left_on=_days(-10), joined_on=_days(-300)
    )
    return council


def page(client, council, **headers):
    return client.get(reverse("public-council", args=[council.pk]), **headers)


def test_members_with_their_roles_and_the_civil_society_share(client, council):
    response = page(client, council)

    assert response.status_code == 200
    html = response.content.decode()
    members = response.context["members"]
    # The chair first, then the secretary, then members; a member who left is not listed.
    assert [m.pk for m in members] == [council.chair.pk, council.secretary.pk, council.member.pk]
    assert f'data-member="{council.former.pk}"' not in html
    assert f'data-member="{council.chair.pk}" data-role="chair" data-side="civil"' in html
    assert f'data-member="{council.secretary.pk}" data-role="secretary" data-side="state"' in html
    assert "ОСИ «Абай»" in html
    share = re.search(r'id="civil-share" ([^>]*)>', html).group(1)
    assert 'data-civil="2"' in share
    assert 'data-total="3"' in share
    assert 'data-needed="2"' in share
    assert 'data-meets="yes"' in share


def test_sessions_held_with_agenda_and_decisions_only_when_open(client, council):
    open_session = SessionFactory(council=council, is_open=True, agenda_ru="Освещение дворов")
    opened = DecisionFactory(session=open_session, text="Установить фонари")
    closed = SessionFactory(
        council=council, is_open=False, agenda_ru="Закрытая повестка", place_ru="Кабинет 5"
    )
    DecisionFactory(session=closed, text="Закрытое решение")
    upcoming = SessionFactory(council=council, held_at=timezone.now() + datetime.timedelta(days=3))

    html = page(client, council).content.decode()

    assert f'data-session="{open_session.pk}" data-open="yes"' in html
    assert "Освещение дворов" in html
    assert f'data-decision="{opened.pk}"' in html
    assert f'data-session="{closed.pk}" data-open="no"' in html
    assert "Закрытая повестка" not in html
    assert "Закрытое решение" not in html
    assert "Кабинет 5" not in html
    assert f'data-session="{upcoming.pk}"' not in html
    assert re.search(r'id="sessions-total">2<', html)


def test_recommendations_with_their_status(client, council):
    done = RecommendationFactory(
        council=council, status=RecommendationStatus.IMPLEMENTED, outcome="Фонари установлены"
    )
    overdue = RecommendationFactory(council=council, due_on=_days(-5))
    other = RecommendationFactory(council=CouncilFactory(department=council.department))

    response = page(client, council)
    html = response.content.decode()

    assert f'data-recommendation="{done.pk}" data-status="implemented"' in html
    assert "Фонари установлены" in html
    assert f'data-recommendation="{overdue.pk}" data-status="sent"' in html
    assert [r.is_overdue for r in response.context["recommendations"] if r.pk == overdue.pk] == [
        True
    ]
    assert f'data-recommendation="{other.pk}"' not in html
    assert response.context["recommendations_total"] == 2
    assert response.context["recommendations_by_status"] == {"implemented": 1, "sent": 1}


def test_no_contacts_or_staff_data_reach_the_page(client, council, world):
    world.inspector.work_phone = "+7 727 000 11 22"
    world.inspector.save()
    SessionFactory(council=council, is_open=True)

    html = page(client, council).content.decode()

    assert "tel:" not in html
    assert "mailto:" not in html
    assert "+7 727 000 11 22" not in html
    assert "is_civil_servant" not in html


def test_the_name_is_in_the_readers_language(client, council):
    assert "Кеңес" in page(client, council, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Совет" in page(client, council, HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def test_unknown_ended_and_future_councils_are_not_found(client, world):
    ended = CouncilFactory(department=world.department, term_start=_days(-800), term_end=_days(-1))
    future = CouncilFactory(department=world.department, term_start=_days(5))
    assert client.get(reverse("public-council", args=[999_999])).status_code == 404
    assert page(client, ended).status_code == 404
    assert page(client, future).status_code == 404


def test_the_list_shows_councils_whose_term_runs_with_their_share(client, council, world):
    ended = CouncilFactory(department=world.department, term_start=_days(-800), term_end=_days(-1))

    response = client.get(reverse("public-council-list"))

    assert response.status_code == 200
    listed = list(response.context["councils"])
    assert [c.pk for c in listed] == [council.pk]
    assert (listed[0].composition.civil, listed[0].composition.total) == (2, 3)
    html = response.content.decode()
    assert reverse("public-council", args=[council.pk]) in html
    assert f'data-council="{ended.pk}"' not in html


def test_the_beat_page_links_the_areas_council_and_the_join_page(client, council, world):
    html = client.get(reverse("beat-detail", args=[world.beat.code])).content.decode()
    assert reverse("public-council", args=[council.pk]) in html
    assert f"{reverse('area-join', args=[world.area.pk])}?beat={world.beat.code}" in html
    # The other area's beat names no council of this area.
    other = client.get(reverse("beat-detail", args=[world.other_beat.code])).content.decode()
    assert reverse("public-council", args=[council.pk]) not in other


def test_the_home_page_links_the_councils_and_the_join_pages(client, world):
    html = client.get(reverse("public-home")).content.decode()
    assert reverse("public-council-list") in html
    assert reverse("join-areas") in html


def _grow(council, size):
    for n in range(size):
        member = MemberFactory(council=council)
        session = SessionFactory(council=council, is_open=n % 2 == 0)
        session.present.add(member)
        DecisionFactory(session=session)
        RecommendationFactory(council=council, session=session)
        MemberFactory(council=CouncilFactory(department=council.department))


def _count(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["public-council", "public-council-list"])
def test_query_counts_do_not_grow(client, council, name, django_assert_max_num_queries):
    url = reverse(name, args=[council.pk] if name == "public-council" else [])
    _grow(council, 2)
    small = _count(client, url, django_assert_max_num_queries)
    _grow(council, 25)
    # The detail: the council, its members, sessions held with their decisions, their count,
    # the recommendations and their count by status. The list: a count and a page.
    assert _count(client, url, django_assert_max_num_queries) == small


def test_recommendations_of_a_closed_session_are_not_shown(client, council):
    closed = SessionFactory(council=council, is_open=False)
    hidden = RecommendationFactory(council=council, session=closed, text="Закрытая рекомендация")
    shown = RecommendationFactory(council=council, session=None)

    response = page(client, council)
    html = response.content.decode()

    assert f'data-recommendation="{hidden.pk}"' not in html
    assert "Закрытая рекомендация" not in html
    assert f'data-recommendation="{shown.pk}"' in html
    assert response.context["recommendations_total"] == 1
