"""Whole public pages from the cache (portal/page_cache.py) and the stored PDF served before
the view (residents/pdf_files.py): hits need no database, signed-in users and visitors with
messages are served by the view, writes that change a page make it stale, nothing personal
and no per-visitor token is ever kept."""

import hashlib
from unittest import mock

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotFound
from django.template import engines
from django.test import Client
from django.urls import reverse

from districts.models import BeatStreet, Moderation, ProposalSource
from portal import page_cache
from portal import published as published_cache
from portal.models import Role
from residents import pdf_files
from residents.pdf_files import StoredReportPdfMiddleware
from tests.builders.events import council_of, public_action, session
from tests.builders.events import planned_meeting as announced_meeting
from tests.factories import ProposalFactory, ReportRevisionFactory

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PDF_SHA256 = hashlib.sha256(PDF_BYTES).hexdigest()


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the block's after-commit work (the scope bumps), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def revision_of(beat, **kwargs):
    return ReportRevisionFactory(
        report__beat=beat,
        pdf=ContentFile(PDF_BYTES, name="report.pdf"),
        pdf_sha256=PDF_SHA256,
        **kwargs,
    )


def beat_url(beat):
    return reverse("beat-detail", args=[beat.code])


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def public_urls(world, revision):
    return [
        beat_url(world.beat),
        reverse("public-report", args=[revision.pk]),
        reverse("events"),
        reverse("events") + f"?beat={world.beat.code}",
        reverse("api-v1:beat-list"),
        reverse("api-v1:report-list"),
        reverse("api-v1:event-list"),
    ]


# --- hits --------------------------------------------------------------------------------------


def test_a_cached_page_is_served_without_the_database(client, world, django_assert_max_num_queries):
    revision = revision_of(world.beat)
    public_action(world.area, [world.beat], title="Безопасный двор")
    for url in public_urls(world, revision):
        first = get(client, url)
        assert first.page_cache == "miss", url
        with django_assert_max_num_queries(0):
            second = get(client, url)
        assert second.page_cache == "hit", url
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_head_is_answered_from_the_same_copy(client, world):
    get(client, beat_url(world.beat))
    response = client.head(beat_url(world.beat))
    assert response.status_code == 200 and response.page_cache == "hit"


def test_the_query_string_is_part_of_the_key_in_any_order(client, world):
    url = reverse("events")
    assert get(client, url, data={"area": world.area.pk}).page_cache == "miss"
    assert get(client, f"{url}?area={world.other_area.pk}").page_cache == "miss"
    area_and_beat = f"{url}?area={world.area.pk}&beat={world.beat.code}"
    beat_and_area = f"{url}?beat={world.beat.code}&area={world.area.pk}"
    assert get(client, area_and_beat).page_cache == "miss"
    assert get(client, beat_and_area).page_cache == "hit"


def test_each_language_is_cached_apart(client, world):
    url = beat_url(world.beat)
    pages = {}
    for language in ("ru", "kk", "en"):
        client.cookies["django_language"] = language
        response = get(client, url)
        assert response.page_cache == "miss"
        pages[language] = response.content.decode()
    for language in ("ru", "kk", "en"):
        client.cookies["django_language"] = language
        response = get(client, url)
        assert response.page_cache == "hit"
        assert f'<html lang="{language}">' in response.content.decode()
        assert response.content.decode() == pages[language]


def test_the_language_switch_still_works_with_cached_pages(world):
    client = Client(enforce_csrf_checks=True)
    url = beat_url(world.beat)
    assert '<html lang="ru">' in get(client, url).content.decode()
    for language in ("kk", "en", "ru"):
        response = client.post(reverse("set_language"), {"language": language, "next": url})
        assert response.status_code == 302
        assert f'<html lang="{language}">' in get(client, url).content.decode()


# --- nothing personal ----------------------------------------------------------------------


def test_signed_in_users_are_served_by_the_view_and_never_cached(client, world):
    inspector = world.users[Role.INSPECTOR]
    inspector.last_name = "Жумабаев-Личный"
    inspector.save()
    url = beat_url(world.beat)
    client.force_login(inspector)
    for _ in range(2):
        response = get(client, url)
        assert response.page_cache == "bypass"
        assert "Жумабаев-Личный" in response.content.decode()
    client.logout()
    response = get(client, url)
    assert response.page_cache == "miss"  # the staff visits left nothing in the cache
    response = get(client, url)
    assert response.page_cache == "hit"
    assert reverse("logout") not in response.content.decode()


def test_the_language_switch_works_for_staff(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    response = client.post(reverse("set_language"), {"language": "kk", "next": "/staff/"})
    assert response.status_code == 302
    assert '<html lang="kk">' in client.get(beat_url(world.beat)).content.decode()


def test_a_visitor_with_messages_is_served_by_the_view(client, world):
    url = beat_url(world.beat)
    get(client, url)
    client.cookies[CookieStorage.cookie_name] = "anything"
    assert get(client, url).page_cache == "bypass"


@pytest.mark.parametrize("page", ["beat", "report", "events"])
def test_cached_pages_carry_no_token_and_set_no_cookie(client, world, page):
    revision = revision_of(world.beat)
    url = {
        "beat": beat_url(world.beat),
        "report": reverse("public-report", args=[revision.pk]),
        "events": reverse("events"),
    }[page]
    first = get(client, url)
    assert first.page_cache == "miss"  # kept: no token was rendered
    assert not first.cookies
    second = get(client, url)
    assert second.page_cache == "hit"
    html = second.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert 'name="_once"' not in html
    assert not second.cookies
    assert "Cookie" in second["Vary"]


def _form_page(request, code):
    template = engines["django"].from_string("<form>{% csrf_token %}{% once_token %}</form>")
    return HttpResponse(template.render({}, request))


def test_a_page_that_renders_a_token_is_never_kept(rf, world):
    # Were a page with a form cached, every visitor would get the first one's tokens.
    view = page_cache.public_page("beat:{code}")(_form_page)
    for _ in range(2):
        assert view(rf.get("/x/"), code=world.beat.code).page_cache == "not-stored"


# --- invalidation ------------------------------------------------------------------------------


def test_publishing_a_report_shows_it_on_the_beat_page_and_the_lists(client, world, commit):
    beat_page, others = beat_url(world.beat), beat_url(world.colleague_beat)
    reports = reverse("api-v1:report-list")
    for url in (beat_page, others, reports):
        get(client, url)
    with commit():
        revision = revision_of(world.beat)
        # What reports.services.publishing does after the commit, besides the signals.
        transaction.on_commit(published_cache.bump_published_version)
    page = get(client, beat_page)
    assert page.page_cache == "miss"
    assert reverse("public-report", args=[revision.pk]) in page.content.decode()
    listing = get(client, reports)
    assert listing.page_cache == "miss"
    assert str(revision.pk) in listing.content.decode()
    assert get(client, others).page_cache == "hit"  # another beat's page stays cached


def test_the_publication_signal_alone_makes_the_beat_page_stale(client, world, commit):
    get(client, beat_url(world.beat))
    with commit():
        revision = revision_of(world.beat)
    page = get(client, beat_url(world.beat))
    assert reverse("public-report", args=[revision.pk]) in page.content.decode()


def test_changing_a_beat_changes_its_page_only(client, world, commit):
    beat_page, others = beat_url(world.beat), beat_url(world.colleague_beat)
    get(client, beat_page), get(client, others)
    with commit():
        world.beat.reception_hours = "Вторник 18:00–20:00, кабинет 7"
        world.beat.save()
    page = get(client, beat_page)
    assert page.page_cache == "miss"
    assert "кабинет 7" in page.content.decode()
    assert get(client, others).page_cache == "hit"

    with commit():
        BeatStreet.objects.create(beat=world.beat, name_ru="улица Новая", name_kk="Жаңа көшесі")
    assert "улица Новая" in get(client, beat_page).content.decode()
    assert get(client, others).page_cache == "hit"

    beats_api = reverse("api-v1:beat-list")
    get(client, beats_api)
    with commit():
        world.beat.reception_hours = "Среда 10:00–12:00"
        world.beat.save()
    assert "Среда 10:00–12:00" in get(client, beats_api).content.decode()


def test_changing_the_inspector_changes_the_beat_page(client, world, commit):
    get(client, beat_url(world.beat))
    with commit():
        world.inspector.last_name = "Новикова"
        world.inspector.save()
    assert "Новикова" in get(client, beat_url(world.beat)).content.decode()


def test_a_sign_in_does_not_make_pages_stale(client, world, commit):
    get(client, beat_url(world.beat))
    with commit():
        world.inspector.save(update_fields=["last_login"])
    assert get(client, beat_url(world.beat)).page_cache == "hit"


def test_an_approved_proposal_shows_on_the_beat_page(client, world, commit):
    proposal = ProposalFactory(
        meeting=None,
        beat=world.beat,
        source=ProposalSource.RESIDENT_SITE,
        public_text="Поставить фонарь у дома 12",
    )
    assert "фонарь у дома 12" not in get(client, beat_url(world.beat)).content.decode()
    with commit():
        proposal.moderation = Moderation.APPROVED
        proposal.save()
    assert "фонарь у дома 12" in get(client, beat_url(world.beat)).content.decode()


def test_a_changed_police_point_shows_on_every_page_naming_it(client, world, commit):
    get(client, beat_url(world.beat)), get(client, beat_url(world.far_beat))
    with commit():
        world.point.address = "ул. Новая, 1, опорный пункт"
        world.point.save()
    assert "ул. Новая, 1" in get(client, beat_url(world.beat)).content.decode()
    assert get(client, beat_url(world.far_beat)).page_cache == "miss"


def test_a_new_public_event_shows_on_the_calendar_and_the_beat_page(client, world, commit):
    events, beat_page, far_page = reverse("events"), beat_url(world.beat), beat_url(world.far_beat)
    for url in (events, beat_page, far_page):
        get(client, url)
    with commit():
        action = public_action(world.area, [world.beat], title="Акция у школы № 5")
    for url in (events, beat_page):
        response = get(client, url)
        assert response.page_cache == "miss", url
        assert f'id="action-{action.pk}"' in response.content.decode(), url
    assert get(client, far_page).page_cache == "hit"

    with commit():
        meeting = announced_meeting(world.beat)
    assert f'id="meeting-{meeting.pk}"' in get(client, beat_page).content.decode()
    assert f'id="meeting-{meeting.pk}"' in get(client, events).content.decode()

    with commit():
        meeting.status = "cancelled"
        meeting.save()
    assert f'id="meeting-{meeting.pk}"' not in get(client, beat_page).content.decode()

    with commit():
        council_session = session(council_of(world.department))
    assert f'id="session-{council_session.pk}"' in get(client, events).content.decode()


def test_a_beat_added_to_an_action_shows_it_on_that_beat_page(client, world, commit):
    action = public_action(world.area, [world.beat], title="Рейд по дворам")
    page = beat_url(world.colleague_beat)
    assert f'id="action-{action.pk}"' not in get(client, page).content.decode()
    with commit():
        action.beats.add(world.colleague_beat)
    assert f'id="action-{action.pk}"' in get(client, page).content.decode()


def test_a_lost_version_never_brings_an_old_page_back(client, world):
    url = beat_url(world.beat)
    get(client, url)
    page_cache.bump(page_cache.beat(world.beat.code))
    cache.delete(page_cache.SCOPE_PREFIX + page_cache.beat(world.beat.code))
    assert get(client, url).page_cache == "miss"


# --- the stored PDF ------------------------------------------------------------------------


def pdf_url(revision):
    return reverse("public-report-pdf", args=[revision.pk])


def test_the_pdf_is_served_before_the_view(client, world, django_assert_max_num_queries):
    revision = revision_of(world.beat)
    get(client, pdf_url(revision))  # reads the revision once
    with django_assert_max_num_queries(0):
        response = get(client, pdf_url(revision))
    assert not hasattr(response, "page_cache")
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{PDF_SHA256}"'
    assert "public" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    assert f"report-{world.beat.code}-" in response["Content-Disposition"]
    assert int(response["Content-Length"]) == len(PDF_BYTES)


def test_the_pdf_answers_304_to_its_etag(client, world):
    revision = revision_of(world.beat)
    response = client.get(pdf_url(revision), HTTP_IF_NONE_MATCH=f'"x", "{PDF_SHA256}"')
    assert response.status_code == 304
    assert response["ETag"] == f'"{PDF_SHA256}"'
    assert not response.content


def test_an_unknown_revision_is_404(client, db):
    assert client.get(reverse("public-report-pdf", args=[987654])).status_code == 404
    assert client.get("/reports/99999999999999999999/pdf/").status_code == 404


def test_the_middleware_serves_nothing_but_a_stored_revision(rf, world):
    passed = []

    def view(request):
        passed.append(request.path)
        return HttpResponseNotFound()

    middleware = StoredReportPdfMiddleware(view)
    # No revision with this id: the view answers (a 404), nothing is served.
    assert middleware(rf.get("/reports/424242/pdf/")).status_code == 404
    # Not a GET, or not the PDF's address: the view answers.
    revision = revision_of(world.beat)
    assert middleware(rf.post(pdf_url(revision))).status_code == 404
    assert middleware(rf.get(pdf_url(revision) + "x/")).status_code == 404
    assert len(passed) == 3
    assert middleware(rf.get(pdf_url(revision))).status_code == 200
    assert len(passed) == 3


def test_a_process_keeps_the_pdf_info_for_a_while(client, world, settings):
    settings.STORED_PDF_MEMO_SECONDS = 60
    revision = revision_of(world.beat)
    try:
        get(client, pdf_url(revision))
        with mock.patch("residents.pdf_files.published.cached", side_effect=AssertionError):
            response = get(client, pdf_url(revision))
        assert b"".join(response.streaming_content) == PDF_BYTES
    finally:
        pdf_files._memo.clear()


# --- the query string ----------------------------------------------------------------------


def test_parameters_a_page_does_not_read_keep_no_copy_of_their_own(client, world):
    """Random parameters cannot fill the cache: a page is kept only under the parameters its
    view reads, and a request with others is answered from that copy, never stored apart."""
    url = beat_url(world.beat)
    for n in range(3):
        response = get(client, f"{url}?x={n}&utm_source=mail")
        assert response.page_cache == "not-stored"
        assert f"x={n}".encode() in response.content  # the view's own page, as asked
    assert get(client, url).page_cache == "miss"
    assert get(client, f"{url}?x=4").page_cache == "hit"
    events = reverse("events")
    assert get(client, f"{events}?area={world.area.pk}&y=1").page_cache == "not-stored"
    assert get(client, f"{events}?area={world.area.pk}").page_cache == "miss"
    assert get(client, f"{events}?area={world.area.pk}&y=2").page_cache == "hit"
    assert get(client, f"{events}?area={world.other_area.pk}&y=2").page_cache == "not-stored"


def test_the_api_keeps_no_copy_for_parameters_it_does_not_read(client, world):
    url = reverse("api-v1:beat-list")
    first = get(client, f"{url}?limit=1&junk=1")
    assert first.page_cache == "not-stored"
    assert "junk=1" in first.json()["next"]
    assert get(client, f"{url}?limit=1").page_cache == "miss"
    second = get(client, f"{url}?limit=1&junk=2")
    assert second.page_cache == "hit"
    assert "junk" not in second.json()["next"]


def test_the_api_key_names_every_parameter_of_every_operation():
    from api.endpoints import API_PARAMS, api

    schema = api.get_openapi_schema()
    read = {
        parameter["name"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", ())
        if parameter["in"] == "query"
    }
    assert read and read <= set(API_PARAMS)


def test_a_pdf_address_with_a_query_string_goes_through_the_checks(client, world):
    """The middleware runs before the portal's checks of a request: it leaves any address
    with a query string to them, and to the view."""
    revision = revision_of(world.beat)
    assert client.get(pdf_url(revision) + "?q=ab%00c").status_code == 400
    response = client.get(pdf_url(revision) + "?from=mail")
    assert response.status_code == 200 and response["ETag"] == f'"{PDF_SHA256}"'


def test_a_street_moved_to_another_beat_leaves_both_pages_stale(client, world, commit):
    with commit():
        street = BeatStreet.objects.create(
            beat=world.beat, name_ru="улица Переходная", name_kk="Ауыспалы көшесі"
        )
    old, new = beat_url(world.beat), beat_url(world.colleague_beat)
    assert "улица Переходная" in get(client, old).content.decode()
    assert "улица Переходная" not in get(client, new).content.decode()
    with commit():
        street.beat = world.colleague_beat
        street.save()
    assert "улица Переходная" not in get(client, old).content.decode()
    assert "улица Переходная" in get(client, new).content.decode()


def test_a_meeting_moved_to_another_beat_leaves_both_pages_stale(client, world, commit):
    with commit():
        meeting = announced_meeting(world.beat)
    old, new = beat_url(world.beat), beat_url(world.colleague_beat)
    get(client, old), get(client, new)
    with commit():
        meeting.beat = world.colleague_beat
        meeting.save()
    assert get(client, old).page_cache == "miss"
    assert get(client, new).page_cache == "miss"


def test_a_lost_published_version_never_brings_an_old_page_back(client, world):
    revision = revision_of(world.beat)
    url = reverse("public-report", args=[revision.pk])
    get(client, url)
    published_cache.bump_published_version()
    cache.delete(published_cache.VERSION_KEY)  # evicted, or Redis restarted without it
    assert get(client, url).page_cache == "miss"
    published_cache.bump_published_version()
    cache.delete(published_cache.VERSION_KEY)
    published_cache.bump_published_version()  # a bump of a lost version starts anew too
    assert get(client, url).page_cache == "miss"


def test_a_renamed_area_shows_on_the_report_page(client, world, commit):
    revision = revision_of(world.beat)
    url = reverse("public-report", args=[revision.pk])
    assert world.area.name in get(client, url).content.decode()
    with commit():
        world.area.name = "Новоназванный район"
        world.area.save()
    assert "Новоназванный район" in get(client, url).content.decode()
