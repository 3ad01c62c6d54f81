"""The beat's channels: the inspector's reception hours, messenger groups with QR codes and
the region's trust phone, kept by the beat's inspector and shown on the beat's page."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from districts.forms.channels import MessengerGroupForm
from districts.models import MessengerGroup, MessengerPlatform
from districts.selectors.channels import CHANNELS_RELATED, beat_channels
from portal.models import Role
from tests.factories import BeatFactory, UserFactory

WHATSAPP, TELEGRAM = MessengerPlatform.WHATSAPP, MessengerPlatform.TELEGRAM


def group(beat, *, platform=TELEGRAM, url="https://t.me/abaya10", **kwargs):
    values = {"label_ru": "Абая 10, подъезды 1–4", "label_kk": "Абай 10, 1–4 кіреберіс"}
    values.update(kwargs)
    return MessengerGroup.objects.create(beat=beat, platform=platform, url=url, **values)


# --- the link ---------------------------------------------------------------------------------


GOOD = [
    (WHATSAPP, "https://chat.whatsapp.com/Fz1aB2cD3eF4gH5iJ6kL7m"),
    (WHATSAPP, "https://wa.me/77010000000"),
    (TELEGRAM, "https://t.me/abaya10_dom"),
    (TELEGRAM, "https://t.me/+AbCdEfGhIjK"),
    (TELEGRAM, "https://telegram.me/joinchat/AbCdEf"),
    (TELEGRAM, "HTTPS://T.ME/abaya10"),
]

BAD = [
    (WHATSAPP, "http://chat.whatsapp.com/Fz1aB2cD3eF4"),  # not https
    (TELEGRAM, "http://t.me/abaya10"),
    (TELEGRAM, "https://example.com/t.me/abaya10"),  # another host
    (WHATSAPP, "https://whatsapp.com.evil.kz/invite"),
    (WHATSAPP, "https://t.me/abaya10"),  # a Telegram link on a WhatsApp group
    (TELEGRAM, "https://chat.whatsapp.com/Fz1aB2cD3eF4"),  # and the other way round
    (TELEGRAM, "javascript:alert(1)"),
    (TELEGRAM, "javascript://t.me/%0aalert(1)"),
    (TELEGRAM, "https://t.me.evil.com/abaya10"),  # lookalike hosts
    (TELEGRAM, "https://evil-t.me/abaya10"),
    (TELEGRAM, "https://xt.me/abaya10"),
    (TELEGRAM, "https://t.me@evil.com/abaya10"),  # t.me is the user name, evil.com the host
    (TELEGRAM, "https://user:pass@t.me/abaya10"),
    (TELEGRAM, "https://t.me:8443/abaya10"),
    (TELEGRAM, "https://t.me./abaya10"),  # a trailing dot, an empty port
    (TELEGRAM, "https://t.me..../abaya10"),
    (TELEGRAM, "https://t.me:/abaya10"),
    (TELEGRAM, "https://t.me/"),  # no group at all
    (TELEGRAM, "ftp://t.me/abaya10"),
    (TELEGRAM, "data:text/html,<script>alert(1)</script>"),
]


@pytest.mark.parametrize(("platform", "url"), GOOD)
def test_messenger_links_of_the_platform_are_accepted(world, platform, url):
    MessengerGroup(beat=world.beat, label_ru="Абая 10", platform=platform, url=url).full_clean()


@pytest.mark.parametrize(("platform", "url"), BAD)
def test_other_links_are_refused(world, platform, url):
    candidate = MessengerGroup(beat=world.beat, label_ru="Абая 10", platform=platform, url=url)
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert "url" in error.value.message_dict


def test_a_link_typed_without_scheme_is_read_as_https(world):
    form = MessengerGroupForm(
        data={
            "label_ru": "Абая 10",
            "platform": TELEGRAM,
            "url": "t.me/abaya10",
            "is_active": "on",
        },
        instance=MessengerGroup(beat=world.beat),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://t.me/abaya10"


# --- the staff page ---------------------------------------------------------------------------


def edit_url(beat):
    return reverse("beat-channels-edit", args=[beat.code])


def post_data(groups=(), **hours):
    data = {
        "reception_hours_ru": hours.get("ru", ""),
        "reception_hours_kk": hours.get("kk", ""),
        "groups-TOTAL_FORMS": str(len(groups)),
        "groups-INITIAL_FORMS": "0",
        "groups-MIN_NUM_FORMS": "0",
        "groups-MAX_NUM_FORMS": "1000",
    }
    for index, (label, platform, url) in enumerate(groups):
        data.update(
            {
                f"groups-{index}-label_ru": label,
                f"groups-{index}-label_kk": label,
                f"groups-{index}-platform": platform,
                f"groups-{index}-url": url,
                f"groups-{index}-is_active": "on",
            }
        )
    return data


def test_the_inspector_keeps_hours_and_groups_of_the_beat(inspector_client, world):
    page = inspector_client.get(edit_url(world.beat))
    assert page.status_code == 200
    assert b'id="channels-form"' in page.content
    data = post_data(
        [
            ("Абая 10, подъезды 1–4", WHATSAPP, "https://chat.whatsapp.com/Fz1aB2cD3eF4"),
            ("ЖК Нурлы", TELEGRAM, "https://t.me/nurly_dom"),
        ],
        ru="Вт, Чт 18:00–20:00",
        kk="Сс, Бс 18:00–20:00",
    )
    response = inspector_client.post(edit_url(world.beat), data)
    assert response.status_code == 302
    world.beat.refresh_from_db()
    assert world.beat.reception_hours_ru == "Вт, Чт 18:00–20:00"
    assert world.beat.reception_hours_kk == "Сс, Бс 18:00–20:00"
    groups = list(world.beat.messenger_groups.order_by("pk"))
    assert [(g.platform, g.url) for g in groups] == [
        (WHATSAPP, "https://chat.whatsapp.com/Fz1aB2cD3eF4"),
        (TELEGRAM, "https://t.me/nurly_dom"),
    ]
    # Who added the group is kept in its history.
    assert groups[0].history.get().history_user == world.inspector


def test_a_bad_link_saves_nothing(inspector_client, world):
    data = post_data(
        [
            ("Абая 10", WHATSAPP, "https://chat.whatsapp.com/Fz1aB2cD3eF4"),
            ("Абая 12", WHATSAPP, "https://t.me/abaya12"),
        ],
        ru="Вт 18:00–20:00",
    )
    response = inspector_client.post(edit_url(world.beat), data)
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors["url"]
    world.beat.refresh_from_db()
    assert world.beat.reception_hours_ru in ("", None)
    assert not world.beat.messenger_groups.exists()


def test_a_group_needs_a_house_or_block_in_one_language(inspector_client, world):
    data = post_data([("", TELEGRAM, "https://t.me/abaya10")])
    response = inspector_client.post(edit_url(world.beat), data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["label_ru"]
    assert not world.beat.messenger_groups.exists()
    data["groups-0-label_kk"] = "Абай 10"
    assert inspector_client.post(edit_url(world.beat), data).status_code == 302
    assert world.beat.messenger_groups.get().label_kk == "Абай 10"


def test_a_group_is_hidden_and_deleted(inspector_client, world):
    kept = group(world.beat)
    gone = group(world.beat, url="https://t.me/gone")
    data = post_data()
    data.update(
        {
            "groups-TOTAL_FORMS": "2",
            "groups-INITIAL_FORMS": "2",
            "groups-0-id": str(kept.pk),
            "groups-0-label_ru": kept.label_ru,
            "groups-0-platform": kept.platform,
            "groups-0-url": kept.url,
            # is_active left out: unticked
            "groups-1-id": str(gone.pk),
            "groups-1-label_ru": gone.label_ru,
            "groups-1-platform": gone.platform,
            "groups-1-url": gone.url,
            "groups-1-is_active": "on",
            "groups-1-DELETE": "on",
        }
    )
    assert inspector_client.post(edit_url(world.beat), data).status_code == 302
    assert list(world.beat.messenger_groups.values_list("pk", "is_active")) == [(kept.pk, False)]


def test_another_inspector_gets_404(client, world):
    client.force_login(world.inspector)
    assert client.get(edit_url(world.colleague_beat)).status_code == 404
    assert client.post(edit_url(world.colleague_beat), post_data()).status_code == 404
    colleague = UserFactory(role=Role.INSPECTOR, department=world.department)
    client.force_login(colleague)
    assert client.get(edit_url(world.beat)).status_code == 404


def test_a_supervisor_reads_the_public_page_but_does_not_edit(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    assert client.get(edit_url(world.beat)).status_code == 403
    passport = client.get(reverse("staff-beat-detail", args=[world.beat.code]))
    assert b'id="passport-channels"' not in passport.content


def test_the_passport_links_to_the_page_for_its_inspector(inspector_client, world):
    passport = inspector_client.get(reverse("staff-beat-detail", args=[world.beat.code]))
    assert edit_url(world.beat).encode() in passport.content


# --- the beat's page --------------------------------------------------------------------------


def test_the_beat_page_shows_hours_trust_phone_and_groups_with_qr(client, world):
    world.region.trust_phone = "+7 727 254 44 44"
    world.region.save()
    world.beat.reception_hours_ru = "Вт, Чт 18:00–20:00"
    world.beat.save()
    group(world.beat, url="https://t.me/abaya10")
    group(world.beat, platform=WHATSAPP, url="https://chat.whatsapp.com/Fz1aB2cD3eF4")
    group(world.beat, url="https://t.me/hidden", is_active=False)
    group(world.colleague_beat, url="https://t.me/neighbours")

    response = client.get(reverse("beat-detail", args=[world.beat.code]))
    html = response.content.decode()
    assert 'id="beat-channels"' in html
    assert "Вт, Чт 18:00–20:00" in html
    assert world.beat.police_point.reception_hours in html
    assert 'href="tel:+77272544444"' in html
    assert html.count('class="qr-code"') == 2
    assert 'href="https://t.me/abaya10"' in html
    assert 'href="https://chat.whatsapp.com/Fz1aB2cD3eF4"' in html
    assert "t.me/hidden" not in html and "t.me/neighbours" not in html


def test_the_beat_page_speaks_kazakh(client, world):
    world.beat.reception_hours_ru = "Вт 18:00–20:00"
    world.beat.reception_hours_kk = "Сс 18:00–20:00"
    world.beat.save()
    group(world.beat)
    response = client.get(reverse("beat-detail", args=[world.beat.code]), HTTP_ACCEPT_LANGUAGE="kk")
    html = response.content.decode()
    assert "Сс 18:00–20:00" in html and "Абай 10, 1–4 кіреберіс" in html


def _page_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(20) as captured:
        assert client.get(reverse("beat-detail", args=[world.beat.code])).status_code == 200
    return len(captured)


def test_the_beat_page_query_count_does_not_grow_with_groups(
    client, world, django_assert_max_num_queries
):
    group(world.beat)
    small = _page_queries(client, world, django_assert_max_num_queries)
    for index in range(12):
        group(world.beat, url=f"https://t.me/house{index}")
        group(BeatFactory(police_point=world.point), url=f"https://t.me/other{index}")
    assert _page_queries(client, world, django_assert_max_num_queries) == small


def test_the_selector_asks_one_query_for_a_beat_read_with_its_relations(
    world, django_assert_num_queries
):
    group(world.beat)
    beat = type(world.beat).objects.select_related(*CHANNELS_RELATED).get(pk=world.beat.pk)
    with django_assert_num_queries(1):
        channels = beat_channels(beat)
    assert [g.url for g in channels.groups] == ["https://t.me/abaya10"]


def test_the_print_variant_renders_to_pdf_with_nothing_fetched(world, fetched, no_network):
    from portal.pdf import html_to_pdf

    world.region.trust_phone = "+7 727 254 44 44"
    world.region.save()
    group(world.beat)
    beat = type(world.beat).objects.select_related(*CHANNELS_RELATED).get(pk=world.beat.pk)
    part = render_to_string(
        "districts/_beat_channels.html", {"channels": beat_channels(beat), "print": True}
    )
    assert "data:image/svg+xml" in part and "<script" not in part and 'class="card' not in part
    pdf = html_to_pdf(f'<html lang="ru"><body>{part}</body></html>')
    assert pdf.startswith(b"%PDF")
    assert all(url.startswith("data:") or "fonts" in url for url, _served in fetched)
