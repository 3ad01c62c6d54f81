"""The demo city names in Kazakh and in Russian whatever residents read: councils and their
sessions, campaigns, joint actions, announced meetings and police points."""

from django.utils import translation

from councils.models import Campaign, CouncilSession, JointAction, PublicCouncil
from councils.selectors.events import upcoming_public_events
from districts.models import Meeting, MeetingStatus, PolicePoint


def untranslated(queryset, *fields):
    """(record, field) where the Kazakh or Russian version is empty or one is a copy."""
    return [
        (record.pk, field)
        for record in queryset
        for field in fields
        if not getattr(record, f"{field}_kk")
        or not getattr(record, f"{field}_ru")
        or getattr(record, f"{field}_kk") == getattr(record, f"{field}_ru")
    ]


def test_every_resident_facing_name_is_in_kazakh_and_russian(seeded):
    checks = [
        (PublicCouncil.objects.all(), ("name",)),
        (CouncilSession.objects.all(), ("place", "agenda")),
        (Campaign.objects.all(), ("name",)),
        (JointAction.objects.all(), ("title", "place")),
        (Meeting.objects.filter(status=MeetingStatus.PLANNED), ("place", "topics")),
        (PolicePoint.objects.all(), ("name", "address", "reception_hours")),
    ]
    for queryset, fields in checks:
        assert queryset.exists(), queryset.model
        assert untranslated(queryset, *fields) == [], queryset.model


def test_the_calendar_reads_kazakh_to_a_kazakh_reader(seeded):
    with translation.override("kk"):
        events = upcoming_public_events()
    assert {e.kind for e in events} >= {"action", "session"}
    actions = {a.pk: a for a in JointAction.objects.filter(is_public=True)}
    sessions = {s.pk: s for s in CouncilSession.objects.select_related("council")}
    for event in events:
        kind, pk = event.uid.rsplit("-", 1)
        if kind == "action":
            assert (event.title, event.place) == (
                actions[int(pk)].title_kk,
                actions[int(pk)].place_kk,
            )
        elif kind == "session":
            session = sessions[int(pk)]
            assert (event.title, event.place, event.description) == (
                session.council.name_kk,
                session.place_kk,
                session.agenda_kk,
            )
