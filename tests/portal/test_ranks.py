"""Police ranks: a list of the ranks of the Kazakh police, shown in the reader's language;
ranks typed as text before it are read into the list, and the others kept as written."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation

from portal.models import PoliceRank, Role, User
from tests.factories import UserFactory

MIGRATION = importlib.import_module("portal.migrations.0006_user_rank_to_codes")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("капитан полиции", "captain"),
        ("Капитан", "captain"),
        ("  СТАРШИЙ   лейтенант  полиции ", "senior_lieutenant"),
        ("майор", "major"),
        ("подполковник полиции", "lieutenant_colonel"),
        ("полковник", "colonel"),
        ("рядовой полиции", "private"),
        ("младший сержант", "junior_sergeant"),
        ("старшина полиции", "sergeant_major"),
        ("генерал-майор полиции", "major_general"),
        ("полиция капитаны", "captain"),
        ("полицияның аға лейтенанты", "senior_lieutenant"),
    ],
)
def test_a_typed_rank_is_read_into_the_list(typed, code):
    assert MIGRATION.code_of(typed) == (code, "")


def test_an_unknown_rank_is_kept_as_written_and_nothing_stays_nothing():
    assert MIGRATION.code_of("инспектор ювенальной полиции") == (
        "other",
        "инспектор ювенальной полиции",
    )
    assert MIGRATION.code_of("") == ("", "")
    assert MIGRATION.code_of(None) == ("", "")


def test_every_code_of_the_migration_is_a_rank_of_the_list():
    assert set(MIGRATION.RANKS) | {"other"} == set(PoliceRank.values)


@pytest.mark.django_db
def test_the_migration_turns_typed_ranks_into_codes_and_back():
    typed = {"capt": "Капитан полиции", "odd": "комиссар", "none": ""}
    users = {key: UserFactory(username=key) for key in typed}
    for key, text in typed.items():
        User.objects.filter(pk=users[key].pk).update(rank=text, rank_other="")
    state = MigrationLoader(connection).project_state(("portal", "0006_user_rank_to_codes"))

    MIGRATION.to_codes(state.apps, None)
    rows = {u: (r, o) for u, r, o in User.objects.values_list("username", "rank", "rank_other")}
    assert rows["capt"] == ("captain", "")
    assert rows["odd"] == ("other", "комиссар")
    assert rows["none"] == ("", "")

    MIGRATION.to_text(state.apps, None)
    rows = dict(User.objects.values_list("username", "rank"))
    assert (rows["capt"], rows["odd"], rows["none"]) == ("капитан полиции", "комиссар", "")


def test_the_rank_label_follows_the_reader(db):
    user = UserFactory(rank=PoliceRank.CAPTAIN)
    with translation.override("kk"):
        assert user.rank_label == "полиция капитаны"
    with translation.override("ru"):
        assert user.rank_label == "капитан полиции"
    user.rank, user.rank_other = PoliceRank.OTHER, "комиссар"
    assert user.rank_label == "комиссар"
    user.rank = ""
    assert user.rank_label == ""


def test_other_rank_must_be_written_and_another_rank_drops_the_text(db):
    user = UserFactory(rank=PoliceRank.OTHER, rank_other="")
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert "rank_other" in refused.value.message_dict
    user.rank, user.rank_other = PoliceRank.MAJOR, "комиссар"
    user.full_clean()
    assert user.rank_other == ""


def test_a_rank_outside_the_list_is_refused(db):
    user = UserFactory(rank="генералиссимус")
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert "rank" in refused.value.message_dict


def test_the_beat_page_and_the_api_give_the_rank_in_the_readers_language(client, world):
    inspector = world.beat.inspector
    inspector.rank = PoliceRank.SENIOR_LIEUTENANT
    inspector.save()
    page = client.get(reverse("beat-detail", args=[world.beat.code]), HTTP_ACCEPT_LANGUAGE="kk")
    assert "полицияның аға лейтенанты" in page.content.decode()
    answer = client.get(
        reverse("api-v1:beat-detail", kwargs={"code": world.beat.code}), HTTP_ACCEPT_LANGUAGE="kk"
    ).json()
    assert answer["inspector"]["rank"] == "senior_lieutenant"
    assert answer["inspector"]["rank_label"] == "полицияның аға лейтенанты"


def test_the_admin_saves_a_rank_from_the_list(client, world):
    admin = world.users[Role.ADMINISTRATOR]
    client.force_login(admin)
    page = client.get(reverse("admin:portal_user_change", args=[world.inspector.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert list(form.fields["rank"].choices)[1:] == list(PoliceRank.choices)
