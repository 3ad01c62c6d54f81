"""The register opens on the records waiting for a step, the nearest deadline first."""

import datetime

from django.urls import reverse

from portal.models import Role
from portal.periods import add_working_days
from tests.clients import as_role
from tests.dates import days
from tests.factories import AssistantFactory, valid_iin


def assistant(world, n, **fields):
    return AssistantFactory(
        beat=world.beat,
        last_name=fields.pop("last_name", f"Абаев{n}"),
        iin=valid_iin(datetime.date(1985, 5, 5), start=100 + n * 7),
        **fields,
    )


def test_the_register_opens_on_steps_due_first(client, world):
    active = assistant(world, 1, status="active", last_name="Ахметов")
    deregistered = assistant(world, 2, status="deregistered", last_name="Абенов")
    registered = assistant(world, 3, status="registered", last_name="Бекова")
    # Police check due in 30 days from the application: 5 days left.
    applied = assistant(world, 4, applied_on=days(-25), consent_given_on=days(-25))
    # Registration due 7 working days after the petition: already missed.
    sent_on = days(-20)
    petitioned = assistant(
        world, 5, status="petitioned", applied_on=days(-40), petition_sent_on=sent_on
    )
    assert add_working_days(sent_on, 7) < days(5)
    # A fresh application: due in 29 days.
    fresh = assistant(world, 6, applied_on=days(-1), consent_given_on=days(-1))
    as_role(client, world, Role.AKIMAT_REGISTRAR)

    response = client.get(reverse("assistant-list"))

    assert list(response.context["object_list"]) == [
        petitioned,
        applied,
        fresh,
        registered,
        active,
        deregistered,
    ]
    assert 'id="list-default-order"' in response.content.decode()
    response = client.get(reverse("assistant-list"), {"order": "name"})
    names = [a.last_name for a in response.context["object_list"]]
    assert names == sorted(names)


def test_a_petition_due_later_than_an_application_comes_after_it(client, world):
    # Applied 29 days ago: the check is due tomorrow. Petitioned today: due in 7 working days.
    applied = assistant(world, 1, applied_on=days(-29), consent_given_on=days(-29))
    petitioned = assistant(
        world, 2, status="petitioned", applied_on=days(-3), petition_sent_on=days(0)
    )
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    rows = list(client.get(reverse("assistant-list")).context["object_list"])
    assert rows == [applied, petitioned]
