"""The seeded city's residents' trust surveys: four completed quarters and the running one,
different from beat to beat, some quarters suppressed, shown on the pages."""

from django.db.models import Count
from django.urls import reverse

from districts.models import Beat
from districts.models.survey import SurveyResponse
from districts.trust_index import trust_by_beat
from portal.periods import current_quarter
from reports.models import ReportRevision
from trust.selectors import public_quarters


def test_every_beat_has_four_quarters_of_answers_that_differ(seeded):
    assert "Residents' trust surveys:" in seeded
    quarters = public_quarters()
    beats = list(Beat.objects.values_list("pk", flat=True))
    indexes = trust_by_beat(beats, quarters)

    for beat in beats:
        assert all(indexes[(beat, q)].total > 0 for q in quarters), beat
    shares = {round(i.share, 2) for i in indexes.values() if not i.suppressed}
    assert len(shares) > 10  # beats differ
    assert any(i.suppressed for i in indexes.values())  # a few quarters too small to show
    assert sum(not i.suppressed for i in indexes.values()) > len(indexes) * 0.7
    # Answers only in the quarters seeded: the last four completed and the running one.
    seeded_quarters = set(
        SurveyResponse.objects.values_list("year", "quarter").annotate(n=Count("pk"))
    )
    assert {(y, q) for y, q, _n in seeded_quarters} <= {*map(tuple, quarters), current_quarter()}


def test_the_demo_beat_shows_its_trust_and_published_report_keeps_it(seeded, client):
    html = client.get(reverse("beat-detail", args=["almaly-01"])).content.decode()
    assert 'id="beat-trust"' in html and 'data-suppressed="false"' in html
    assert SurveyResponse.objects.filter(comment_status="approved").exclude(comment="").exists()
    revision = ReportRevision.objects.filter(report__beat__code="almaly-01").latest("pk")
    assert revision.snapshot["trust"]["total"] > 0
