"""Names residents read come in Kazakh and Russian: the calendar page, the iCal feed and the
API give the reader's language, and the other one when the reader's is empty; staff forms
take both versions."""

import datetime
import importlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from councils.models import Campaign, CouncilSession, JointAction, PublicCouncil
from councils.services.actions import DEFAULT_CAMPAIGNS, campaigns_ensure_defaults, is_raid
from districts.models import Meeting, MeetingKind, MeetingStatus
from portal.models import Role
from reports.assembly import assemble
from reports.services.publishing import render_report_pdf
from tests.builders.events import council_of, later, planned_meeting, public_action, session
from tests.builders.reports import build_quarter
from tests.factories import JointActionFactory, MeetingFactory
from tests.pdf_checks import text_of

KAZAKH = {"HTTP_ACCEPT_LANGUAGE": "kk"}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the iCal feed and the API keep their answers for a while
    yield
    cache.clear()


@pytest.fixture
def events(world):
    """A public action and an open council session with both languages, and an announced
    meeting written in Russian only."""
    action = public_action(world.area, [world.beat], title="Безопасный двор на Абая")
    action.title_kk, action.place_ru, action.place_kk = (
        "Абай көшесіндегі қауіпсіз аула",
        "Двор дома 12 по ул. Абая",
        "Абай көшесі, 12 үйдің ауласы",
    )
    action.save()
    council = council_of(world.department)
    council.name_kk = "Алмалы ауданы полиция басқармасы жанындағы қоғамдық кеңес"
    council.save()
    open_session = session(council)
    open_session.place_kk, open_session.agenda_kk = "УП мәжіліс залы", "Өтініштермен жұмыс"
    open_session.save()
    meeting = planned_meeting(world.beat)
    meeting.place_ru = "Школа № 9, актовый зал"
    meeting.save()
    return action, open_session, meeting


def test_the_calendar_page_reads_kazakh_and_falls_back_to_russian(client, events):
    action, open_session, meeting = events
    html = client.get(reverse("events"), **KAZAKH).content.decode()
    assert "Абай көшесіндегі қауіпсіз аула" in html
    assert "Абай көшесі, 12 үйдің ауласы" in html
    assert "Алмалы ауданы полиция басқармасы жанындағы қоғамдық кеңес" in html
    assert "Безопасный двор на Абая" not in html
    assert "Школа № 9, актовый зал" in html  # no Kazakh place: the Russian one
    russian = client.get(reverse("events"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Безопасный двор на Абая" in russian
    assert "Абай көшесіндегі қауіпсіз аула" not in russian


def test_the_ical_feed_reads_kazakh_and_falls_back_to_russian(client, events):
    action, open_session, meeting = events
    feed = Calendar.from_ical(client.get(reverse("events-ics"), **KAZAKH).content)
    entries = {str(e["uid"]).split("@")[0]: e for e in feed.walk("VEVENT")}
    assert str(entries[f"action-{action.pk}"]["summary"]) == "Абай көшесіндегі қауіпсіз аула"
    assert str(entries[f"action-{action.pk}"]["location"]).startswith(
        "Абай көшесі, 12 үйдің ауласы"
    )
    council_entry = entries[f"session-{open_session.pk}"]
    assert str(council_entry["summary"]) == open_session.council.name_kk
    assert "Өтініштермен жұмыс" in str(council_entry["description"])
    assert str(entries[f"meeting-{meeting.pk}"]["location"]).startswith("Школа № 9")


def test_the_api_reads_kazakh_and_falls_back_to_russian(client, events):
    action, open_session, meeting = events
    items = client.get(reverse("api-v1:event-list"), **KAZAKH).json()["items"]
    by_id = {item["id"]: item for item in items}
    assert by_id[f"action-{action.pk}"]["title"] == "Абай көшесіндегі қауіпсіз аула"
    assert by_id[f"action-{action.pk}"]["place"] == "Абай көшесі, 12 үйдің ауласы"
    assert by_id[f"session-{open_session.pk}"]["title"] == open_session.council.name_kk
    assert by_id[f"session-{open_session.pk}"]["place"] == "УП мәжіліс залы"
    assert by_id[f"meeting-{meeting.pk}"]["place"] == "Школа № 9, актовый зал"
    russian = client.get(reverse("api-v1:event-list"), HTTP_ACCEPT_LANGUAGE="ru").json()
    titles = {item["id"]: item["title"] for item in russian["items"]}
    assert titles[f"action-{action.pk}"] == "Безопасный двор на Абая"


def test_a_name_given_in_kazakh_only_reaches_russian_readers(client, world):
    action = public_action(world.area, [world.beat], title="")
    JointAction.objects.filter(pk=action.pk).update(title_ru="", title_kk="Тек қазақша")
    items = client.get(reverse("api-v1:event-list"), HTTP_ACCEPT_LANGUAGE="ru").json()["items"]
    assert [i["title"] for i in items if i["id"] == f"action-{action.pk}"] == ["Тек қазақша"]


# --- staff forms ---------------------------------------------------------------------------


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def action_data(world, **changes):
    start = later(3)
    data = {
        "title_kk": "Мектептегі құқықтық сабақ",
        "title_ru": "Правовой урок в школе",
        "area": world.area.pk,
        "beats": [world.beat.pk],
        "starts_at": local_input(start),
        "ends_at": local_input(start + datetime.timedelta(hours=2)),
        "place_kk": "№ 12 мектеп, мәжіліс залы",
        "place_ru": "Школа № 12, актовый зал",
        "is_public": "on",
    }
    return {**data, **changes}


def test_the_action_form_saves_both_languages(client, world):
    client.force_login(world.inspector)
    response = client.post(reverse("action-create"), action_data(world))
    assert response.status_code == 302
    action = JointAction.objects.get()
    assert (action.title_kk, action.title_ru) == (
        "Мектептегі құқықтық сабақ",
        "Правовой урок в школе",
    )
    assert (action.place_kk, action.place_ru) == (
        "№ 12 мектеп, мәжіліс залы",
        "Школа № 12, актовый зал",
    )


def test_the_form_shows_the_two_short_inputs_side_by_side_with_their_language(client, world):
    client.force_login(world.inspector)
    html = client.get(reverse("action-create")).content.decode()
    kk, ru = html.index('name="title_kk"'), html.index('name="title_ru"')
    row = html.rindex('class="row', 0, kk)
    assert row < kk < ru and html.count('class="row', row, ru) == 1
    assert 'lang="kk"' in html[html.rindex("<input", 0, kk) : ru]
    form = client.get(reverse("action-create")).context["form"]
    assert form.fields["title_ru"].required and not form.fields["title_kk"].required


def test_one_language_is_enough_and_none_is_refused(client, world):
    client.force_login(world.inspector)
    data = action_data(world, title_ru="", place_ru="")
    assert client.post(reverse("action-create"), data).status_code == 302
    action = JointAction.objects.get()
    assert not action.title_ru and action.title_kk == "Мектептегі құқықтық сабақ"
    with translation.override("ru"):
        assert action.title == "Мектептегі құқықтық сабақ"
    data = action_data(world, title_ru="", title_kk="")
    response = client.post(reverse("action-create"), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("title_ru", "required")
    assert JointAction.objects.count() == 1


def test_a_kazakh_reader_is_asked_for_the_kazakh_name(client, world):
    client.force_login(world.inspector)
    client.cookies.load({"django_language": "kk"})
    response = client.post(reverse("action-create"), action_data(world, title_kk="", title_ru=""))
    form = response.context["form"]
    assert form.has_error("title_kk", "required") and "title_ru" not in form.errors


def test_the_meeting_form_saves_both_languages(client, world):
    client.force_login(world.inspector)
    data = {
        "beat": world.beat.pk,
        "kind": MeetingKind.REPORT,
        "status": MeetingStatus.PLANNED,
        "held_at": local_input(later(4)),
        "place_kk": "№ 9 мектеп, мәжіліс залы",
        "place_ru": "Школа № 9, актовый зал",
        "topics_kk": "Тоқсандағы есеп",
        "topics_ru": "Отчёт за квартал",
        "is_public": "on",
        "proposals-TOTAL_FORMS": "0",
        "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0",
        "proposals-MAX_NUM_FORMS": "1000",
    }
    assert client.post(reverse("meeting-create"), data).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.place_kk, meeting.place_ru) == (
        "№ 9 мектеп, мәжіліс залы",
        "Школа № 9, актовый зал",
    )
    assert (meeting.topics_kk, meeting.topics_ru) == ("Тоқсандағы есеп", "Отчёт за квартал")


def test_the_council_and_session_forms_save_both_languages(client, world):
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    today = timezone.localdate()
    data = {
        "department": world.department.pk,
        "name_kk": "Қоғамдық кеңес",
        "name_ru": "Общественный совет",
        "term_start": today.isoformat(),
        "term_end": (today + datetime.timedelta(days=1000)).isoformat(),
    }
    assert client.post(reverse("council-create"), data).status_code == 302
    council = PublicCouncil.objects.get()
    assert (council.name_kk, council.name_ru) == ("Қоғамдық кеңес", "Общественный совет")
    url = reverse("councilsession-create", args=[council.pk])
    form = client.get(url).context["form"]
    # The police body's address, in both languages, to start with.
    assert form.initial["place_ru"] == world.department.address_ru
    data = {
        "held_at": local_input(later(5)),
        "place_kk": "Мәжіліс залы",
        "place_ru": "Актовый зал",
        "agenda_kk": "Өтініштер",
        "agenda_ru": "Обращения",
        "is_open": "on",
    }
    assert client.post(url, data).status_code == 302
    saved = CouncilSession.objects.get()
    assert (saved.place_kk, saved.agenda_kk, saved.agenda_ru) == (
        "Мәжіліс залы",
        "Өтініштер",
        "Обращения",
    )


# --- what the translation must not break ---------------------------------------------------


def test_counts_per_beat_are_not_split_by_the_default_ordering(world):
    for hours in (1, 2, 3):
        MeetingFactory(beat=world.beat, held_at=timezone.now() - datetime.timedelta(hours=hours))
    rows = list(Meeting.objects.values("beat").annotate(n=Count("pk")))
    assert rows == [{"beat": world.beat.pk, "n": 3}]
    # The default ordering still applies to a plain list.
    assert list(Meeting.objects.all()) == sorted(
        Meeting.objects.all(), key=lambda m: -m.held_at.timestamp()
    )


def test_default_campaigns_have_kazakh_names_whatever_the_reader(db):
    Campaign.objects.create(name_ru=DEFAULT_CAMPAIGNS[0].name, name=DEFAULT_CAMPAIGNS[0].name)
    with translation.override("kk"):
        campaigns_ensure_defaults()
    names = dict(Campaign.objects.values_list("name_ru", "name_kk"))
    assert names == {c.name: c.name_kk for c in DEFAULT_CAMPAIGNS}


def test_a_raid_is_known_by_its_kazakh_title_too(world):
    action = JointActionFactory(area=world.area, title="Профилактика")
    action.title_kk = "Түнгі рейд"
    assert is_raid(action)


def historical_apps(app, migration):
    """The models as the migration sees them: without modeltranslation's rewriting."""
    return MigrationLoader(connection).project_state((app, migration)).apps


@pytest.mark.parametrize(
    ("app", "migration", "fields"),
    [
        ("councils", "0003_resident_facing_names_in_kk_and_ru", ("title", "place")),
        ("districts", "0009_meeting_place_and_topics_in_kk_and_ru", ("place", "topics")),
    ],
)
def test_the_migration_makes_the_single_name_the_russian_one(world, app, migration, fields):
    if app == "councils":
        record = JointActionFactory(area=world.area)
    else:
        record = MeetingFactory(beat=world.beat)
    rows = type(record).objects.rewrite(False).filter(pk=record.pk)
    rows.update(**{f"{f}_{lang}": None for f in fields for lang in ("ru", "kk")})
    rows.update(**{f: f"старое {f}" for f in fields})
    importlib.import_module(f"{app}.migrations.{migration}").to_russian(
        historical_apps(app, migration), None
    )
    row = rows.values(*[f"{f}_{lang}" for f in fields for lang in ("ru", "kk")]).get()
    assert row == {
        **{f"{f}_ru": f"старое {f}" for f in fields},
        **{f"{f}_kk": None for f in fields},
    }


def test_staff_lists_find_a_name_in_either_language(client, world, events):
    action, open_session, _meeting = events
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    for words in ("көшесіндегі", "Безопасный двор"):
        found = client.get(reverse("action-list"), {"q": words}).context["object_list"]
        assert list(found) == [action], words
    for words in ("басқармасы жанындағы", "Общественный совет"):
        found = client.get(reverse("council-list"), {"q": words}).context["object_list"]
        assert list(found) == [open_session.council], words


def test_a_kazakh_report_and_its_pdf_name_the_actions_and_the_rank_in_kazakh(world):
    data = build_quarter(world)
    action = JointAction.objects.get(title_ru="Безопасный двор")
    action.title_kk = "Қауіпсіз аула"
    action.save()
    snapshot = assemble(data.report, language="kk")
    titles = [a["title"] for a in snapshot["joint_work"]["actions"]]
    assert "Қауіпсіз аула" in titles and "Безопасный двор" not in titles
    assert "Рейд по торговым точкам" in titles  # no Kazakh title: the Russian one
    assert snapshot["beat"]["inspector"]["rank"] == "полиция капитаны"
    pdf = render_report_pdf(snapshot, number=1, published_at=timezone.now())
    text = " ".join(text_of(pdf).split())
    assert "Қауіпсіз аула" in text and "полиция капитаны" in text
