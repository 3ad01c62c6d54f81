"""A report in both state languages: the inspector writes each text in Kazakh and in
Russian, a publication has a version in each (page, PDF, SHA-256), and one language is
published alone only with the reason shown to residents."""

import hashlib
import importlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from portal import work_queues
from portal.models import Role
from reports.models import ReportRevision, ReportStatus
from reports.services import publishing
from tests.builders.reports import build_quarter
from tests.pdf_checks import reader, text_of
from tests.queues import queue_items, queue_keys


@pytest.fixture
def data(world):
    return build_quarter(world)


def submitted(report, **texts):
    for name, value in texts.items():
        setattr(report, name, value)
    report.status = ReportStatus.SUBMITTED
    report.save()
    return report


def supervisor(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    return world.users[Role.SUPERVISOR]


def as_reader(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


# --- what is missing -------------------------------------------------------------------------


def test_a_text_written_in_one_language_only_makes_the_other_missing(data):
    report = data.report
    assert report.missing_languages() == []
    report.measures_kk = ""
    assert report.missing_languages() == ["kk"]
    report.summary_ru = ""
    assert report.missing_languages() == ["kk", "ru"]
    # Nothing written at all is not "missing": the report is assembled from the data.
    for field in ("summary", "measures", "plan_next_quarter", "next_meeting_place"):
        setattr(report, f"{field}_kk", "")
        setattr(report, f"{field}_ru", "")
    assert report.missing_languages() == []


def test_the_editor_shows_both_languages_side_by_side_and_what_is_missing(client, world, data):
    client.force_login(world.inspector)
    url = reverse("report-edit", args=[data.report.pk])
    html = client.get(url).content.decode()
    for field in ("summary", "measures", "plan_next_quarter", "next_meeting_place"):
        assert f'name="{field}_kk"' in html and f'name="{field}_ru"' in html
    assert 'lang="kk"' in html and 'lang="ru"' in html
    assert 'id="missing-languages"' not in html

    response = client.post(
        url,
        {
            "summary_ru": "Только по-русски",
            "summary_kk": "",
            "next_meeting_at": "",
        },
    )
    assert response.status_code == 302
    data.report.refresh_from_db()
    assert data.report.missing_languages() == ["kk"]
    assert 'id="missing-languages"' in client.get(url).content.decode()


# --- publishing ------------------------------------------------------------------------------


def test_with_a_language_missing_publication_needs_its_reason(client, world, data):
    report = submitted(data.report, plan_next_quarter_kk="")
    user = supervisor(client, world)

    with pytest.raises(ValidationError) as refused:
        publishing.report_publish(report=report, user=user)
    assert refused.value.error_dict["single_language_reason"][0].code == "language_missing"
    assert not ReportRevision.objects.exists()

    # The page says so and the form asks for the reason.
    page = client.get(reverse("report-edit", args=[report.pk]))
    assert page.context["publish_form"].missing == ["kk"]
    assert "single_language_reason" in page.context["publish_form"].fields
    response = client.post(reverse("report-publish", args=[report.pk]), {"confirm": "on"})
    assert response.status_code == 200
    assert "single_language_reason" in response.context["publish_form"].errors
    assert not ReportRevision.objects.exists()

    reason = "Переводчик в отпуске, казахская версия будет опубликована исправлением."
    response = client.post(
        reverse("report-publish", args=[report.pk]),
        {"confirm": "on", "single_language_reason": reason},
    )
    (only,) = ReportRevision.objects.all()
    assert response.status_code == 302
    assert (only.language, only.single_language_reason) == ("ru", reason)

    # Residents read why; the API says it too.
    client.logout()
    html = client.get(reverse("public-report", args=[only.pk])).content.decode()
    assert 'id="single-language"' in html and reason in html
    assert "data-other-version" not in html
    item = client.get(reverse("api-v1:report-detail", kwargs={"id": only.pk})).json()
    assert (item["language"], item["translations"]) == ("ru", [])
    assert item["single_language_reason"] == reason


def test_nothing_is_published_when_neither_language_is_complete(world, data):
    report = submitted(data.report, measures_kk="", summary_ru="")
    with pytest.raises(publishing.PublicationBlocked) as blocked:
        publishing.report_publish(
            report=report, user=world.users[Role.SUPERVISOR], single_language_reason="Нет"
        )
    assert blocked.value.error_list[0].code == "no_complete_language"
    assert not ReportRevision.objects.exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_correction_gives_its_reason_in_each_language(world, data):
    report = submitted(data.report)
    user = world.users[Role.SUPERVISOR]
    publishing.report_publish(report=report, user=user)
    with pytest.raises(ValidationError) as refused:
        publishing.report_correct(report=report, user=user, reasons={"ru": "Уточнено"})
    assert set(refused.value.error_dict) == {"reason_kk"}
    assert ReportRevision.objects.count() == 2

    versions = publishing.report_correct(
        report=report, user=user, reasons={"kk": "Нақтыланды", "ru": "Уточнено"}
    )
    assert {(v.number, v.language, v.reason) for v in versions} == {
        (2, "kk", "Нақтыланды"),
        (2, "ru", "Уточнено"),
    }


# --- the two versions ------------------------------------------------------------------------


@pytest.fixture
def published(world, data, no_network):
    report = submitted(data.report)
    versions = publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])
    return {version.language: version for version in versions}


HEADINGS = {"kk": "Учаскелік инспектордың", "ru": "Отчёт участкового инспектора"}
TEXTS = {"kk": "Учаскедегі жағдай тұрақты.", "ru": "Обстановка на участке стабильная."}


def test_both_pdfs_are_valid_hashed_tagged_and_in_their_language(published):
    assert set(published) == {"kk", "ru"}
    for language, version in published.items():
        pdf = default_storage.open(version.pdf.name).read()
        assert version.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
        catalog = reader(pdf).trailer["/Root"]
        assert str(catalog["/Lang"]) == language
        # Tagged: a structure tree for assistive technology, marked as such.
        assert "/StructTreeRoot" in catalog
        assert catalog["/MarkInfo"]["/Marked"]
        text = " ".join(text_of(pdf).split())
        assert HEADINGS[language] in text and TEXTS[language] in text
        other = "ru" if language == "kk" else "kk"
        assert TEXTS[other] not in text


def test_each_page_names_its_language_and_links_to_the_other(client, published):
    for language, version in published.items():
        other = published["ru" if language == "kk" else "kk"]
        html = client.get(reverse("public-report", args=[version.pk])).content.decode()
        assert 'id="version-language"' in html
        assert f'<div lang="{language}">' in html
        assert f'data-other-version="{other.language}"' in html
        assert reverse("public-report", args=[other.pk]) in html
        assert TEXTS[language] in html and TEXTS[other.language] not in html
        assert version.pdf_sha256 in html


def test_the_beat_page_links_to_the_version_in_the_readers_language(client, world, published):
    for language in ("kk", "ru"):
        as_reader(client, language)
        html = client.get(world.beat.get_absolute_url()).content.decode()
        assert reverse("public-report", args=[published[language].pk]) in html
        other = published["ru" if language == "kk" else "kk"]
        assert reverse("public-report", args=[other.pk]) not in html


def test_the_api_lists_each_version_with_its_language_and_the_other(client, published):
    items = client.get(reverse("api-v1:report-list")).json()["items"]
    by_language = {item["language"]: item for item in items}
    assert set(by_language) == {"kk", "ru"}
    for language, item in by_language.items():
        other = published["ru" if language == "kk" else "kk"]
        assert item["id"] == published[language].pk
        assert [(t["id"], t["language"], t["sha256"]) for t in item["translations"]] == [
            (other.pk, other.language, other.pdf_sha256)
        ]
    only_kk = client.get(reverse("api-v1:report-list"), {"language": "kk"}).json()
    assert [item["id"] for item in only_kk["items"]] == [published["kk"].pk]
    assert client.get(reverse("api-v1:report-list"), {"language": "de"}).status_code == 422


# --- the texts written before both languages -------------------------------------------------


def test_texts_written_in_kazakh_move_to_the_kazakh_fields():
    migration = importlib.import_module(
        "reports.migrations.0004_report_texts_in_kazakh_and_russian"
    )
    assert migration._is_kazakh("Учаскедегі жағдай тұрақты.")
    assert not migration._is_kazakh("Обстановка на участке стабильная.")
    assert not migration._is_kazakh("")


# --- the inspector's work queue --------------------------------------------------------------


def test_a_report_in_one_language_waits_in_the_inspectors_queue(client, world, data):
    client.force_login(world.inspector)
    home = client.get(reverse("inspector-home"))
    assert "reports-one-language" not in queue_keys(home)

    data.report.plan_next_quarter_kk = ""
    data.report.save()
    home = client.get(reverse("inspector-home"))
    assert ("reports-one-language", 1, "to_do") in queue_items(home)
    item = work_queues.queue_for(world.inspector)
    (one,) = [i for i in item if i.key == "reports-one-language"]
    listed = client.get(one.url)
    assert list(listed.context["object_list"]) == [data.report]

    # A submitted report is no longer the inspector's to write; others never see it.
    data.report.status = ReportStatus.SUBMITTED
    data.report.save()
    assert "reports-one-language" not in queue_keys(client.get(reverse("inspector-home")))
