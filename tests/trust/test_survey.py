"""A resident answers a beat's anonymous survey: once per device per quarter, within the
rate limit per address, with a honeypot, and nothing kept about the sender."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from districts.models.survey import CommentStatus, Source, SurveyResponse
from portal.periods import current_quarter
from trust.views import survey

ANSWERS = {
    "trust": "4",
    "safety": "3",
    "knows_inspector": "2",
    "satisfaction": "4",
    "problem": "lighting",
    "comment": "",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The rate limit counts in the cache.
    cache.clear()
    yield
    cache.clear()


def url(beat, source=None):
    address = reverse("beat-survey", args=[beat.code])
    return f"{address}?from={source}" if source else address


def post(client, beat, source=None, **data):
    return client.post(url(beat, source), {**ANSWERS, **data})


def test_the_form_has_a_labelled_question_for_each_answer_and_a_hidden_trap(client, world):
    response = client.get(url(world.beat))

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("trust", "safety", "knows_inspector", "satisfaction", "problem"):
        assert f'name="{name}"' in html
        assert 'type="radio"' in html
    assert 'for="id_comment"' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_an_answer_is_saved_for_the_running_quarter_without_anything_about_the_sender(
    client, world
):
    response = post(client, world.beat, source="notice", comment="  Темно   во дворе  ")

    assert response.status_code == 302
    assert response.url == reverse("beat-survey-thanks", args=[world.beat.code])
    answer = SurveyResponse.objects.get()
    quarter = current_quarter()
    assert (answer.beat, answer.year, answer.quarter) == (world.beat, *quarter)
    assert (answer.trust, answer.safety, answer.knows_inspector, answer.satisfaction) == (
        4,
        3,
        2,
        4,
    )
    assert answer.problem == "lighting"
    assert answer.source == Source.NOTICE
    assert answer.comment == "Темно во дворе"
    assert answer.comment_status == CommentStatus.NEW
    # Rounded to the hour; no field holds an address, an agent or a cookie.
    assert (answer.answered_at.minute, answer.answered_at.second) == (0, 0)
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "user_agent", "user", "session", "cookie"}
    assert client.get(response.url).status_code == 200


def test_one_answer_per_device_per_quarter(client, world):
    assert post(client, world.beat).status_code == 302

    again = post(client, world.beat, trust="1")

    assert again.status_code == 200
    assert 'id="survey-answered"' in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    # The form is not offered again to this device either.
    assert 'id="survey-answered"' in client.get(url(world.beat)).content.decode()
    # Another beat is another survey; another device answers the same beat.
    assert post(client, world.colleague_beat).status_code == 302
    assert post(Client(), world.beat).status_code == 302
    assert SurveyResponse.objects.count() == 3


def test_a_mark_from_last_quarter_or_a_forged_one_does_not_count(client, world, settings):
    quarter = current_quarter()
    previous = quarter.previous()
    name = f"{survey.COOKIE_PREFIX}{world.beat.code}"
    response = Client().get("/")  # any response can sign a cookie the way the view does
    response.set_signed_cookie(
        name, f"{world.beat.code}:{previous.year}-{previous.number}", salt=survey.COOKIE_SALT
    )
    client.cookies[name] = response.cookies[name].value
    assert post(client, world.beat).status_code == 302

    forged = Client()
    forged.cookies[name] = f"{world.beat.code}:{quarter.year}-{quarter.number}"
    assert post(forged, world.beat).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_the_mark_is_signed_and_names_only_the_beat_and_quarter(client, world):
    post(client, world.beat)
    cookie = client.cookies[f"{survey.COOKIE_PREFIX}{world.beat.code}"]
    quarter = current_quarter()

    assert cookie.value.startswith(f"{world.beat.code}:{quarter.year}-{quarter.number}:")
    assert cookie["httponly"]
    assert int(cookie["max-age"]) > 0


def test_the_rate_limit_per_address_refuses_politely(world, monkeypatch):
    monkeypatch.setattr(survey, "SURVEY_RATE", "2/h")
    for _ in range(2):
        assert post(Client(), world.beat).status_code == 302  # two devices, one address

    refused = post(Client(), world.beat)

    assert refused.status_code == 429
    assert 'id="rate-limited"' in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert SurveyResponse.objects.count() == 2
    assert post(Client(REMOTE_ADDR="10.1.2.3"), world.beat).status_code == 302
    assert Client().get(url(world.beat)).status_code == 200


def test_one_address_fills_one_beat_only_so_far_a_day(world, monkeypatch):
    # A script that drops the cookie on each answer: the beat's own limit stops it.
    monkeypatch.setattr(survey, "BEAT_RATE", "2/d")
    assert [post(Client(), world.beat).status_code for _ in range(3)] == [302, 302, 429]

    assert post(Client(), world.colleague_beat).status_code == 302
    assert SurveyResponse.objects.filter(beat=world.beat).count() == 2


def test_a_filled_trap_saves_nothing(client, world):
    response = post(client, world.beat, website="http://spam.example")

    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "bad", [{"trust": "6"}, {"trust": ""}, {"safety": "x"}, {"problem": "aliens"}]
)
def test_bad_answers_come_back_with_the_form_and_save_nothing(client, world, bad):
    response = post(client, world.beat, **bad)

    assert response.status_code == 200
    assert 'id="survey-form"' in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_too_long_comment_is_refused(client, world):
    response = post(client, world.beat, comment="а" * 501)

    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


def test_an_unknown_beat_is_404(client, world):
    assert client.get(reverse("beat-survey", args=["no-such-beat"])).status_code == 404


def test_an_unknown_source_is_read_as_a_plain_link(client, world):
    post(client, world.beat, source="evil")
    assert SurveyResponse.objects.get().source == Source.LINK


def test_the_cookie_lives_until_the_quarter_ends(client, world):
    post(client, world.beat)
    cookie = client.cookies[f"{survey.COOKIE_PREFIX}{world.beat.code}"]
    days = int(cookie["max-age"]) / 86400
    assert days <= 92 + 4
    assert datetime.timedelta(days=days) > datetime.timedelta(0)
