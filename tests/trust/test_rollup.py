"""The trust index in the area roll-up: per beat, the area's pooled total, and the export."""

from portal.periods import Quarter
from reports import rollup
from tests.builders.trust import answers

Q = Quarter(2025, 3)


def test_each_beat_and_the_area_total(world):
    answers(world.beat, Q, positive=8, total=10)
    answers(world.colleague_beat, Q, positive=1, total=5)
    answers(world.beat, Q.previous(), positive=0, total=40)  # another quarter

    data = rollup.compute(
        area=world.area,
        beat_ids=[world.beat.pk, world.colleague_beat.pk],
        year=Q.year,
        quarter=Q.number,
    )
    rows = {row.beat_id: row for row in data.beats}

    assert rows[world.beat.pk].trust.share == 0.8
    assert rows[world.colleague_beat.pk].trust.suppressed
    # The colleague's 5 answers are too few to show: they stay out of the area's pool.
    assert (data.totals.trust.positive, data.totals.trust.total) == (8, 10)
    beats_sheet = rollup.export_book(data).sheets()[0]
    by_code = {row[0]: row for row in beats_sheet}
    assert list(by_code[world.beat.code][-2:]) == [80, 10]
    assert list(by_code[world.colleague_beat.code][-2:]) == ["", 5]
    assert list(beats_sheet[-1][-2:]) == [80, 10]
