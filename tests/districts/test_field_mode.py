"""The installable app: manifest, service worker, kept pages, forms that may become drafts,
and signing out that clears the device."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from districts import offline
from districts.drafts import KINDS
from portal.models import Role
from tests.factories import AppealFactory, ProblemSpotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def config_of(response):
    """The settings of static/js/field/mode.js on the page, or None."""
    match = re.search(
        r'<script id="field-mode" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1)) if match else None


def test_the_manifest_makes_the_portal_installable(client):
    response = client.get(reverse("web-manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["start_url"] == reverse("staff-home")
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        path = icon["src"].removeprefix("/static/")
        assert finders.find(path), icon["src"]


def test_the_service_worker_is_served_for_the_whole_site(client):
    response = client.get(reverse("service-worker"))
    assert response.status_code == 200
    assert reverse("service-worker") == "/sw.js"
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", body).group(1))
    assert config["pages"] == offline.page_patterns()
    assert config["offlinePage"] == reverse("offline")
    for asset in config["assets"]:
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "&quot;" not in body and "&#x27;" not in body


def test_the_kept_pages_are_those_read_in_the_field(world):
    patterns = [re.compile(pattern) for pattern in offline.page_patterns()]

    def kept(path):
        return any(pattern.match(path) for pattern in patterns)

    spot = ProblemSpotFactory(beat=world.beat)
    for path in [
        reverse("inspector-home"),
        reverse("checklist"),
        reverse("staff-beat-detail", args=[world.beat.code]),
        reverse("problem-list"),
        reverse("problem-detail", args=[spot.pk]),
        reverse("problem-plan"),
        reverse("problem-edit", args=[spot.pk]),
        reverse("problem-create"),
        reverse("meeting-create"),
        reverse("round-create"),
        reverse("preventive-create"),
        reverse("appeal-create"),
        reverse("field-drafts"),
    ]:
        assert kept(path), path
    for path in [
        reverse("preventive-list"),
        reverse("appeal-list"),
        reverse("meeting-list"),
        reverse("problem-measure-create", args=[spot.pk]),
        reverse("assistant-list"),
        reverse("field-api"),
        reverse("staff-beat-list"),
    ]:
        assert not kept(path), path


def test_the_forms_of_new_records_may_become_drafts(client, world):
    client.force_login(world.inspector)
    for name in ("meeting-create", "round-create", "preventive-create", "appeal-create"):
        html = client.get(reverse(name)).content.decode()
        assert f'data-offline-draft="{name}"' in html, name
    spot = ProblemSpotFactory(beat=world.beat)
    html = client.get(reverse("problem-detail", args=[spot.pk])).content.decode()
    assert 'data-offline-draft="problem-measure-create"' in html
    # A change of a place carries the version of the place it changes.
    html = client.get(reverse("problem-edit", args=[spot.pk])).content.decode()
    assert 'data-offline-draft="problem-edit"' in html
    version = spot.history.order_by("-history_id").first().history_id
    assert f'data-offline-version="{version}"' in html
    # Other records are changed online only.
    for name, pk in (("appeal-edit", AppealFactory(beat=world.beat).pk),):
        assert "data-offline-draft" not in client.get(reverse(name, args=[pk])).content.decode()
    assert set(KINDS) == {
        "meeting-create",
        "round-create",
        "preventive-create",
        "appeal-create",
        "problem-measure-create",
        "problem-create",
        "problem-edit",
    }


def test_the_preventive_visit_list_of_drafts_shows_no_address_or_reference():
    assert set(KINDS["preventive-create"].summary_fields) == {"category", "date"}


def test_field_mode_is_on_for_those_who_record_work_only(client, world):
    client.force_login(world.inspector)
    config = config_of(client.get(reverse("inspector-home")))
    assert config["user"] == world.inspector.pk
    assert config["api"] == reverse("field-api")
    assert config["keepPages"] is True
    assert all(config["strings"].values())
    assert config_of(client.get(reverse("meeting-list")))["keepPages"] is False

    client.force_login(world.users[Role.SUPERVISOR])
    assert config_of(client.get(reverse("department-home"))) is None
    client.logout()
    assert config_of(client.get(reverse("public-home"))) is None


def test_the_sign_in_page_makes_the_device_forget_the_last_accounts_pages(client):
    assert config_of(client.get(reverse("login"))) == {"user": None}


def test_only_the_pages_of_those_who_record_work_may_be_kept(client, world):
    client.force_login(world.inspector)
    assert client.get(reverse("inspector-home"))["X-Field-Keep"] == "1"
    assert client.get(reverse("checklist"))["X-Field-Keep"] == "1"
    assert not client.get(reverse("field-api")).has_header("X-Field-Keep")  # not a page
    client.force_login(world.users[Role.SUPERVISOR])
    assert not client.get(reverse("checklist")).has_header("X-Field-Keep")
    client.logout()
    assert not client.get(reverse("public-home")).has_header("X-Field-Keep")


def test_the_offline_page_names_nobody_and_speaks_the_users_language(client, world):
    from django.utils import translation

    client.force_login(world.inspector)
    client.cookies["django_language"] = "kk"
    html = client.get(reverse("offline")).content.decode()
    with translation.override("kk"):
        assert translation.gettext("No connection") in html
    assert world.inspector.last_name not in html
    assert world.inspector.username not in html


def test_the_pages_field_mode_asks_for_by_itself_keep_no_session_alive(client, world):
    from portal.accounts.idle import LAST_SEEN

    client.force_login(world.inspector)
    session = client.session
    session[LAST_SEEN] = session[LAST_SEEN] - 600
    session.save()
    seen = client.session[LAST_SEEN]
    client.get(reverse("field-api"), HTTP_X_PORTAL_BACKGROUND="1")
    assert client.session[LAST_SEEN] == seen
    client.get(reverse("field-api"))
    assert client.session[LAST_SEEN] > seen


def test_signing_out_clears_what_the_site_kept_on_the_device(client, world):
    client.force_login(world.inspector)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_drafts_page_and_the_offline_page(client, world):
    client.force_login(world.inspector)
    html = client.get(reverse("field-drafts")).content.decode()
    assert "data-field-drafts" in html and "data-field-keep-pages" in html
    client.logout()
    # The page shown for "no connection" holds nothing of anyone: it is public.
    assert client.get(reverse("offline")).status_code == 200
