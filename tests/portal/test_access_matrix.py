"""Every URL pattern, every role and anonymous: the declared rule is what happens.

A view added without `portal.policy.guard` (or a namespace rule) fails
`test_every_url_declares_an_access_rule`.
"""

import pytest
from django.urls import reverse

from portal import policy
from portal.models import Role
from tests.url_patterns import ADMIN_PAGE_SUFFIXES, POST_ONLY, walk
from tests.url_samples import SAMPLE_KWARGS


@pytest.fixture
def world(shared_world):
    # Hundreds of requests read the same territory: it is built once for the module.
    return shared_world


def undeclared(patterns=None):
    return [str(entry.pattern) for _name, entry, rule in walk(patterns) if rule is None]


def test_every_url_declares_an_access_rule():
    assert undeclared() == []


def test_a_view_without_a_rule_is_caught():
    from django.http import HttpResponse
    from django.urls import path

    def forgotten(request):
        return HttpResponse("oops")

    guarded = policy.guard("site.view")(forgotten)
    patterns = [path("ok/", guarded, name="ok"), path("forgotten/", forgotten, name="forgotten")]
    assert undeclared(patterns) == ["forgotten/"]


def test_every_project_url_has_a_name():
    # The admin names only the pages it links to; its namespace rule covers the rest.
    unnamed = [str(entry.pattern) for name, entry, _rule in walk() if not name]
    assert unnamed == []


def matrix_cases():
    for name, entry, rule in walk():
        if not name or rule is None:
            continue
        if name.startswith("admin:") and not name.endswith(ADMIN_PAGE_SUFFIXES):
            continue
        if entry.pattern.regex.groups and name not in SAMPLE_KWARGS:
            continue  # checked by test_parametrised_urls_have_samples
        for role in [None, *Role]:
            yield pytest.param(name, rule, role, id=f"{name}-{role or 'anonymous'}")


def test_parametrised_urls_have_samples():
    missing = [
        name
        for name, entry, _rule in walk()
        if name
        and not name.startswith("admin:")
        and entry.pattern.regex.groups
        and name not in SAMPLE_KWARGS
    ]
    assert missing == []


@pytest.mark.parametrize(("name", "rule", "role"), list(matrix_cases()))
def test_access_matrix(client, world, name, rule, role):
    kwargs = SAMPLE_KWARGS[name](world) if name in SAMPLE_KWARGS else {}
    url = reverse(name, kwargs=kwargs)
    user = world.users[role] if role else None
    if user:
        client.force_login(user)
    response = client.get(url)
    login_url = reverse("admin:login" if name.startswith("admin:") else "login")
    redirected_to_login = response.status_code == 302 and response.url.startswith(login_url)

    if name in POST_ONLY:
        assert response.status_code in (302, 204, 405)
        assert not redirected_to_login
    elif rule.is_public:
        assert response.status_code in (200, 302), response.status_code
        assert not redirected_to_login
    elif user is None:
        assert redirected_to_login, f"anonymous got {response.status_code}"
    elif role in policy.roles_for(rule.read):
        assert response.status_code in (200, 302), response.status_code
        assert not redirected_to_login
    elif name.startswith("admin:"):
        # The admin sends non-staff users to its own login page.
        assert redirected_to_login
    else:
        assert response.status_code == 403


def write_cases():
    for name, _entry, rule in walk():
        if name and rule and rule.write is not None:
            readers, writers = policy.roles_for(rule.read), policy.roles_for(rule.write)
            for role in sorted(readers - writers):
                yield pytest.param(name, role, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role"), list(write_cases()))
def test_read_only_roles_cannot_post(client, world, name, role):
    kwargs = SAMPLE_KWARGS[name](world) if name in SAMPLE_KWARGS else {}
    client.force_login(world.users[role])
    assert client.post(reverse(name, kwargs=kwargs), {}).status_code == 403
