"""The "Waiting for you" block and the "My settings" page on a phone: they fit 360 px, pass
axe, and the settings are saved from the account menu."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from portal.models import User
from reports.models import ReportStatus
from tests.browser.helpers import assert_fits_phone, sign_in
from tests.factories import AppealFactory, ProposalFactory, QuarterlyReportFactory


def waiting_for(abai):
    """An overdue appeal, a site proposal and a returned report with a long comment."""
    beat = abai.north
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    AppealFactory(
        beat=beat,
        received_on=today - 20 * day,
        due_on=today - 3 * day,
    )
    ProposalFactory(meeting=None, beat=beat, source="site")
    QuarterlyReportFactory(
        beat=beat,
        year=today.year,
        quarter=1,
        status=ReportStatus.RETURNED,
        supervisor_comment="Дополните раздел о мерах: " + "очень длинное замечание " * 12,
    )
    return abai.north_inspector


def test_the_queue_and_the_settings_pass_axe_on_a_phone(audit, abai, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    inspector = waiting_for(abai)
    assert audit("/staff/inspector/", login=inspector) == []
    assert audit("/staff/inspector/", login=inspector, lang="kk") == []
    assert audit("/staff/settings/", login=inspector) == []


def test_the_queue_fits_a_phone_and_the_settings_are_saved_from_the_menu(page, abai, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    inspector = waiting_for(abai)
    sign_in(page, inspector)
    page.goto("/staff/inspector/")
    queue = page.locator("#work-queue")
    assert queue.locator(".queue-item").count() >= 3
    assert queue.locator(".queue-overdue").first.is_visible()
    assert_fits_phone(page)

    page.locator(".navbar-toggler").click()  # the menu is folded on a phone
    # Bootstrap adds "show" once the fold has finished opening; a click during it may be lost.
    expect(page.locator(".navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
    page.locator(".navbar .dropdown-toggle.btn").click()
    expect(page.locator(".navbar .dropdown-menu.show")).to_be_visible()
    page.get_by_role("link", name="Мои настройки").click()
    page.wait_for_url("**/staff/settings/")
    assert_fits_phone(page)
    page.get_by_label("Қазақ").check()
    page.get_by_label("Ежедневное письмо о том, что меня ждёт").uncheck()
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/staff/settings/")
    assert page.get_by_text("Настройки сохранены.").is_visible()
    saved = User.objects.get(pk=inspector.pk)
    assert (saved.language, saved.wants_digest) == ("kk", False)
