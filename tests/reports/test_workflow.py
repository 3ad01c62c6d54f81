"""The report's pages and workflow: create, edit with a live preview, submit, return, publish,
correct; who may take each step; immutability of what was published; flat query counts."""

import hashlib

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from portal import published as cache
from portal.models import Role
from portal.periods import quarter_of
from reports import notifications
from reports.models import QuarterlyReport, ReportRevision, ReportStatus
from reports.services import publishing
from tests.builders.reports import QUARTER, REPORT_SECTIONS, YEAR, build_quarter, local
from tests.factories import (
    AppealFactory,
    BeatFactory,
    MeetingFactory,
    QuarterlyReportFactory,
    ReportRevisionFactory,
    UserFactory,
)


def levels(response):
    return [m.level_tag for m in get_messages(response.wsgi_request)]


def login(client, world, role):
    client.force_login(world.users[role])
    return world.users[role]


@pytest.fixture
def data(world):
    return build_quarter(world)


def submitted(report):
    report.status = ReportStatus.SUBMITTED
    report.save()
    return report


def publish(client, world, report, **extra):
    login(client, world, Role.SUPERVISOR)
    return client.post(reverse("report-publish", args=[report.pk]), {"confirm": "on", **extra})


# --- the list ----------------------------------------------------------------------------------


def test_the_list_is_scoped_and_filters(client, world):
    mine = QuarterlyReportFactory(beat=world.beat, year=2025, quarter=3)
    mine_old = QuarterlyReportFactory(
        beat=world.beat, year=2025, quarter=2, status=ReportStatus.PUBLISHED
    )
    colleague = QuarterlyReportFactory(
        beat=world.colleague_beat, year=2025, quarter=3, status=ReportStatus.SUBMITTED
    )
    other = QuarterlyReportFactory(beat=world.other_beat, year=2025, quarter=3)

    login(client, world, Role.INSPECTOR)
    response = client.get(reverse("report-list"))
    assert response.status_code == 200
    assert set(response.context["object_list"]) == {mine, mine_old}
    assert response.context["can_write"] is True

    login(client, world, Role.SUPERVISOR)
    url = reverse("report-list")
    assert set(client.get(url).context["object_list"]) == {mine, mine_old, colleague}
    assert client.get(url).context["can_write"] is False
    assert list(client.get(url, {"status": "submitted"}).context["object_list"]) == [colleague]
    assert list(client.get(url, {"quarter": 2}).context["object_list"]) == [mine_old]
    assert set(client.get(url, {"year": 2025, "beat": world.beat.pk}).context["object_list"]) == {
        mine,
        mine_old,
    }

    login(client, world, Role.ADMINISTRATOR)
    assert other in client.get(url).context["object_list"]


def test_roles_outside_the_police_cannot_open_reports(client, world):
    report = QuarterlyReportFactory(beat=world.beat)
    for role in (Role.AKIMAT_REGISTRAR, Role.COUNCIL_SECRETARY, Role.REGIONAL_REGISTRAR):
        login(client, world, role)
        assert client.get(reverse("report-list")).status_code == 403
        assert client.get(reverse("report-edit", args=[report.pk])).status_code == 403


# --- create ------------------------------------------------------------------------------------


def test_the_inspector_creates_a_report_for_the_current_quarter_by_default(client, world):
    login(client, world, Role.INSPECTOR)
    response = client.get(reverse("report-create"))
    assert response.status_code == 200
    form = response.context["form"]
    year, quarter = quarter_of(timezone.localdate())
    assert (form.initial["year"], form.initial["quarter"]) == (year, quarter)
    assert form.initial["beat"] == world.beat.pk  # the only beat is preselected
    assert list(form.fields["beat"].queryset) == [world.beat]

    response = client.post(
        reverse("report-create"), {"beat": world.beat.pk, "year": YEAR, "quarter": QUARTER}
    )
    report = QuarterlyReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("report-edit", args=[report.pk])
    assert (report.beat, report.year, report.quarter, report.status) == (
        world.beat,
        YEAR,
        QUARTER,
        ReportStatus.DRAFT,
    )


def test_a_second_report_for_the_same_quarter_is_refused_with_a_clear_message(client, world):
    existing = QuarterlyReportFactory(beat=world.beat, year=YEAR, quarter=QUARTER)
    login(client, world, Role.INSPECTOR)
    response = client.post(
        reverse("report-create"), {"beat": world.beat.pk, "year": YEAR, "quarter": QUARTER}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["quarter"]] == ["exists"]
    assert not form.non_field_errors()
    assert form.existing == existing
    assert reverse("report-edit", args=[existing.pk]) in response.content.decode()
    assert QuarterlyReport.objects.count() == 1


def test_bad_input_on_create_saves_nothing(client, world):
    login(client, world, Role.INSPECTOR)
    year, quarter = quarter_of(timezone.localdate())
    future = (year + 1, 1)
    cases = [
        {"beat": world.other_beat.pk, "year": YEAR, "quarter": QUARTER},  # not my beat
        {"beat": world.beat.pk, "year": future[0], "quarter": future[1]},  # not begun
        {"beat": world.beat.pk, "year": 1999, "quarter": 1},
        {"beat": world.beat.pk, "year": YEAR, "quarter": 5},
    ]
    for case in cases:
        response = client.post(reverse("report-create"), case)
        assert response.status_code == 200, case
        assert response.context["form"].errors, case
        assert "error" in levels(response)
    assert QuarterlyReport.objects.count() == 0


def test_a_supervisor_does_not_create_reports(client, world):
    login(client, world, Role.SUPERVISOR)
    assert client.get(reverse("report-create")).status_code == 403
    response = client.post(
        reverse("report-create"), {"beat": world.beat.pk, "year": YEAR, "quarter": QUARTER}
    )
    assert response.status_code == 403
    assert QuarterlyReport.objects.count() == 0


# --- edit and preview --------------------------------------------------------------------------


def test_the_draft_page_shows_the_live_preview_of_every_section(client, world, data):
    login(client, world, Role.INSPECTOR)
    response = client.get(reverse("report-edit", args=[data.report.pk]))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview["residents"]["meetings"] == 2
    assert preview["summary"] == data.report.summary_ru  # the page is in Russian
    html = response.content.decode()
    for anchor in REPORT_SECTIONS:
        assert f'id="{anchor}"' in html, anchor
    assert "Сапаров Ерлан Маратович" in html
    assert "Безопасный двор" in html and "Установить освещение во дворе домов 12–14" in html
    assert "<svg" in html  # the chart
    assert response.context["editable"] and response.context["can_submit"]
    assert not response.context["can_review"]


def test_the_inspector_edits_the_texts_and_the_preview_follows(client, world, data):
    login(client, world, Role.INSPECTOR)
    url = reverse("report-edit", args=[data.report.pk])
    response = client.post(
        url,
        {
            "summary_ru": "Новый <b>текст</b> для жителей",
            "summary_kk": "Тұрғындарға арналған жаңа мәтін",
            "measures_ru": "Меры",
            "measures_kk": "Шаралар",
            "plan_next_quarter_ru": "План",
            "plan_next_quarter_kk": "Жоспар",
            "next_meeting_at": "2030-01-15T18:30",
            "next_meeting_place_ru": "Школа № 9",
            "next_meeting_place_kk": "№ 9 мектеп",
        },
    )
    assert response.status_code == 302 and response.url == url
    data.report.refresh_from_db()
    assert data.report.summary_ru == "Новый <b>текст</b> для жителей"
    assert data.report.summary_kk == "Тұрғындарға арналған жаңа мәтін"
    assert data.report.missing_languages() == []
    assert timezone.localtime(data.report.next_meeting_at).hour == 18
    html = client.get(url).content.decode()
    assert "Новый &lt;b&gt;текст&lt;/b&gt; для жителей" in html  # escaped, never obeyed
    assert "<b>текст</b>" not in html


def test_a_meeting_in_the_past_is_refused(client, world, data):
    login(client, world, Role.INSPECTOR)
    response = client.post(
        reverse("report-edit", args=[data.report.pk]),
        {"summary_ru": "Другое", "next_meeting_at": "2020-01-15T18:30"},
    )
    assert response.status_code == 200
    assert "next_meeting_at" in response.context["text_form"].errors
    data.report.refresh_from_db()
    assert data.report.summary_ru == "Обстановка на участке стабильная."


def test_the_supervisor_reads_the_draft_but_cannot_change_it(client, world, data):
    login(client, world, Role.SUPERVISOR)
    url = reverse("report-edit", args=[data.report.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert all(field.disabled for field in response.context["text_form"].fields.values())
    assert not response.context["can_submit"]
    assert client.post(url, {"summary_ru": "Чужой текст"}).status_code == 403
    data.report.refresh_from_db()
    assert data.report.summary_ru == "Обстановка на участке стабильная."


def test_another_inspector_or_department_gets_404(client, world, data):
    stranger = UserFactory(role=Role.INSPECTOR, department=world.department)
    BeatFactory(police_point=world.point, inspector=stranger)
    client.force_login(stranger)
    assert client.get(reverse("report-edit", args=[data.report.pk])).status_code == 404
    outsider = UserFactory(role=Role.SUPERVISOR, department=world.other_department)
    client.force_login(outsider)
    assert client.get(reverse("report-edit", args=[data.report.pk])).status_code == 404
    for name in ("report-return", "report-publish", "report-correct"):
        assert client.post(reverse(name, args=[data.report.pk]), {}).status_code == 404, name


def test_texts_cannot_change_once_submitted(client, world, data):
    submitted(data.report)
    login(client, world, Role.INSPECTOR)
    url = reverse("report-edit", args=[data.report.pk])
    response = client.get(url)
    assert all(field.disabled for field in response.context["text_form"].fields.values())
    response = client.post(url, {"summary_ru": "Поздно"})
    assert response.status_code == 302 and levels(response)[-1] == "error"
    data.report.refresh_from_db()
    assert data.report.summary_ru == "Обстановка на участке стабильная."


# --- submit and return -------------------------------------------------------------------------


def test_submit_return_and_submit_again(client, world, data):
    report = data.report
    login(client, world, Role.INSPECTOR)
    assert client.get(reverse("report-submit", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT  # a GET changes nothing

    response = client.post(reverse("report-submit", args=[report.pk]))
    assert response.status_code == 302 and levels(response)[-1] == "success"
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at

    # Submitting twice is impossible: a message, nothing changed.
    response = client.post(reverse("report-submit", args=[report.pk]))
    assert levels(response)[-1] == "error"

    login(client, world, Role.SUPERVISOR)
    page = client.get(reverse("report-edit", args=[report.pk]))
    assert page.context["can_review"] and not page.context["can_correct"]
    response = client.post(reverse("report-return", args=[report.pk]), {"comment": "  "})
    assert response.status_code == 200
    assert "comment" in response.context["return_form"].errors
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    response = client.post(
        reverse("report-return", args=[report.pk]), {"comment": "Добавьте итоги рейдов"}
    )
    assert response.status_code == 302 and levels(response)[-1] == "success"
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.supervisor_comment == "Добавьте итоги рейдов"

    # Returned: the inspector can edit and submit again.
    login(client, world, Role.INSPECTOR)
    page = client.get(reverse("report-edit", args=[report.pk]))
    assert page.context["editable"]
    assert "Добавьте итоги рейдов" in page.content.decode()
    client.post(reverse("report-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_impossible_returns_change_nothing(client, world, data):
    login(client, world, Role.SUPERVISOR)
    response = client.post(reverse("report-return", args=[data.report.pk]), {"comment": "Да"})
    assert response.status_code == 302 and levels(response)[-1] == "error"
    data.report.refresh_from_db()
    assert data.report.status == ReportStatus.DRAFT and data.report.supervisor_comment == ""


def test_who_may_take_which_step(client, world, data):
    report = submitted(data.report)
    login(client, world, Role.INSPECTOR)
    for name in ("report-return", "report-publish", "report-correct"):
        assert client.post(reverse(name, args=[report.pk]), {"confirm": "on"}).status_code == 403
    login(client, world, Role.SUPERVISOR)
    assert client.post(reverse("report-submit", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert not ReportRevision.objects.exists()


# --- publish -----------------------------------------------------------------------------------


def test_the_supervisor_publishes_in_kazakh_and_in_russian(
    client, world, data, django_capture_on_commit_callbacks
):
    report = submitted(data.report)
    version = cache.published_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, world, report)
    versions = {r.language: r for r in ReportRevision.objects.all()}
    assert set(versions) == {"kk", "ru"}
    assert response.status_code == 302
    # The reviewer sees the version in the language of the page (Russian here).
    assert response.url == reverse("report-revision", args=[versions["ru"].pk])
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    texts = {"kk": "Учаскедегі жағдай тұрақты.", "ru": "Обстановка на участке стабильная."}
    for language, revision in versions.items():
        assert (revision.number, revision.reason, revision.single_language_reason) == (1, "", "")
        assert revision.published_by == world.users[Role.SUPERVISOR]
        assert revision.snapshot["language"] == language
        assert revision.snapshot["summary"] == texts[language]
        assert revision.snapshot["residents"]["meetings"] == 2
        assert revision.pdf.name == f"reports/{report.beat.code}/2025-Q3-r1-{language}.pdf"
        stored = default_storage.open(revision.pdf.name).read()
        assert stored.startswith(b"%PDF-")
        assert revision.pdf_sha256 == hashlib.sha256(stored).hexdigest()
        pdf = client.get(reverse("report-revision-pdf", args=[revision.pk]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content) == stored
    assert versions["kk"].pdf_sha256 != versions["ru"].pdf_sha256
    assert cache.published_version() == version + 1  # published pages are recomputed

    page = client.get(response.url)
    assert page.status_code == 200
    assert versions["ru"].pdf_sha256 in page.content.decode()


def test_the_notification_hook_is_called_after_commit(
    client, world, data, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(notifications, "report_published", calls.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(client, world, submitted(data.report))
    assert calls == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert [sorted(r.language for r in revisions) for revisions in calls] == [["kk", "ru"]]


def test_a_supervisor_of_another_department_gets_404_and_nothing_happens(client, world, data):
    report = submitted(data.report)
    client.force_login(UserFactory(role=Role.SUPERVISOR, department=world.other_department))
    response = client.post(reverse("report-publish", args=[report.pk]), {"confirm": "on"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not ReportRevision.objects.exists()


def test_only_a_submitted_report_is_published(client, world, data):
    response = publish(client, world, data.report)  # still a draft
    assert response.status_code == 302 and levels(response)[-1] == "error"
    assert not ReportRevision.objects.exists()
    data.report.refresh_from_db()
    assert data.report.status == ReportStatus.DRAFT


def test_without_confirmation_nothing_is_published(client, world, data):
    submitted(data.report)
    login(client, world, Role.SUPERVISOR)
    response = client.post(reverse("report-publish", args=[data.report.pk]), {})
    assert response.status_code == 200
    assert "confirm" in response.context["publish_form"].errors
    assert not ReportRevision.objects.exists()


def test_a_failing_pdf_saves_nothing(client, world, data, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(publishing, "render_pdf", broken)
    report = submitted(data.report)
    response = publish(client, world, report)
    assert response.status_code == 302 and levels(response)[-1] == "error"
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert not ReportRevision.objects.exists()
    assert not default_storage.exists(f"reports/{report.beat.code}")


def test_a_failing_save_removes_the_stored_file(world, data, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(ReportRevision, "save", refuse)
    report = submitted(data.report)
    with pytest.raises(RuntimeError):
        publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])
    _dirs, files = default_storage.listdir(f"reports/{report.beat.code}")
    assert files == []
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


# --- immutability and corrections --------------------------------------------------------------


def test_the_published_snapshot_and_pdf_do_not_change_with_the_data(client, world, data):
    report = submitted(data.report)
    publish(client, world, report)
    first = ReportRevision.objects.get(language="ru")
    snapshot = first.snapshot
    pdf = default_storage.open(first.pdf.name).read()

    meeting = report.beat.meetings.get(held_at=local(YEAR, 8, 14, 18))
    meeting.attendance = 300
    meeting.save()
    AppealFactory(beat=report.beat, received_on=local(YEAR, 8, 3).date())
    inspector = report.beat.inspector
    inspector.last_name = "Переименованный"
    inspector.save()

    first.refresh_from_db()
    assert first.snapshot == snapshot
    assert default_storage.open(first.pdf.name).read() == pdf
    assert first.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    # The staff page shows what was published, not today's data.
    page = client.get(reverse("report-revision", args=[first.pk]))
    assert page.context["shown"]["residents"]["attendance"] == 50
    assert "Переименованный" not in page.content.decode()

    # A correction: a reason is required…
    url = reverse("report-correct", args=[report.pk])
    response = client.post(url, {"reason_kk": "", "reason_ru": "", "confirm": "on"})
    assert response.status_code == 200
    assert {"reason_kk", "reason_ru"} <= set(response.context["correct_form"].errors)
    assert ReportRevision.objects.count() == 2

    # …and revision 2 carries today's data; revision 1 stays as it was, and readable.
    response = client.post(
        url,
        {
            "reason_kk": "Қатысу саны нақтыланды",
            "reason_ru": "Уточнена посещаемость",
            "confirm": "on",
        },
    )
    second = ReportRevision.objects.get(number=2, language="ru")
    assert ReportRevision.objects.get(number=2, language="kk").reason == "Қатысу саны нақтыланды"
    assert response.url == reverse("report-revision", args=[second.pk])
    assert second.reason == "Уточнена посещаемость"
    assert second.snapshot["residents"]["attendance"] == 320
    assert second.snapshot["residents"]["appeals_received"] == 4
    assert second.snapshot["beat"]["inspector"]["name"].startswith("Переименованный")
    assert second.pdf.name == f"reports/{report.beat.code}/2025-Q3-r2-ru.pdf"
    first.refresh_from_db()
    assert first.snapshot == snapshot
    assert default_storage.open(first.pdf.name).read() == pdf
    assert client.get(reverse("report-revision", args=[first.pk])).status_code == 200
    old_pdf = client.get(reverse("report-revision-pdf", args=[first.pk]))
    assert b"".join(old_pdf.streaming_content) == pdf
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_a_revision_refuses_changes(world):
    revision = ReportRevisionFactory(report__beat=world.beat)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        revision.save()
    with pytest.raises(ValidationError):
        revision.delete()


def test_only_a_published_report_is_corrected(client, world, data):
    login(client, world, Role.SUPERVISOR)
    submitted(data.report)
    response = client.post(
        reverse("report-correct", args=[data.report.pk]),
        {"reason_kk": "Қате", "reason_ru": "Ошибка", "confirm": "on"},
    )
    assert response.status_code == 302 and levels(response)[-1] == "error"
    assert not ReportRevision.objects.exists()
    with pytest.raises(publishing.TransitionRefused):
        publishing.report_correct(
            report=data.report, user=world.users[Role.SUPERVISOR], reasons={"kk": "x", "ru": "x"}
        )


def test_the_published_report_page_offers_a_correction_to_reviewers_only(client, world, data):
    publish(client, world, submitted(data.report))
    page = client.get(reverse("report-edit", args=[data.report.pk]))
    assert page.context["can_correct"] and not page.context["editable"]
    assert len(page.context["revisions"]) == 2  # the Kazakh and the Russian version
    login(client, world, Role.INSPECTOR)
    page = client.get(reverse("report-edit", args=[data.report.pk]))
    assert not (
        page.context["can_correct"] or page.context["editable"] or page.context["can_submit"]
    )


# --- revisions ---------------------------------------------------------------------------------


def test_revisions_are_scoped(client, world):
    revision = ReportRevisionFactory(report__beat=world.beat)
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        login(client, world, role)
        assert client.get(reverse("report-revision", args=[revision.pk])).status_code == 200
        assert client.get(reverse("report-revision-pdf", args=[revision.pk])).status_code == 200
    client.force_login(UserFactory(role=Role.SUPERVISOR, department=world.other_department))
    assert client.get(reverse("report-revision", args=[revision.pk])).status_code == 404
    assert client.get(reverse("report-revision-pdf", args=[revision.pk])).status_code == 404
    login(client, world, Role.COUNCIL_SECRETARY)
    assert client.get(reverse("report-revision", args=[revision.pk])).status_code == 403


# --- query counts ------------------------------------------------------------------------------


def _count(client, url, django_assert_max_num_queries, limit=60):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _more_reports(world, count):
    for n in range(count):
        beat = BeatFactory(police_point=world.point, inspector=world.inspector)
        report = QuarterlyReportFactory(beat=beat, year=2024, quarter=1 + n % 4)
        if n % 2:
            ReportRevisionFactory(report=report)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR])
def test_report_list_queries_do_not_grow(client, world, role, django_assert_max_num_queries):
    login(client, world, role)
    _more_reports(world, 2)
    url = reverse("report-list")
    small = _count(client, url, django_assert_max_num_queries)
    _more_reports(world, 15)
    assert _count(client, url, django_assert_max_num_queries) == small


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR])
def test_report_edit_queries_do_not_grow(client, world, role, django_assert_max_num_queries):
    data = build_quarter(world)
    login(client, world, role)
    url = reverse("report-edit", args=[data.report.pk])
    small = _count(client, url, django_assert_max_num_queries)
    for n in range(10):
        MeetingFactory(beat=data.beat, held_at=local(YEAR, 8, 1 + n))
        AppealFactory(beat=data.beat, received_on=local(YEAR, 8, 1 + n).date())
    build_quarter(world, beat=world.colleague_beat, extra=5)
    assert _count(client, url, django_assert_max_num_queries) == small


def test_revision_page_queries_do_not_grow(client, world, django_assert_max_num_queries):
    login(client, world, Role.SUPERVISOR)
    revision = ReportRevisionFactory(report__beat=world.beat)
    url = reverse("report-revision", args=[revision.pk])
    small = _count(client, url, django_assert_max_num_queries)
    report = revision.report
    for number in range(2, 8):
        ReportRevisionFactory(report=report, number=number, reason="Исправление")
    assert _count(client, url, django_assert_max_num_queries) == small
