"""`manage.py seed_scale`: a small synthetic country that holds together, and the refusal to
touch a database with data of its own."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext

from councils.models import JointAction
from districts.models import Beat, BeatStreet, Meeting, Region
from portal.models import Role, User
from reports.models import QuarterlyReport, ReportRevision, ReportStatus
from tests.factories import RegionFactory
from volunteers.models import Assistant, AssistantStatus, Certificate, CertificateState, Duty
from volunteers.services.lifecycle import step_options

BEATS = 12
S = AssistantStatus


def seed_scale(**options):
    out = io.StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """One country for the module's tests, rolled back after the last (as module_world);
    its PDF is stored under a media folder of its own, which `country` makes the tests'."""
    media = tmp_path_factory.mktemp("scale-media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        seed_scale(beats=BEATS)
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def country(built, db, settings):
    settings.MEDIA_ROOT = built


def test_refuses_a_database_with_data_of_its_own(db):
    # First in the module: it needs a database without the country.
    RegionFactory()
    with pytest.raises(CommandError) as refusal:
        seed_scale(beats=2)
    assert str(refusal.value) == gettext(
        "The database holds regions or users not made by seed_scale: it "
        "fills only an empty database, and nothing was written."
    )
    assert not Beat.objects.exists() and not User.objects.exists()
    assert Region.objects.count() == 1


def test_every_beat_is_reachable_through_its_chain(country):
    beats = Beat.objects.select_related("police_point__department__area__region", "inspector")
    assert beats.count() == BEATS
    for beat in beats:
        region = beat.police_point.department.area.region
        assert region.name.startswith("SYN ")
        assert beat.inspector.role == Role.INSPECTOR
        assert beat.inspector.department_id == beat.police_point.department_id
        assert beat.code.startswith("syn-")
    assert BeatStreet.objects.count() == 4 * BEATS
    assert Region.objects.count() == 1


def test_the_benchmark_accounts_sign_in_with_the_password(country, client):
    roles = {
        "scale-admin": Role.ADMINISTRATOR,
        "scale-regional": Role.REGIONAL_REGISTRAR,
        "scale-akimat": Role.AKIMAT_REGISTRAR,
        "scale-supervisor": Role.SUPERVISOR,
        "scale-inspector": Role.INSPECTOR,
        "scale-secretary": Role.COUNCIL_SECRETARY,
    }
    users = {u.username: u for u in User.objects.filter(username__in=roles)}
    assert {name: users[name].role for name in roles} == roles
    first_beat = Beat.objects.get(code="syn-00001")
    assert first_beat.inspector == users["scale-inspector"]
    assert users["scale-supervisor"].department_id == first_beat.police_point.department_id
    area = first_beat.police_point.department.area
    assert users["scale-akimat"].area_id == users["scale-secretary"].area_id == area.pk
    assert users["scale-regional"].region_id == area.region_id
    assert users["scale-admin"].is_staff
    assert users["scale-admin"].check_password("scale-pass-2026")
    assert not User.objects.exclude(username__startswith="scale-").exists()


def test_every_assistant_is_in_a_valid_state(country):
    assistants = list(Assistant.objects.select_related("beat__police_point__department"))
    assert len(assistants) == 10 * BEATS
    assert {a.status for a in assistants} == set(S.values)
    today = timezone.localdate()
    seen = set()
    for assistant in assistants:
        if assistant.status not in seen or assistant.pk % 4 == 0:
            assistant.full_clean()  # the first of every status, and a quarter of the rest
        seen.add(assistant.status)
        certificates = list(assistant.certificates.all())
        held = [c for c in certificates if c.state == CertificateState.ISSUED]
        registered = assistant.status in (S.REGISTERED, S.CERTIFIED, S.ACTIVE, S.SUSPENDED)
        assert bool(assistant.registration_number) == (
            registered or assistant.status == S.DEREGISTERED
        )
        assert bool(held) == (assistant.status in (S.CERTIFIED, S.ACTIVE, S.SUSPENDED))
        options = step_options(assistant, today=today)
        if assistant.status == S.SUSPENDED:
            assert options["resume"] == []
        if assistant.status == S.CERTIFIED:
            assert "activate" in options
        if assistant.status == S.ACTIVE:
            # What admitted them to duties still holds: a valid certificate, the briefing.
            assert assistant.trainings.filter(kind="art7_briefing").exists()
            assert held[0].valid_until > today
        if assistant.status == S.DEREGISTERED:
            assert [c.state for c in certificates] == [CertificateState.REVOKED]
        if assistant.status == S.REFUSED:
            assert assistant.refused_on and assistant.refusal_reason
    for certificate in Certificate.objects.all():
        certificate.full_clean()
    duties = Duty.objects.select_related("assistant")
    assert duties.exists()
    assert {d.assistant.status for d in duties} == {S.ACTIVE}


def test_the_work_is_proportional_to_the_beats(country):
    out = seed_scale_counts()
    activity = sum(
        out[name]
        for name in [
            "Meeting",
            "Proposal",
            "DoorToDoorRound",
            "RoundStreet",
            "PreventiveVisit",
            "Appeal",
            "ServiceRecord",
            "ProblemSpot",
            "ProblemMeasure",
            "ChecklistMark",
            "OffenceStatistic",
        ]
    )
    assert 300 * BEATS <= activity <= 450 * BEATS
    assert out["Beat"] == BEATS and out["Assistant"] == 10 * BEATS
    now = timezone.now()
    assert Meeting.objects.filter(is_public=True, held_at__gt=now).exists()
    assert JointAction.objects.filter(is_public=True, starts_at__gt=now).exists()


def seed_scale_counts():
    from django.apps import apps

    return {
        model.__name__: model.objects.count()
        for model in apps.get_models()
        if model.__name__
        in {
            "Meeting",
            "Proposal",
            "DoorToDoorRound",
            "RoundStreet",
            "PreventiveVisit",
            "Appeal",
            "ServiceRecord",
            "ProblemSpot",
            "ProblemMeasure",
            "ChecklistMark",
            "OffenceStatistic",
            "Beat",
            "Assistant",
        }
    }


def test_published_reports_are_readable_and_share_one_pdf(country, client):
    revisions = ReportRevision.objects.select_related("report__beat")
    assert revisions.count() == BEATS * 4 * 2
    assert len({(r.pdf.name, r.pdf_sha256) for r in revisions}) == 1
    assert not QuarterlyReport.objects.filter(status=ReportStatus.PUBLISHED, revisions=None)
    last = revisions.order_by("-pk").first()
    assert last.snapshot["beat"]["code"] == last.report.beat.code
    page = client.get(last.get_absolute_url())
    assert page.status_code == 200
    pdf = client.get(f"{last.get_absolute_url()}pdf/")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert pdf["ETag"] == f'"{last.pdf_sha256}"'


def test_refuses_to_build_a_second_country(country):
    with pytest.raises(CommandError):
        seed_scale(beats=2)
    assert Beat.objects.count() == BEATS
