""" "My settings": each staff user chooses the language of their e-mail and switches the daily
digest off or on — their own settings only; bad input is refused with a message."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from portal.models import Role, User
from tests.clients import as_role
from tests.factories import UserFactory

URL = reverse("my-settings")
STAFF = [
    Role.INSPECTOR,
    Role.SUPERVISOR,
    Role.AKIMAT_REGISTRAR,
    Role.REGIONAL_REGISTRAR,
    Role.COUNCIL_SECRETARY,
    Role.ADMINISTRATOR,
]


def settings_of(user):
    user = User.objects.get(pk=user.pk)
    return user.language, user.wants_digest


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response.url
    response = client.post(URL, {"language": "kk"})
    assert response.status_code == 302 and "/login/" in response.url
    assert all(settings_of(user) == ("ru", True) for user in world.users.values())


@pytest.mark.parametrize("role", STAFF)
def test_every_staff_role_edits_only_their_own_settings(client, world, role):
    me = world.users[role]
    as_role(client, world, role)
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["form"].instance == me
    assert 'name="language" value="kk"' in page.content.decode()

    response = client.post(URL, {"language": "kk"})  # the digest box left unticked: off
    assert response.status_code == 302 and response.url == URL
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Настройки сохранены."]
    assert settings_of(me) == ("kk", False)
    others = [user for user in world.users.values() if user != me]
    assert all(settings_of(user) == ("ru", True) for user in others)

    client.post(URL, {"language": "en", "wants_digest": "on"})
    assert settings_of(me) == ("en", True)


def test_a_foreign_user_id_in_the_form_changes_nothing_of_that_user(client, world):
    other = world.users[Role.SUPERVISOR]
    as_role(client, world, Role.INSPECTOR)
    client.post(
        URL,
        {
            "language": "kk",
            "wants_digest": "on",
            "id": other.pk,
            "pk": other.pk,
            "role": Role.ADMINISTRATOR,
            "email": "x@example.org",
        },
    )
    assert settings_of(other) == ("ru", True)
    inspector = User.objects.get(pk=world.inspector.pk)
    assert inspector.role == Role.INSPECTOR and inspector.email == world.inspector.email
    assert inspector.language == "kk"


def test_an_unknown_language_is_refused_and_nothing_is_saved(client, world):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(URL, {"language": "de", "wants_digest": ""})
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert "Выберите корректный вариант" in response.content.decode()
    assert settings_of(world.inspector) == ("ru", True)
    response = client.post(URL, {})
    assert response.status_code == 200 and "language" in response.context["form"].errors


def test_a_user_without_a_role_is_refused(client, db):
    client.force_login(UserFactory(role=""))
    assert client.get(URL).status_code == 403


def test_the_page_says_where_the_email_goes(client, world):
    world.inspector.email = "sapar@police.example.kz"
    world.inspector.save()
    html = as_role(client, world, Role.INSPECTOR).get(URL).content.decode()
    assert "<strong>sapar@police.example.kz</strong>" in html
    html = as_role(client, world, Role.SUPERVISOR).get(URL).content.decode()
    assert "не указан адрес электронной почты" in html


def test_the_account_menu_links_to_the_settings(client, world):
    html = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse("area-home")).content
    assert f'href="{URL}"' in html.decode()
    client.logout()
    assert f'href="{URL}"' not in client.get(reverse("public-home")).content.decode()
