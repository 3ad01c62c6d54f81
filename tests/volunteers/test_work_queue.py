"""What the register puts in the queues: the police check (30 days) and the registration (7
working days) by deadline, certificates expiring within 30 days, assistants due for the Art. 7
briefing or legal training; per area for the regional registrar. Scoped; flat in queries."""

import datetime

import pytest
from django.urls import reverse

from portal import work_queues
from portal.models import Role
from portal.periods import add_working_days
from portal.work_queues import DUE_SOON, OVERDUE, TO_DO
from tests.clients import as_role
from tests.dates import days
from tests.factories import (
    AssistantFactory,
    BeatFactory,
    PolicePointFactory,
    TrainingFactory,
    UserFactory,
    active_assistant,
)
from tests.queues import by_key, queue_items
from volunteers.models import AssistantStatus, TrainingKind
from volunteers.selectors import work_queue
from volunteers.services import lifecycle

S = AssistantStatus
# Thursday 12 March 2026; 8 March fell on a Sunday and moved its day off to Monday 9 March.
DAY = datetime.date(2026, 3, 12)


def on(day_offset):
    return DAY + datetime.timedelta(days=day_offset)


def applied(beat, day_offset, **kwargs):
    return AssistantFactory(beat=beat, applied_on=on(day_offset), **kwargs)


def petitioned(beat, sent_on, **kwargs):
    return AssistantFactory(
        beat=beat,
        status=S.PETITIONED,
        applied_on=sent_on - datetime.timedelta(days=10),
        petition_sent_on=sent_on,
        **kwargs,
    )


def items_of(source, world, role, day=DAY):
    return by_key(source(world.users[role], day))


# --- the police check and the registration -------------------------------------------------


def test_police_checks_overdue_and_due_soon_by_deadline(world):
    applied(world.beat, -36)  # due on -6: overdue
    applied(world.beat, -31)  # due yesterday: overdue
    applied(world.beat, -30)  # due today: due soon
    applied(world.beat, -25)  # due in 5 days: due soon
    applied(world.beat, -24)  # due in 6 days: not yet
    applied(world.beat, -40, status=S.PETITIONED, petition_sent_on=on(-15))  # checked
    applied(world.colleague_beat, -33)
    applied(world.other_beat, -50)
    applied(world.far_beat, -50)

    inspector = items_of(work_queue.police_checks, world, Role.INSPECTOR)
    overdue, soon = inspector["police-check-overdue"], inspector["police-check-due"]
    assert (overdue.count, overdue.due, overdue.severity) == (2, on(-6), OVERDUE)
    assert (soon.count, soon.due, soon.severity) == (2, DAY, DUE_SOON)
    assert overdue.url == reverse("assistant-list") + "?status=applied&needs=overdue"
    assert soon.url == reverse("assistant-list") + "?status=applied"
    # The department's supervisor and the area's registrar see the colleague's beat too.
    supervisor = items_of(work_queue.police_checks, world, Role.SUPERVISOR)
    assert supervisor["police-check-overdue"].count == 3
    assert supervisor["police-check-overdue"].due == on(-6)
    akimat = items_of(work_queue.police_checks, world, Role.AKIMAT_REGISTRAR)
    assert akimat["police-check-overdue"].count == 3


def test_registrations_count_seven_working_days(world):
    sent_on = datetime.date(2026, 3, 5)  # due Tuesday 17 March
    petitioned(world.beat, sent_on)
    petitioned(world.colleague_beat, datetime.date(2026, 2, 20))  # due 3 March: overdue
    petitioned(world.other_beat, datetime.date(2026, 2, 20))
    registrar = world.users[Role.AKIMAT_REGISTRAR]

    def shown(day):
        return {
            i.key: (i.count, i.due) for i in work_queue.registrations(registrar, day) if i.count
        }

    assert add_working_days(sent_on, 7) == datetime.date(2026, 3, 17)
    overdue = ("registration-overdue", (1, datetime.date(2026, 3, 3)))
    assert shown(datetime.date(2026, 3, 11)) == dict([overdue])  # 17 March is 6 days ahead
    near = ("registration-due", (1, datetime.date(2026, 3, 17)))
    assert shown(datetime.date(2026, 3, 12)) == dict([overdue, near])
    assert shown(datetime.date(2026, 3, 17)) == dict([overdue, near])
    assert shown(datetime.date(2026, 3, 18)) == {
        "registration-overdue": (2, datetime.date(2026, 3, 3))
    }


def test_the_registration_is_the_akimats_and_the_police_check_not_the_secretarys(world):
    assert not work_queues.has_queue(world.users[Role.ADMINISTRATOR])
    for role, has in [
        (Role.INSPECTOR, False),
        (Role.SUPERVISOR, False),
        (Role.AKIMAT_REGISTRAR, True),
    ]:
        names = {s.name for s in work_queues.sources_for(world.users[role])}
        assert ("volunteers.registrations" in names) is has, role
        assert "volunteers.police_checks" in names, role
    names = {s.name for s in work_queues.sources_for(world.users[Role.COUNCIL_SECRETARY])}
    assert not any(name.startswith("volunteers.") for name in names)


# --- certificates and training -----------------------------------------------------------


def certified(beat, valid_until):
    assistant = AssistantFactory(beat=beat, status=S.REGISTERED, applied_on=on(-400))
    lifecycle.certificate_issue(
        assistant=assistant, user=None, issued_on=on(-300), valid_until=valid_until
    )
    return assistant


def test_certificates_expiring_within_thirty_days(world):
    certified(world.beat, on(3))
    certified(world.colleague_beat, on(30))
    certified(world.beat, on(31))  # later
    certified(world.beat, on(-1))  # expired already
    revoked = certified(world.beat, on(5)).certificates.get()
    lifecycle.certificate_revoke(certificate=revoked, user=None, revoked_on=on(-1), reason="Х")
    certified(world.other_beat, on(2))

    item = items_of(work_queue.expiring_certificates, world, Role.AKIMAT_REGISTRAR)[
        "certificates-expiring"
    ]
    assert (item.count, item.due, item.severity) == (2, on(3), DUE_SOON)
    assert item.url == reverse("certificate-list") + "?expiring=true"


def test_assistants_due_for_the_art7_briefing_or_legal_training(world):
    area = world.area
    waiting = AssistantFactory(beat=world.beat, status=S.REGISTERED)
    briefed = certified(world.beat, on(400))
    TrainingFactory(area=area, kind=TrainingKind.ART7_BRIEFING, date=on(-2), attendees=[briefed])
    active_assistant(world.beat)  # never trained
    trained_long_ago = active_assistant(world.colleague_beat)
    TrainingFactory(area=area, date=on(-400), attendees=[trained_long_ago])
    trained = active_assistant(world.beat)
    TrainingFactory(area=area, date=on(-100), attendees=[trained])
    briefed_only = active_assistant(world.beat)
    TrainingFactory(
        area=area, kind=TrainingKind.ART7_BRIEFING, date=on(-5), attendees=[briefed_only]
    )
    AssistantFactory(beat=world.other_beat, status=S.REGISTERED)
    active_assistant(world.other_beat)

    items = items_of(work_queue.trainings, world, Role.AKIMAT_REGISTRAR)
    briefing, training = items["briefing-due"], items["training-due"]
    assert (briefing.count, briefing.severity, briefing.due) == (1, TO_DO, None)
    assert briefing.url == reverse("assistant-list") + "?needs=briefing"
    assert training.count == 3  # never trained, trained 400 days ago, briefed only
    assert waiting.status == S.REGISTERED


def test_the_register_filter_lists_what_the_queue_counts(client, world):
    waiting = AssistantFactory(beat=world.beat, status=S.REGISTERED)
    AssistantFactory(beat=world.beat, status=S.ACTIVE)
    late = AssistantFactory(beat=world.beat, applied_on=days(-40))
    AssistantFactory(beat=world.beat, applied_on=days(-3))
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    listed = client.get(reverse("assistant-list") + "?needs=briefing").context["object_list"]
    assert list(listed) == [waiting]
    listed = client.get(reverse("assistant-list") + "?needs=overdue").context["object_list"]
    assert list(listed) == [late]
    response = client.get(reverse("assistant-list") + "?needs=everything")
    assert response.status_code == 200
    assert "needs" in response.context["filter"].form.errors


def test_a_registration_whose_person_applies_elsewhere_waits_for_its_registrar(client, world):
    """Only the registrar who keeps the registration learns of the application elsewhere;
    the police of the other area see nothing of it."""
    kept = AssistantFactory(beat=world.beat, status=S.ACTIVE)
    AssistantFactory(beat=world.other_beat, iin=kept.iin, applied_on=on(-3))
    AssistantFactory(beat=world.beat, status=S.ACTIVE)  # nobody applies elsewhere
    item = items_of(work_queue.trainings, world, Role.AKIMAT_REGISTRAR)["applying-elsewhere"]
    assert (item.count, item.severity) == (1, OVERDUE)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    listed = client.get(item.url).context["object_list"]
    assert list(listed) == [kept]

    as_role(client, world, Role.SUPERVISOR)
    response = client.get(item.url)
    assert "needs" in response.context["filter"].form.errors  # not a police question
    assert list(response.context["object_list"]) == []

    other_police = UserFactory(role=Role.SUPERVISOR, department=world.other_department)
    keys = {item.key for item in work_queues.queue_for(other_police, DAY)}
    assert "applying-elsewhere" not in keys


# --- the regional registrar --------------------------------------------------------------------


def test_regional_registrar_sees_each_area_with_overdue_steps(client, world):
    applied(world.beat, -40)  # overdue since -10
    petitioned(world.colleague_beat, on(-20))  # 7 working days: overdue
    applied(world.beat, -29)  # not yet due
    applied(world.other_beat, -33)
    applied(world.far_beat, -60)  # another region

    items = items_of(work_queue.regional_overdue, world, Role.REGIONAL_REGISTRAR)
    assert set(items) == {f"area-{world.area.pk}-overdue", f"area-{world.other_area.pk}-overdue"}
    mine = items[f"area-{world.area.pk}-overdue"]
    assert (mine.count, mine.due, mine.severity) == (2, on(-10), OVERDUE)
    assert world.area.name in mine.label
    assert mine.url == reverse("assistant-list") + f"?area={world.area.pk}&needs=overdue"
    assert items[f"area-{world.other_area.pk}-overdue"].count == 1


def test_the_regional_page_links_to_the_areas_overdue_assistants(client, world):
    late = AssistantFactory(beat=world.beat, applied_on=days(-45))
    AssistantFactory(beat=world.beat, applied_on=days(-5))
    AssistantFactory(beat=world.other_beat, applied_on=days(-45))
    response = as_role(client, world, Role.REGIONAL_REGISTRAR).get(reverse("region-home"))
    assert [(key, count) for key, count, _s in queue_items(response)] == [
        (f"area-{world.area.pk}-overdue", 1),
        (f"area-{world.other_area.pk}-overdue", 1),
    ]
    url = work_queues.queue_for(world.users[Role.REGIONAL_REGISTRAR])[0].url
    assert list(client.get(url).context["object_list"]) == [late]


def test_the_akimat_page_shows_the_register_queue(client, world):
    AssistantFactory(beat=world.beat, applied_on=days(-35))
    petitioned(world.colleague_beat, days(-20))
    AssistantFactory(beat=world.beat, status=S.REGISTERED)
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse("area-home"))
    shown = {key: (count, severity) for key, count, severity in queue_items(response)}
    assert shown == {
        "police-check-overdue": (1, "overdue"),
        "registration-overdue": (1, "overdue"),
        "briefing-due": (1, "to_do"),
    }


# --- query counts ----------------------------------------------------------------------------


def grow(world, n, region_too=False):
    point = PolicePointFactory(department=world.department)
    for _ in range(n):
        beat = BeatFactory(police_point=point, inspector=world.inspector)
        AssistantFactory(beat=beat, applied_on=days(-35))
        AssistantFactory(beat=beat, applied_on=days(-27))
        petitioned(beat, days(-20))
        certified(beat, days(10))
        active_assistant(beat)
        AssistantFactory(beat=beat, status=S.REGISTERED)
        other = BeatFactory(police_point=PolicePointFactory())  # another area of another region
        AssistantFactory(beat=other, applied_on=days(-35))


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (Role.AKIMAT_REGISTRAR, "area-home"),
        (Role.REGIONAL_REGISTRAR, "region-home"),
        (Role.SUPERVISOR, "department-home"),
    ],
)
def test_the_register_queue_costs_a_flat_number_of_queries(
    client, world, django_assert_max_num_queries, role, url_name
):
    user = world.users[role]
    as_role(client, world, role)

    def measure():
        with django_assert_max_num_queries(20) as captured:
            work_queues.queue_for(user)
        with django_assert_max_num_queries(80) as page:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured), len(page)

    grow(world, 1)
    small = measure()
    grow(world, 8)
    assert measure() == small
