"""E-mail subscriptions to a beat: double opt-in, one-click unsubscribe, news after commit."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from councils.models import JointAction
from districts.models import Meeting, MeetingKind, MeetingStatus
from portal.models import Role
from reports import notifications
from reports.models import Subscription
from reports.services.publishing import report_publish
from residents.views.submissions import PUBLIC_FORM_RATE
from tests.builders.reports import ready_report
from tests.factories import (
    BeatFactory,
    MeetingFactory,
    ReportRevisionFactory,
)

PORTAL = "https://portal.example.kz"
LIMIT = int(PUBLIC_FORM_RATE.split("/")[0])


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PORTAL_URL = PORTAL
    notifications.connect()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the code under test schedules for after the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def confirmed(beat, email):
    return Subscription.objects.create(beat=beat, email=email, confirmed_at=timezone.now())


def unconfirmed(beat, email):
    return Subscription.objects.create(beat=beat, email=email)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def subscribe(client, beat, **data):
    return client.post(reverse("beat-subscribe", args=[beat.code]), {"email": "", **data})


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


# --- subscribing and confirming --------------------------------------------------------------


def test_subscribe_page_has_a_labelled_email_field(client, world):
    html = client.get(reverse("beat-subscribe", args=[world.beat.code])).content.decode()

    assert 'for="id_email"' in html
    assert 'type="email"' in html
    assert 'name="website"' in html  # the trap


def test_subscribing_mails_a_confirmation_link_after_commit(client, world, commit):
    with commit() as callbacks:
        response = subscribe(client, world.beat, email="Resident@Example.KZ")
        assert mail.outbox == []  # not before the commit

    assert response.status_code == 302
    assert response.url == reverse("beat-subscribe-sent", args=[world.beat.code])
    assert len(callbacks) == 1
    subscription = Subscription.objects.get()
    assert subscription.email == "resident@example.kz"
    assert subscription.beat == world.beat
    assert not subscription.is_confirmed
    [message] = mail.outbox
    assert message.to == ["resident@example.kz"]
    confirm = "http://testserver" + reverse("subscription-confirm", args=[subscription.token])
    assert confirm in message.body
    unsubscribe = "http://testserver" + reverse(
        "subscription-unsubscribe", args=[subscription.token]
    )
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "&amp;" not in message.body and "&#x27;" not in message.body  # plain text
    assert client.get(response.url).status_code == 200


def test_confirmation_asks_first_then_confirms(client, world):
    subscription = unconfirmed(world.beat, "resident@example.kz")
    url = reverse("subscription-confirm", args=[subscription.token])

    page = client.get(url)
    assert page.status_code == 200
    assert 'id="confirm-button"' in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed  # opening the link alone confirms nothing

    done = client.post(url)
    assert done.status_code == 200
    assert 'id="subscription-confirmed"' in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_confirmed

    # Confirming again is harmless.
    first = subscription.confirmed_at
    assert client.post(url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at == first


def test_unknown_token_is_404(client, db):
    for name in ("subscription-confirm", "subscription-unsubscribe"):
        response = client.get(reverse(name, args=["no-such-token"]))
        assert response.status_code == 404
        assert 'id="subscription-unknown"' in response.content.decode()
    assert client.post(reverse("subscription-confirm", args=["no-such-token"])).status_code == 404


def test_subscribing_again_reuses_the_subscription(client, world, commit):
    unconfirmed(world.beat, "resident@example.kz")

    with commit():
        assert subscribe(client, world.beat, email="RESIDENT@example.kz").status_code == 302

    assert Subscription.objects.count() == 1
    assert recipients() == ["resident@example.kz"]  # the link again


def test_a_confirmed_address_gets_no_new_confirmation(client, world, commit):
    subscription = confirmed(world.beat, "resident@example.kz")

    with commit():
        response = subscribe(client, world.beat, email="resident@example.kz")

    assert response.url == reverse("beat-subscribe-sent", args=[world.beat.code])
    assert Subscription.objects.get() == subscription
    assert mail.outbox == []


def test_the_same_address_may_follow_several_beats(client, world, commit):
    with commit():
        subscribe(client, world.beat, email="resident@example.kz")
        subscribe(client, world.colleague_beat, email="resident@example.kz")

    assert Subscription.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("email", ["", "not-an-address", "resident@", "a" * 250 + "@example.kz"])
def test_bad_address_is_explained_and_nothing_is_saved(client, world, commit, email):
    with commit():
        response = subscribe(client, world.beat, email=email)

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_filled_trap_pretends_success_and_saves_nothing(client, world, commit):
    with commit():
        response = subscribe(client, world.beat, email="bot@example.kz", website="spam")

    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_subscribing_is_rate_limited(client, world, commit):
    with commit():
        for n in range(LIMIT):
            assert subscribe(client, world.beat, email=f"r{n}@example.kz").status_code == 302
        response = subscribe(client, world.beat, email="one-more@example.kz")

    assert response.status_code == 429
    assert Subscription.objects.count() == LIMIT
    assert len(mail.outbox) == LIMIT
    # The form again, with the address typed and the reason.
    html = response.content.decode()
    assert 'id="rate-limited"' in html and 'value="one-more@example.kz"' in html


def test_subscribing_needs_csrf(world):
    response = Client(enforce_csrf_checks=True).post(
        reverse("beat-subscribe", args=[world.beat.code]), {"email": "r@example.kz"}
    )

    assert response.status_code == 403


def test_a_mail_failure_is_logged_not_shown(client, world, commit, caplog):
    with (
        mock.patch(
            "reports.services.subscriptions.get_connection", side_effect=ConnectionError("down")
        ),
        commit(),
    ):
        response = subscribe(client, world.beat, email="resident@example.kz")

    assert response.status_code == 302
    assert Subscription.objects.count() == 1
    assert "Could not send" in caplog.text


# --- unsubscribing ---------------------------------------------------------------------------


def test_unsubscribe_link_asks_then_deletes_the_subscription(client, world):
    subscription = confirmed(world.beat, "resident@example.kz")
    url = reverse("subscription-unsubscribe", args=[subscription.token])

    page = client.get(url)
    assert page.status_code == 200
    assert 'id="unsubscribe-button"' in page.content.decode()
    assert Subscription.objects.exists()

    done = client.post(url)
    assert done.status_code == 200
    assert 'id="unsubscribed"' in done.content.decode()
    assert not Subscription.objects.exists()
    # Again: still fine, nothing to do.
    assert client.post(url).status_code == 200


def test_one_click_unsubscribe_from_a_mail_program(world):
    """RFC 8058: the mail program posts `List-Unsubscribe=One-Click`, without a CSRF token."""
    subscription = confirmed(world.beat, "resident@example.kz")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("subscription-unsubscribe", args=[subscription.token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()


# --- news for subscribers --------------------------------------------------------------------


def test_a_published_report_goes_to_confirmed_subscribers_of_its_beat_only(world, commit):
    revision = ReportRevisionFactory(report__beat=world.beat)
    mine = confirmed(world.beat, "reader@example.kz")
    unconfirmed(world.beat, "not-yet@example.kz")
    confirmed(world.colleague_beat, "neighbour@example.kz")

    with commit():
        notifications.report_published(revision)
        assert mail.outbox == []

    assert recipients() == ["reader@example.kz"]
    [message] = mail.outbox
    assert f"{PORTAL}{reverse('public-report', args=[revision.pk])}" in message.body
    assert f"{PORTAL}{reverse('public-report-pdf', args=[revision.pk])}" in message.body
    unsubscribe = f"{PORTAL}{reverse('subscription-unsubscribe', args=[mine.token])}"
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "\n" not in message.subject
    assert message.content_subtype == "plain"


def test_no_mail_for_an_unconfirmed_address(world, commit):
    revision = ReportRevisionFactory(report__beat=world.beat)
    unconfirmed(world.beat, "not-yet@example.kz")

    with commit():
        notifications.report_published(revision)

    assert mail.outbox == []


def test_nothing_is_sent_when_the_transaction_rolls_back(world, commit):
    revision = ReportRevisionFactory(report__beat=world.beat)
    confirmed(world.beat, "reader@example.kz")

    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        notifications.report_published(revision)
        raise RuntimeError("publication failed")

    assert mail.outbox == []


def test_a_corrected_report_says_why(world, commit):
    first = ReportRevisionFactory(report__beat=world.beat)
    second = ReportRevisionFactory(report=first.report, number=2, reason="Исправлена таблица")
    confirmed(world.beat, "reader@example.kz")

    with commit():
        notifications.report_published(second)

    assert "Исправлена таблица" in mail.outbox[0].body


def test_an_announced_meeting_goes_to_the_beats_subscribers(world, commit):
    confirmed(world.beat, "reader@example.kz")
    unconfirmed(world.beat, "not-yet@example.kz")
    confirmed(world.colleague_beat, "neighbour@example.kz")

    with commit():
        meeting = MeetingFactory(
            beat=world.beat,
            kind=MeetingKind.REPORT,
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at=in_days(7),
            place="Школа № 9, актовый зал",
            attendance=None,
        )
        assert mail.outbox == []

    assert recipients() == ["reader@example.kz"]
    assert "Школа № 9, актовый зал" in mail.outbox[0].body
    assert f"{PORTAL}{world.beat.get_absolute_url()}" in mail.outbox[0].body

    # Saving it again (a new topic) announces nothing new.
    with commit():
        meeting.topics = "Освещение дворов"
        meeting.save()
        Meeting.objects.get(pk=meeting.pk).save()
    assert len(mail.outbox) == 1


def test_an_internal_or_past_meeting_is_not_announced(world, commit):
    confirmed(world.beat, "reader@example.kz")

    with commit():
        MeetingFactory(beat=world.beat)  # held, in the past
        MeetingFactory(
            beat=world.beat,
            status=MeetingStatus.PLANNED,
            is_public=False,
            held_at=in_days(3),
            attendance=None,
        )
        MeetingFactory(
            beat=world.beat,
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at=timezone.now() - datetime.timedelta(hours=1),
            attendance=None,
        )

    assert mail.outbox == []


def test_a_meeting_made_public_later_is_announced_then(world, commit):
    confirmed(world.beat, "reader@example.kz")
    with commit():
        meeting = MeetingFactory(
            beat=world.beat,
            status=MeetingStatus.PLANNED,
            is_public=False,
            held_at=in_days(3),
            attendance=None,
        )
    assert mail.outbox == []

    with commit():
        loaded = Meeting.objects.get(pk=meeting.pk)  # as an edit form would
        loaded.is_public = True
        loaded.save()

    assert recipients() == ["reader@example.kz"]


def test_a_public_action_goes_to_subscribers_of_its_beats(world, commit):
    confirmed(world.beat, "reader@example.kz")
    confirmed(world.colleague_beat, "reader@example.kz")  # one message is enough
    confirmed(world.colleague_beat, "neighbour@example.kz")
    unconfirmed(world.beat, "not-yet@example.kz")
    confirmed(world.other_beat, "far@example.kz")

    with commit():
        # As a form saves it: the action first, its beats after, in one transaction.
        with transaction.atomic():
            action = JointAction.objects.create(
                title="Безопасный двор",
                area=world.area,
                starts_at=in_days(5),
                ends_at=in_days(5) + datetime.timedelta(hours=2),
                place="Двор домов 12–14",
                is_public=True,
            )
            action.beats.set([world.beat, world.colleague_beat])
        assert mail.outbox == []

    assert recipients() == ["neighbour@example.kz", "reader@example.kz"]
    assert "Безопасный двор" in mail.outbox[0].body


def test_an_internal_action_is_not_announced_until_made_public(world, commit):
    confirmed(world.beat, "reader@example.kz")
    with commit():
        action = JointAction.objects.create(
            title="Рейд",
            area=world.area,
            starts_at=in_days(2),
            ends_at=in_days(2) + datetime.timedelta(hours=2),
            place="Рынок",
            is_public=False,
        )
        action.beats.set([world.beat])
    assert mail.outbox == []

    with commit():
        loaded = JointAction.objects.get(pk=action.pk)
        loaded.is_public = True
        loaded.save()
        loaded.save()  # saved twice: still one announcement

    assert recipients() == ["reader@example.kz"]


def test_a_beat_added_to_a_public_action_hears_of_it(world, commit):
    confirmed(world.beat, "reader@example.kz")
    confirmed(world.colleague_beat, "neighbour@example.kz")
    with commit():
        action = JointAction.objects.create(
            title="Семья без насилия",
            area=world.area,
            starts_at=in_days(2),
            ends_at=in_days(2) + datetime.timedelta(hours=2),
            place="Школа № 9",
            is_public=True,
        )
        action.beats.set([world.beat])
    assert recipients() == ["reader@example.kz"]
    mail.outbox.clear()

    with commit():
        JointAction.objects.get(pk=action.pk).beats.add(world.colleague_beat)

    assert recipients() == ["neighbour@example.kz"]


def test_mail_goes_out_in_the_language_of_the_moment(world, commit):
    revision = ReportRevisionFactory(report__beat=world.beat)
    confirmed(world.beat, "reader@example.kz")

    with translation.override("en"), commit():
        notifications.report_published(revision)

    # Source strings are English: the English message reads as written.
    assert re.search(r"report", mail.outbox[0].body, re.IGNORECASE)
    assert str(world.beat.number) in mail.outbox[0].subject


def test_connect_is_idempotent(world, commit):
    notifications.connect()
    notifications.connect()
    confirmed(world.beat, "reader@example.kz")

    with commit():
        MeetingFactory(
            beat=BeatFactory(),
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at=in_days(3),
            attendance=None,
        )
        MeetingFactory(
            beat=world.beat,
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at=in_days(3),
            attendance=None,
        )

    assert recipients() == ["reader@example.kz"]


def test_publishing_a_report_mails_the_beats_subscribers_after_commit(world, commit):
    report = ready_report(world.beat, status="submitted", summary="Спокойно.")
    confirmed(world.beat, "reader@example.kz")
    unconfirmed(world.beat, "not-yet@example.kz")
    confirmed(world.other_beat, "far@example.kz")

    with commit():
        versions = report_publish(report=report, user=world.users[Role.SUPERVISOR])
        assert mail.outbox == []

    # One message, in the language of the moment (Russian), linking to both versions.
    assert recipients() == ["reader@example.kz"]
    body = mail.outbox[0].body
    ru, kk = sorted(versions, key=lambda version: version.language != "ru")
    assert f"{PORTAL}{reverse('public-report', args=[ru.pk])}" in body
    assert f"{PORTAL}{reverse('public-report-pdf', args=[ru.pk])}" in body
    assert f"{PORTAL}{reverse('public-report', args=[kk.pk])}" in body


def test_each_subscriber_reads_the_news_in_the_language_they_subscribed_in(
    client, world, commit, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    with commit():
        subscribe(client, world.beat, email="kazakh@example.kz")
    assert Subscription.objects.get(email="kazakh@example.kz").language == "kk"
    Subscription.objects.update(confirmed_at=timezone.now())
    Subscription.objects.create(
        beat=world.beat, email="russian@example.kz", language="ru", confirmed_at=timezone.now()
    )
    mail.outbox.clear()
    report = ready_report(world.beat, status="submitted")

    with commit(), translation.override("ru"):  # the supervisor works in Russian
        versions = {
            v.language: v for v in report_publish(report=report, user=world.users[Role.SUPERVISOR])
        }

    by_address = {message.to[0]: message for message in mail.outbox}
    for address, language in (("kazakh@example.kz", "kk"), ("russian@example.kz", "ru")):
        message = by_address[address]
        own, other = versions[language], versions["ru" if language == "kk" else "kk"]
        assert f"{PORTAL}{reverse('public-report-pdf', args=[own.pk])}" in message.body
        assert f"{PORTAL}{reverse('public-report-pdf', args=[other.pk])}" not in message.body
        # The subject in the subscriber's language ("Жаңа есеп: ..." / "Новый отчёт: ...").
        with translation.override(language):
            subject = translation.gettext("New report of %(beat)s for %(period)s")
        assert message.subject.startswith(subject.split("%")[0]) and subject.split("%")[0]
