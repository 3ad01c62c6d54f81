"""The report-meeting notice for the house entrances: an A4 PDF in Kazakh or Russian with
the meeting, the inspector, the police point and two QR codes (the survey, the beat page)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import MeetingKind, MeetingStatus, MessengerGroup, MessengerPlatform
from portal.models import Role
from portal.qr import qr_data_uri
from tests.factories import MeetingFactory
from tests.pdf_checks import reader, text_of

A4 = (595.28, 841.89)


@pytest.fixture
def kazakh_beat(world):
    area = world.area
    area.name_kk = "Алмалы ауданы"
    area.save()
    point = world.point
    point.name_kk = "№ 1 УПП «Жібек Жолы»"
    point.phone = "+7 727 272 11 00"
    point.reception_hours_kk = "Дс–Жм 9:00–18:00"
    point.save()
    MeetingFactory(
        beat=world.beat,
        kind=MeetingKind.REPORT,
        status=MeetingStatus.PLANNED,
        held_at=timezone.now() + datetime.timedelta(days=10),
        place_kk="№ 9 мектеп, акт залы",
        place_ru="Школа № 9, актовый зал",
        attendance=None,
    )
    return world.beat


def notice(client, world, language, role=Role.INSPECTOR):
    client.force_login(world.users[role])
    return client.get(reverse("beat-notice", args=[world.beat.code]), {"language": language})


def test_the_kazakh_notice_is_an_a4_pdf_with_both_qr_codes(
    client, world, kazakh_beat, fetched, no_network
):
    response = notice(client, world, "kk")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    page = reader(pdf).pages[0]
    assert abs(float(page.mediabox.width) - A4[0]) < 1
    assert abs(float(page.mediabox.height) - A4[1]) < 1
    survey = "http://testserver" + reverse("beat-survey", args=[world.beat.code]) + "?from=notice"
    beat_page = "http://testserver" + world.beat.get_absolute_url()
    # The codes drawn are the codes of exactly these two addresses.
    served = [url for url, ok in fetched if ok and url.startswith("data:")]
    assert qr_data_uri(survey) in served
    assert qr_data_uri(beat_page) in served
    text = text_of(pdf)
    assert survey in text.replace("\n", "")
    text = " ".join(text.split())  # a line may wrap anywhere in a box
    # Kazakh: the area, the police point, the reception hours, the place and the date.
    for needle in ("Алмалы ауданы", "Жібек Жолы", "Дс–Жм 9:00–18:00", "№ 9 мектеп", "жылғы"):
        assert needle in text, needle
    assert "+7 727 272 11 00" in text
    assert world.inspector.last_name in text
    assert no_network == []


def test_the_russian_notice_shows_the_russian_place(client, world, kazakh_beat):
    text = text_of(notice(client, world, "ru").content)
    assert "Школа № 9, актовый зал" in text
    assert "№ 9 мектеп" not in text


def test_without_a_planned_meeting_the_notice_still_prints(client, world):
    response = notice(client, world, "xx")  # an unknown language falls back to Russian
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_the_staff_beat_page_links_to_both_notices_for_the_police(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    html = client.get(reverse("staff-beat-detail", args=[world.beat.code])).content.decode()
    address = reverse("beat-notice", args=[world.beat.code])
    assert f"{address}?language=kk" in html and f"{address}?language=ru" in html

    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    html = client.get(reverse("staff-beat-detail", args=[world.beat.code])).content.decode()
    assert address not in html


def test_an_outsider_gets_404(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    response = client.get(reverse("beat-notice", args=[world.other_beat.code]))
    assert response.status_code == 404


def test_the_notice_carries_the_beats_channels_with_their_qr_codes(
    client, world, kazakh_beat, fetched
):
    group = MessengerGroup.objects.create(
        beat=world.beat,
        label_kk="Абай даңғылы 10, 1–4 кіреберістер",
        label_ru="пр. Абая 10, подъезды 1–4",
        platform=MessengerPlatform.TELEGRAM,
        url="https://t.me/abaya10_dom",
    )
    region = world.area.region
    region.trust_phone = "+7 727 254 40 40"
    region.save()

    pdf = notice(client, world, "kk").content

    text = text_of(pdf)
    assert "Абай даңғылы 10" in text
    assert "+7 727 254 40 40" in text
    served = [url for url, ok in fetched if ok and url.startswith("data:")]
    assert qr_data_uri(group.url) in served
