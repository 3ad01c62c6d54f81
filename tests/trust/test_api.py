"""The open-data API's trust index of a beat: counts, share and interval per completed
quarter, suppressed below the minimum sample, and nothing personal or per answer."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.periods import current_quarter
from tests.builders.trust import answers
from trust.selectors import public_quarters

FIELDS = {
    "year",
    "quarter",
    "total",
    "positive",
    "share",
    "low",
    "high",
    "suppressed",
    "min_sample",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, beat):
    return client.get(reverse("api-v1:beat-trust", args=[beat.code]))


def test_the_last_eight_completed_quarters_newest_first(client, world):
    *_earlier, before, last = public_quarters()
    answers(world.beat, last, positive=8, total=10, comment="Мой сосед Иванов, кв. 5")
    answers(world.beat, before, positive=2, total=3)
    answers(world.beat, current_quarter(), positive=5, total=50)  # still running: not shown

    response = get(client, world.beat)

    assert response.status_code == 200
    body = response.json()
    assert body["beat"] == world.beat.code and body["min_sample"] == 10
    quarters = body["quarters"]
    assert len(quarters) == 8
    assert (quarters[0]["year"], quarters[0]["quarter"]) == tuple(last)
    assert quarters[0] == {
        "year": last.year,
        "quarter": last.number,
        "total": 10,
        "positive": 8,
        "share": 0.8,
        "low": 0.4902,
        "high": 0.9433,
        "suppressed": False,
        "min_sample": 10,
    }
    assert quarters[1]["total"] == 3 and quarters[1]["suppressed"]
    assert quarters[1]["positive"] is None and quarters[1]["share"] is None
    assert all(set(q) == FIELDS for q in quarters)
    assert "Иванов" not in response.content.decode()


def test_an_unknown_beat_is_404_and_a_bad_code_422(client, world):
    assert client.get(reverse("api-v1:beat-trust", args=["no-such-beat"])).status_code == 404
    assert client.get("/api/v1/beats/bad%20code/trust").status_code == 422


def test_the_openapi_document_describes_it(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/beats/{code}/trust" in document["paths"]
    schema = document["components"]["schemas"]["BeatTrust"]
    assert set(schema["properties"]) == {"beat", "min_sample", "quarters"}
