import pytest
from django.urls import reverse

from portal.models import Role
from tests.factories import DEFAULT_PASSWORD

START_PAGES = {
    Role.INSPECTOR: "inspector-home",
    Role.SUPERVISOR: "department-home",
    Role.AKIMAT_REGISTRAR: "area-home",
    Role.REGIONAL_REGISTRAR: "region-home",
    Role.COUNCIL_SECRETARY: "council-overview",
    Role.ADMINISTRATOR: "admin:index",
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_start_page(client, world, role):
    user = world.users[role]
    response = client.post(
        reverse("login"), {"username": user.username, "password": DEFAULT_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(START_PAGES[role])
    assert response.status_code == 200


def test_wrong_password_shows_a_translated_error(client, world):
    user = world.users[Role.INSPECTOR]
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": "nope"},
        headers={"accept-language": "kk"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_login_page_uses_the_portal_look(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"vendor/bootstrap/css/bootstrap.min.css" in response.content
    assert b'autocomplete="current-password"' in response.content


def test_logout_is_a_post_and_returns_to_the_public_home(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("public-home")
    assert "_auth_user_id" not in client.session


def test_start_pages_show_only_the_scope(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    html = client.get(reverse("department-home")).content.decode()
    assert world.beat.code in html and world.colleague_beat.code in html
    assert world.other_beat.code not in html

    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    html = client.get(reverse("region-home")).content.decode()
    assert str(world.area) in html and str(world.other_area) in html
    assert str(world.far_area) not in html


def test_staff_beat_detail_is_404_outside_the_scope(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    ok = client.get(reverse("staff-beat-detail", args=[world.beat.code]))
    assert ok.status_code == 200
    for beat in (world.colleague_beat, world.other_beat, world.far_beat):
        assert client.get(reverse("staff-beat-detail", args=[beat.code])).status_code == 404
    assert client.get(reverse("staff-beat-detail", args=["no-such-beat"])).status_code == 404
