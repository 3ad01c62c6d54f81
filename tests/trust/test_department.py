"""The trust index in the supervisor's department view, beside the workload index: per beat
(share, interval, sample; the sample alone while suppressed), pooled for the department, in
the export, with a query count that does not grow with beats or answers."""

from django.urls import reverse

from portal.models import Role
from portal.periods import last_completed_quarter
from tests.builders.trust import answers
from tests.factories import BeatFactory

HOME = reverse("department-home")


def page(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    response = client.get(HOME)
    assert response.status_code == 200
    return response


def test_each_beat_shows_its_index_or_only_its_sample(client, world):
    quarter = last_completed_quarter()
    answers(world.beat, quarter, positive=8, total=10)
    answers(world.colleague_beat, quarter, positive=3, total=4)
    answers(world.other_beat, quarter, positive=10, total=10)  # another department

    response = page(client, world)
    rows = {row.beat.pk: row for row in response.context["rows"]}
    html = response.content.decode()

    assert rows[world.beat.pk].trust.share == 0.8
    assert rows[world.colleague_beat.pk].trust.suppressed
    assert 'data-trust-share="0.8000"' in html and 'data-trust-total="4"' in html
    pooled = response.context["overview"].trust_total
    # The colleague's 4 answers are too few to show, so they stay out of the pool too.
    assert (pooled.positive, pooled.total) == (8, 10)
    assert 'id="department-trust"' in html and 'data-total="10"' in html


def test_the_export_has_the_share_and_the_sample(client, world):
    answers(world.beat, last_completed_quarter(), positive=8, total=10)
    client.force_login(world.users[Role.SUPERVISOR])
    content = client.get(reverse("department-export"), {"format": "csv"}).content.decode()
    line = next(row for row in content.splitlines() if row.startswith(world.beat.code))
    assert line.split(";")[-2:] == ["80", "10"]


def test_queries_do_not_grow_with_beats_or_answers(client, world, django_assert_max_num_queries):
    quarter = last_completed_quarter()
    client.force_login(world.users[Role.SUPERVISOR])

    def measure():
        with django_assert_max_num_queries(40) as captured:
            assert client.get(HOME).status_code == 200
        return len(captured)

    answers(world.beat, quarter, positive=8, total=10)
    small = measure()
    for _ in range(6):
        beat = BeatFactory(police_point=world.point)
        answers(beat, quarter, positive=20, total=30)
    assert measure() == small
