"""`demo.channels`: the demo inspectors' reception hours, messenger groups and trust phone."""

from demo.channels import NO_GROUPS_EVERY, TRUST_PHONE, seed_channels
from districts.models import Beat, MessengerGroup
from tests.factories import BeatFactory, BeatStreetFactory


def _seed(world):
    return seed_channels(world.region, Beat.objects.filter(police_point=world.point))


def test_every_beat_gets_hours_and_most_get_valid_groups(world):
    beats = [world.beat, world.colleague_beat] + [
        BeatFactory(police_point=world.point, number=n) for n in range(11, 19)
    ]
    for beat in beats:
        BeatStreetFactory(beat=beat, name_ru="ул. Абая", name_kk="Абай көшесі")
        BeatStreetFactory(beat=beat, name_ru="ул. Жамбыла", name_kk="Жамбыл көшесі")
    counts = _seed(world)
    world.region.refresh_from_db()
    assert world.region.trust_phone == TRUST_PHONE
    for beat in Beat.objects.filter(police_point=world.point):
        assert beat.reception_hours_ru and beat.reception_hours_kk
        groups = list(beat.messenger_groups.all())
        assert len(groups) <= 3
        assert bool(groups) == (beat.number % NO_GROUPS_EVERY != 0)
        for group in groups:
            group.full_clean()
            assert group.label_ru and group.label_kk
    assert counts["messenger groups"] == MessengerGroup.objects.count()
    assert not MessengerGroup.objects.filter(beat=world.other_beat).exists()


def test_running_again_writes_the_same(world):
    BeatStreetFactory(beat=BeatFactory(police_point=world.point, number=7))
    _seed(world)
    first = list(MessengerGroup.objects.values_list("beat_id", "label_ru", "platform", "url"))
    _seed(world)
    again = list(MessengerGroup.objects.values_list("beat_id", "label_ru", "platform", "url"))
    assert first == again and first
