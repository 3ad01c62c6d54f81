"""The read-only open-data API: OpenAPI document, beats, published reports, public events."""

import datetime
import json
import typing

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate as validate_openapi

from api import schemas as api_schemas
from councils.models import ActionAssistant, ActionVolunteer
from districts.models import PreventiveVisit, ProposalSource
from portal.models import PoliceRank, Role
from portal.periods import quarter_of
from portal.published import bump_published_version
from reports import snapshot
from reports.assembly import assemble
from reports.models import ReportStatus
from tests.builders.events import council_of, planned_meeting, public_action, session
from tests.factories import (
    AssistantFactory,
    BeatFactory,
    BeatStreetFactory,
    PartnerFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    PreventiveVisitFactory,
    ProposalFactory,
    QuarterlyReportFactory,
    ReportRevisionFactory,
    UserFactory,
    VolunteerFactory,
    valid_iin,
)

ENDPOINTS = {
    "/api/v1/openapi.json",
    "/api/v1/",
    "/api/v1/beats",
    "/api/v1/beats/{code}",
    "/api/v1/beats/{code}/trust",
    "/api/v1/reports",
    "/api/v1/reports/{id}",
    "/api/v1/events",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def url(name, **kwargs):
    return reverse(f"api-v1:{name}", kwargs=kwargs)


def get_json(client, address, params=None, status=200, **headers):
    response = client.get(address, params or {}, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def published(beat, *, year=2026, quarter=3, **kwargs):
    return ReportRevisionFactory(
        report__beat=beat, report__year=year, report__quarter=quarter, **kwargs
    )


def same_moment(text, moment):
    """JSON gives local time to the millisecond."""
    value = datetime.datetime.fromisoformat(text)
    assert value.utcoffset() == datetime.timedelta(hours=5)  # Asia/Almaty
    return abs(value - moment) < datetime.timedelta(milliseconds=1)


def queries(client, address, params=None):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, params or {})
    assert response.status_code == 200, response.content
    return len(captured)


# --- the OpenAPI document ----------------------------------------------------------------------


def test_openapi_document_is_valid_and_lists_every_endpoint(client, db):
    document = get_json(client, "/api/v1/openapi.json")
    validate_openapi(document)  # raises on an invalid OpenAPI 3 document
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == ENDPOINTS - {"/api/v1/openapi.json"}
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path  # read-only
        assert "security" not in operations["get"], path  # anonymous


def test_the_document_declares_every_status_an_operation_answers(client, db):
    document = get_json(client, "/api/v1/openapi.json")
    for path, operations in document["paths"].items():
        declared = set(operations["get"]["responses"])
        # Unreadable parameters (422), the database down (503); a missing record (404).
        expected = {"200", "422", "503"} | ({"404"} if "{" in path else set())
        assert declared == expected, path
    schemas = document["components"]["schemas"]
    assert schemas["ValidationError"]["properties"]["detail"]["type"] == "array"
    assert schemas["Error"]["properties"]["detail"]["type"] == "string"


def test_the_document_describes_the_pages_and_the_report_contract(client, db):
    document = get_json(client, "/api/v1/openapi.json")
    components = document["components"]["schemas"]
    assert {"BeatPage", "ReportPage", "EventPage", "ReportDetail", "Snapshot"} <= set(components)
    assert "schema" in components["Snapshot"]["properties"]  # the alias, not schema_
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/api/v1/beats"]["get"]["parameters"]
    }
    assert parameters["limit"]["maximum"] == 200
    assert parameters["limit"]["default"] == 50


def test_no_docs_page_that_would_load_scripts_from_a_cdn(client, db):
    assert client.get("/api/v1/docs").status_code == 404


def test_every_listed_endpoint_answers(client, world):
    revision = published(world.beat)
    samples = {"{code}": world.beat.code, "{id}": str(revision.pk)}
    for path in ENDPOINTS:
        for placeholder, value in samples.items():
            path = path.replace(placeholder, value)
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.json()


def test_the_index_links_the_document_and_the_collections(client, db):
    index = get_json(client, url("index"))
    assert index == {
        "openapi": "http://testserver/api/v1/openapi.json",
        "beats": "http://testserver/api/v1/beats",
        "reports": "http://testserver/api/v1/reports",
        "events": "http://testserver/api/v1/events",
    }


def test_read_only(client, world):
    for address in (url("beat-list"), url("report-list"), url("event-list")):
        assert client.post(address, {}).status_code == 405
        assert client.delete(address).status_code == 405


# --- beats -------------------------------------------------------------------------------------


def test_a_beat_shows_its_point_and_inspectors_work_data(client, world):
    world.inspector.last_name, world.inspector.first_name = "Сапаров", "Ерлан"
    world.inspector.rank, world.inspector.work_phone = PoliceRank.CAPTAIN, "+7 727 272 31 17"
    world.inspector.save()
    BeatStreetFactory(beat=world.beat, name_ru="ул. Абая", name_kk="Абай көшесі", houses="1–45")

    beat = get_json(client, url("beat-detail", code=world.beat.code))

    point = world.point
    assert beat == {
        "code": world.beat.code,
        "number": world.beat.number,
        "area": {"id": world.area.pk, "name": "Алмалинский район"},
        "region": "Алматы",
        "population": 5000,
        "area_km2": 1.5,
        "police_point": {
            "name": point.name,
            "address": point.address,
            "phone": point.phone,
            "reception_hours": point.reception_hours,
        },
        "inspector": {
            "name": "Сапаров Ерлан",
            "rank": "captain",
            "rank_label": "капитан полиции",
            "phone": "+7 727 272 31 17",
        },
        "channels": {"inspector_reception_hours": "", "trust_phone": "", "messenger_groups": []},
        "url": f"http://testserver/beats/{world.beat.code}/",
        "streets": [{"name_ru": "ул. Абая", "name_kk": "Абай көшесі", "houses": "1–45"}],
    }


def test_a_beat_carries_the_public_ways_to_reach_its_inspector(client, world):
    from districts.models import MessengerGroup

    world.region.trust_phone = "+7 727 254 44 44"
    world.region.save()
    world.beat.reception_hours_ru = "Вт, Чт 18:00–20:00"
    world.beat.reception_hours_kk = "Сс, Бс 18:00–20:00"
    world.beat.save()
    MessengerGroup.objects.create(
        beat=world.beat,
        label_ru="Абая 10",
        label_kk="Абай 10",
        platform="telegram",
        url="https://t.me/abaya10",
    )
    MessengerGroup.objects.create(
        beat=world.beat,
        label_ru="Скрытая",
        platform="telegram",
        url="https://t.me/hidden",
        is_active=False,
    )
    expected = {
        "inspector_reception_hours": "Вт, Чт 18:00–20:00",
        "trust_phone": "+7 727 254 44 44",
        "messenger_groups": [
            {"label": "Абая 10", "platform": "telegram", "url": "https://t.me/abaya10"}
        ],
    }
    assert get_json(client, url("beat-detail", code=world.beat.code))["channels"] == expected
    listed = get_json(client, url("beat-list"), {"area": world.area.pk})["items"]
    assert next(b for b in listed if b["code"] == world.beat.code)["channels"] == expected
    kazakh = client.get(url("beat-detail", code=world.beat.code), HTTP_ACCEPT_LANGUAGE="kk").json()[
        "channels"
    ]
    assert kazakh["inspector_reception_hours"] == "Сс, Бс 18:00–20:00"
    assert kazakh["messenger_groups"][0]["label"] == "Абай 10"


def test_a_beat_without_an_inspector(client, world):
    world.beat.inspector = None
    world.beat.save()
    assert get_json(client, url("beat-detail", code=world.beat.code))["inspector"] is None


def test_unknown_beat_is_a_json_404(client, world):
    response = client.get(url("beat-detail", code="no-such-beat"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_beats_are_listed_and_filtered_by_area(client, world):
    page = get_json(client, url("beat-list"))
    assert page["count"] == 4
    assert {b["code"] for b in page["items"]} == {
        b.code for b in (world.beat, world.colleague_beat, world.other_beat, world.far_beat)
    }
    assert page["next"] is None and page["previous"] is None

    in_area = get_json(client, url("beat-list"), {"area": world.area.pk})
    assert [b["code"] for b in in_area["items"]] == [world.beat.code, world.colleague_beat.code]
    assert in_area["count"] == 2
    paged = get_json(client, url("beat-list"), {"area": world.area.pk, "limit": 1})
    assert paged["next"] == f"http://testserver/api/v1/beats?area={world.area.pk}&limit=1&offset=1"


def test_beats_are_found_by_street(client, world):
    BeatStreetFactory(beat=world.beat, name_ru="ул. Абая", name_kk="Абай көшесі")
    BeatStreetFactory(beat=world.other_beat, name_ru="пр. Абая", name_kk="Абай даңғылы")
    BeatStreetFactory(beat=world.far_beat, name_ru="ул. Кабанбай батыра", name_kk="Қабанбай")

    found = get_json(client, url("beat-list"), {"q": "абая"})
    assert {b["code"] for b in found["items"]} == {world.beat.code, world.other_beat.code}
    narrowed = get_json(client, url("beat-list"), {"q": "абая", "area": world.other_area.pk})
    assert [b["code"] for b in narrowed["items"]] == [world.other_beat.code]
    assert get_json(client, url("beat-list"), {"q": "несуществующая"})["items"] == []


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"area": "x"}, {"q": "a" * 101}],
)
def test_bad_parameters_are_refused(client, world, params):
    response = client.get(url("beat-list"), params)
    assert response.status_code == 422
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("name", "params"),
    [
        # Past every id column and past what the databases count: a 422, not a database error.
        ("beat-list", {"area": "99999999999999999999"}),
        ("beat-list", {"offset": "99999999999999999999"}),
        ("report-list", {"offset": "99999999999999999999"}),
        ("event-list", {"area": "99999999999999999999"}),
        # A beat code is a slug: a NUL byte (PostgreSQL refuses it in text) never reaches the
        # database.
        ("report-list", {"beat": "ab\x00c"}),
        ("event-list", {"beat": "ab\x00c"}),
    ],
)
def test_out_of_range_ids_and_malformed_codes_are_refused(client, world, name, params):
    assert client.get(url(name), params).status_code == 422


def test_a_beat_address_that_is_no_code_is_refused(client, world):
    assert client.get(url("beat-detail", code="ab\x00c")).status_code == 422
    assert client.get(url("beat-detail", code="no-such-beat")).status_code == 404


def test_beats_are_paginated_50_by_default_and_at_most_200(client, world):
    point = PolicePointFactory(department=world.department)
    BeatFactory.create_batch(60, police_point=point, inspector=None)  # 64 beats in all

    first = get_json(client, url("beat-list"))
    assert first["count"] == 64
    assert len(first["items"]) == 50
    assert (first["limit"], first["offset"]) == (50, 0)
    assert first["previous"] is None

    second = get_json(client, first["next"])
    assert len(second["items"]) == 14
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/beats?limit=50&offset=0"
    codes = [b["code"] for b in first["items"] + second["items"]]
    assert len(set(codes)) == 64

    small = get_json(client, url("beat-list"), {"limit": 10, "offset": 60})
    assert len(small["items"]) == 4
    assert len(get_json(client, url("beat-list"), {"limit": 200})["items"]) == 64


# --- reports -----------------------------------------------------------------------------------


def test_only_published_reports_in_their_latest_revision(client, world):
    first = published(world.beat)
    second = ReportRevisionFactory(report=first.report, number=2, reason="Исправлена опечатка")
    other = published(world.other_beat, year=2026, quarter=2)
    for status, beat in [
        (ReportStatus.DRAFT, world.colleague_beat),
        (ReportStatus.SUBMITTED, world.far_beat),
        (ReportStatus.RETURNED, world.other_beat),
    ]:
        QuarterlyReportFactory(beat=beat, status=status)

    page = get_json(client, url("report-list"))

    assert page["count"] == 2
    assert [r["id"] for r in page["items"]] == [second.pk, other.pk]  # newest quarter first
    item = page["items"][0]
    assert item == {
        "id": second.pk,
        "beat": world.beat.code,
        "year": 2026,
        "quarter": 3,
        "revision": 2,
        "language": "ru",
        "published_at": item["published_at"],
        "url": f"http://testserver/reports/{second.pk}/",
        "pdf_url": f"http://testserver/reports/{second.pk}/pdf/",
        "sha256": second.pdf_sha256,
        "translations": [],
        "single_language_reason": "",
    }
    assert same_moment(item["published_at"], second.published_at)


def test_reports_are_filtered_by_beat_year_and_quarter(client, world):
    a = published(world.beat, year=2026, quarter=3)
    b = published(world.beat, year=2026, quarter=2)
    c = published(world.other_beat, year=2025, quarter=3)

    def ids(**params):
        return [r["id"] for r in get_json(client, url("report-list"), params)["items"]]

    assert ids(beat=world.beat.code) == [a.pk, b.pk]
    assert ids(year=2025) == [c.pk]
    assert ids(quarter=3) == [a.pk, c.pk]
    assert ids(beat=world.beat.code, year=2026, quarter=2) == [b.pk]
    assert ids(beat="no-such-beat") == []
    assert client.get(url("report-list"), {"quarter": 5}).status_code == 422


def test_reports_are_paginated(client, world):
    for year in range(2010, 2022):
        published(world.beat, year=year)
    page = get_json(client, url("report-list"), {"limit": 5, "offset": 10})
    assert page["count"] == 12
    assert [r["year"] for r in page["items"]] == [2011, 2010]
    assert page["next"] is None
    assert page["previous"].endswith("?limit=5&offset=5")


def test_a_report_gives_every_section_of_its_snapshot(client, world):
    revision = published(world.beat)

    report = get_json(client, url("report-detail", id=revision.pk))

    # Nothing public is dropped, nothing is changed.
    assert report["snapshot"] == json.loads(json.dumps(revision.snapshot))
    assert report["snapshot"]["statistics"]["total"]["previous"] == 8
    assert report["is_latest"] is True
    assert report["latest_id"] == revision.pk
    assert report["reason"] == ""
    assert [r["id"] for r in report["revisions"]] == [revision.pk]


def test_an_earlier_revision_stays_readable_and_points_to_the_latest(client, world):
    first = published(world.beat)
    second = ReportRevisionFactory(report=first.report, number=2, reason="Уточнена статистика")

    report = get_json(client, url("report-detail", id=first.pk))

    assert report["id"] == first.pk and report["revision"] == 1
    assert report["is_latest"] is False
    assert report["latest_id"] == second.pk
    assert [(r["id"], r["reason"]) for r in report["revisions"]] == [
        (second.pk, "Уточнена статистика"),
        (first.pk, ""),
    ]


def test_unknown_report_is_a_json_404(client, world):
    draft = QuarterlyReportFactory(beat=world.beat)
    for address in (url("report-detail", id=999999), url("report-detail", id=draft.pk + 1000)):
        response = client.get(address)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}
    assert client.get(url("report-detail", id="abc")).status_code == 422


def _typeddict_in(hint):
    if typing.is_typeddict(hint):
        return hint
    for arg in typing.get_args(hint):
        if found := _typeddict_in(arg):
            return found
    return None


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, api_schemas.Schema):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


def assert_mirrors(typed, model):
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    assert set(fields) == set(typed.__annotations__), typed.__name__
    for key, hint in typing.get_type_hints(typed).items():
        nested = _typeddict_in(hint)
        if nested is not None:
            assert_mirrors(nested, _model_in(fields[key].annotation))


def test_the_api_schema_mirrors_the_snapshot_contract():
    """A field added to reports/snapshot.py must be added to the API (or this fails)."""
    assert_mirrors(snapshot.Snapshot, api_schemas.Snapshot)


# --- events ------------------------------------------------------------------------------------


def test_upcoming_public_events_are_listed_and_filtered(client, world):
    partner = PartnerFactory(area=world.area, name="Школа № 12", phone="+7 727 311 22 33")
    action = public_action(world.area, [world.beat], title="Безопасный двор", partners=[partner])
    other = public_action(world.other_area, [world.other_beat], title="Семья без насилия", days=5)
    meeting = planned_meeting(world.beat, days=4)
    sitting = session(council_of(world.department), days=6)
    internal = public_action(world.area, [world.beat], title="Внутренний рейд")
    internal.is_public = False
    internal.save()

    page = get_json(client, url("event-list"))
    assert [e["id"] for e in page["items"]] == [
        f"action-{action.pk}",
        f"meeting-{meeting.pk}",
        f"action-{other.pk}",
        f"session-{sitting.pk}",
    ]
    first = page["items"][0]
    assert first["kind"] == "action"
    assert first["title"] == "Безопасный двор"
    assert first["area"] == {"id": world.area.pk, "name": "Алмалинский район"}
    assert first["beats"] == [
        {
            "code": world.beat.code,
            "number": world.beat.number,
            "url": f"http://testserver/beats/{world.beat.code}/",
        }
    ]
    assert first["partners"] == ["Школа № 12"]
    assert same_moment(first["starts_at"], action.starts_at)

    def ids(**params):
        return [e["id"] for e in get_json(client, url("event-list"), params)["items"]]

    assert ids(beat=world.beat.code) == [f"action-{action.pk}", f"meeting-{meeting.pk}"]
    assert ids(area=world.other_area.pk) == [f"action-{other.pk}"]
    assert ids(beat="no-such-beat") == []
    assert ids(limit=2, offset=1) == [f"meeting-{meeting.pk}", f"action-{other.pk}"]


def test_events_are_paginated(client, world):
    for days in range(1, 8):
        public_action(world.area, [world.beat], days=days)
    first = get_json(client, url("event-list"), {"limit": 3})
    assert len(first["items"]) == 3
    assert first["next"].endswith("?limit=3&offset=3")
    last = get_json(client, url("event-list"), {"limit": 3, "offset": 6})
    assert len(last["items"]) == 1
    assert last["next"] is None
    assert client.get(url("event-list"), {"offset": 1001}).status_code == 422


# --- personal data -----------------------------------------------------------------------------


class PersonalData:
    """Personal data next to everything the API publishes, each a string it must never show."""

    def __init__(self, world):
        iin = valid_iin(datetime.date(1987, 3, 14), "F", start=501)
        self.assistant = AssistantFactory(
            beat=world.beat,
            last_name="Засекреченная",
            first_name="Айгерим",
            iin=iin,
            phone="+7 701 555 19 83",
            address="ул. Потаённая, 77, кв. 13",
        )
        self.proposal = ProposalFactory(
            meeting__beat=world.beat,
            source=ProposalSource.RESIDENT_SITE,
            resident_name="Секретов Иван Петрович",
            resident_contact="ivan.sekretov@example.kz",
        )
        self.visit = PreventiveVisitFactory(
            beat=world.beat, address="ул. Тайная, 5, кв. 9", reference="ПУ-7731"
        )
        self.volunteer = VolunteerFactory(
            area=world.area,
            last_name="Неизвестнов",
            phone="+7 705 444 33 21",
            birth_date=datetime.date(2000, 5, 1),
        )
        self.partner = PartnerFactory(
            area=world.area, name="ОСИ «Бахыт-10»", phone="+7 727 300 40 50", email="osi@x.kz"
        )
        action = public_action(
            world.area, [world.beat], title="Безопасный двор", partners=[self.partner]
        )
        ActionAssistant.objects.create(action=action, assistant=self.assistant, hours=2)
        ActionVolunteer.objects.create(action=action, volunteer=self.volunteer, hours=3)
        planned_meeting(world.beat)
        session(council_of(world.department))
        self.revision = published(world.beat, year=2020)
        # A snapshot assembled from the real records of this quarter, as publication does.
        year, quarter = quarter_of(timezone.localdate())
        report = QuarterlyReportFactory(
            beat=world.beat, year=year, quarter=quarter, status=ReportStatus.PUBLISHED
        )
        self.assembled = ReportRevisionFactory(
            report=report, snapshot=assemble(report, language="ru")
        )
        self.strings = [
            iin,
            self.assistant.last_name,
            self.assistant.phone,
            self.assistant.address,
            str(self.assistant.birth_date),
            self.proposal.resident_name,
            self.proposal.resident_contact,
            self.visit.address,
            self.visit.reference,
            self.volunteer.last_name,
            self.volunteer.phone,
            str(self.volunteer.birth_date),
            self.partner.phone,
            self.partner.email,
        ]


def test_no_personal_data_in_any_response(client, world):
    data = PersonalData(world)
    assert PreventiveVisit.objects.filter(address="ул. Тайная, 5, кв. 9").exists()
    # The published snapshots themselves are free of personal data (their contract).
    for revision in (data.revision, data.assembled):
        revision.refresh_from_db()
        stored = json.dumps(revision.snapshot, ensure_ascii=False)
        assert [s for s in data.strings if s in stored] == []
    assert data.assembled.snapshot["residents"]["preventive_visits"] in (0, 1)  # a count

    addresses = [
        url("index"),
        "/api/v1/openapi.json",
        url("beat-list"),
        url("beat-list") + f"?area={world.area.pk}",
        url("beat-list") + "?q=" + str(world.beat.number),
        url("beat-detail", code=world.beat.code),
        url("report-list"),
        url("report-list") + f"?beat={world.beat.code}",
        url("report-detail", id=data.revision.pk),
        url("report-detail", id=data.assembled.pk),
        url("event-list"),
        url("event-list") + f"?beat={world.beat.code}",
        url("event-list") + f"?area={world.area.pk}",
    ]
    for address in addresses:
        for language in ("ru", "kk", "en"):
            response = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, address
            body = response.content.decode()
            readable = json.dumps(response.json(), ensure_ascii=False)
            leaked = [s for s in data.strings if s in body or s in readable]
            assert leaked == [], (address, leaked)
    # The action they took part in is listed, with its partner's name only.
    events = client.get(url("event-list")).json()["items"]
    action = next(e for e in events if e["kind"] == "action")
    assert action["partners"] == ["ОСИ «Бахыт-10»"]


def test_staff_see_the_same_public_data(client, world):
    data = PersonalData(world)
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])  # may see personal data elsewhere
    body = client.get(url("event-list")).content.decode()
    assert data.assistant.phone not in body and data.volunteer.phone not in body


# --- caching -----------------------------------------------------------------------------------


def test_a_second_call_is_served_from_the_cache_without_queries(
    client, world, django_assert_num_queries
):
    revision = published(world.beat)
    public_action(world.area, [world.beat])
    for address in (
        url("beat-list"),
        url("beat-list") + f"?area={world.area.pk}",
        url("beat-detail", code=world.beat.code),
        url("report-list"),
        url("report-detail", id=revision.pk),
        url("event-list"),
    ):
        first = client.get(address)
        with django_assert_num_queries(0):
            second = client.get(address)
        assert second.status_code == 200
        assert second.content == first.content
        assert second["Cache-Control"] in ("public, max-age=300", "max-age=300, public")


def test_publishing_clears_the_cache(client, world):
    published(world.beat, year=2026, quarter=2)
    assert get_json(client, url("report-list"))["count"] == 1
    published(world.other_beat, year=2026, quarter=2)
    assert get_json(client, url("report-list"))["count"] == 1  # still the cached answer
    bump_published_version()  # what publication does
    assert get_json(client, url("report-list"))["count"] == 2


def test_the_cache_is_kept_per_language_and_query(client, world):
    world.area.name_kk = "Алмалы ауданы"
    world.area.save()
    address = url("beat-detail", code=world.beat.code)
    assert get_json(client, address, HTTP_ACCEPT_LANGUAGE="ru")["area"]["name"] == (
        "Алмалинский район"
    )
    assert get_json(client, address, HTTP_ACCEPT_LANGUAGE="kk")["area"]["name"] == "Алмалы ауданы"
    assert get_json(client, url("beat-list"), {"limit": 1})["count"] == 4
    assert len(get_json(client, url("beat-list"), {"limit": 2})["items"]) == 2


def test_errors_are_not_cached(client, world):
    address = url("beat-detail", code="new-beat")
    assert client.get(address).status_code == 404
    assert "Cache-Control" not in client.get(address)
    BeatFactory(code="new-beat", police_point=world.point)
    assert client.get(address).status_code == 200


# --- query counts ------------------------------------------------------------------------------


def _grow(world, size, *, year):
    point = PolicePointFactory(department=world.department)
    council = council_of(PoliceDepartmentFactory(area=world.area))
    inspector = UserFactory(role=Role.INSPECTOR, department=world.department)
    for n in range(size):
        beat = BeatFactory(police_point=point, inspector=inspector)
        BeatStreetFactory(beat=beat, name_ru=f"ул. Абая {n}")
        BeatStreetFactory(beat=world.beat, name_ru=f"ул. Сатпаева {n}", name_kk=f"Сәтбаев {n}")
        published(beat, year=2020 + n % 5, quarter=1 + n % 4)
        partner = PartnerFactory(area=world.area)
        public_action(world.area, [beat, world.beat], days=n + 1, partners=[partner])
        planned_meeting(beat, days=n + 2)
        session(council, days=n + 3)
    first = published(world.beat, year=year, quarter=4)
    for number in range(2, size + 2):
        ReportRevisionFactory(report=first.report, number=number, reason="Исправление")
    return first


def _counts(client, world, revision):
    return [
        queries(client, url("beat-list")),
        queries(client, url("beat-list"), {"area": world.area.pk}),
        queries(client, url("beat-list"), {"q": "абая"}),
        queries(client, url("beat-detail", code=world.beat.code)),
        queries(client, url("report-list")),
        queries(client, url("report-list"), {"beat": world.beat.code}),
        queries(client, url("report-detail", id=revision.pk)),
        queries(client, url("event-list")),
        queries(client, url("event-list"), {"beat": world.beat.code}),
    ]


def test_query_counts_do_not_grow_with_the_data(client, world):
    small = _counts(client, world, _grow(world, 1, year=2030))
    large = _counts(client, world, _grow(world, 8, year=2031))
    assert small == large, (small, large)
    # Beats: a count, a page and its messenger groups; reports: a count, a page and the other
    # language's versions.
    assert large[:7] == [3, 3, 2, 3, 3, 3, 2]
    assert max(large) <= 6
