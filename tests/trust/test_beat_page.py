"""The trust section of a beat's public page and the moderation of survey comments."""

import pytest
from django.urls import reverse

from districts.models.survey import CommentStatus, SurveyResponse
from portal.models import Role
from portal.periods import current_quarter
from tests.builders.trust import answers
from tests.queues import queue_items
from trust.selectors import public_quarters

INSPECTOR_HOME = reverse("inspector-home")


def page(client, beat):
    response = client.get(reverse("beat-detail", args=[beat.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_last_completed_quarter_is_shown_with_its_sample_and_interval(client, world):
    *_earlier, last = public_quarters()
    answers(world.beat, last, positive=8, total=10, problem="drugs")

    html = page(client, world.beat)

    assert 'id="beat-trust"' in html
    assert 'data-total="10"' in html and 'data-suppressed="false"' in html
    assert 'data-share="0.8000"' in html
    assert "49" in html.split('id="trust-interval"')[1][:400]  # 49 % … 94 %
    assert 'data-problem="drugs"' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="trust-chart' in html
    assert reverse("beat-survey", args=[world.beat.code]) in html


def test_below_the_minimum_the_share_is_not_shown(client, world):
    *_earlier, last = public_quarters()
    answers(world.beat, last, positive=9, total=9, problem="drugs")

    html = page(client, world.beat)

    assert 'data-suppressed="true"' in html and 'id="trust-suppressed"' in html
    assert 'id="trust-share"' not in html
    assert 'data-problem="drugs"' not in html


def test_the_running_quarter_is_not_shown_while_it_runs(client, world):
    answers(world.beat, current_quarter(), positive=30, total=30)
    html = page(client, world.beat)
    assert 'data-total="0"' in html


def test_only_approved_comments_reach_the_page(client, world):
    *_earlier, last = public_quarters()
    approved, waiting, rejected = answers(world.beat, last, positive=1, total=3)
    for response, status, text in (
        (approved, CommentStatus.APPROVED, "Спасибо участковому за порядок"),
        (waiting, CommentStatus.NEW, "Ждёт проверки"),
        (rejected, CommentStatus.REJECTED, "Отклонённый текст"),
    ):
        response.comment, response.comment_status = text, status
        response.save()

    html = page(client, world.beat)

    assert "Спасибо участковому за порядок" in html
    assert "Ждёт проверки" not in html and "Отклонённый текст" not in html


@pytest.mark.parametrize("answers_per_quarter", [12, 60])
def test_the_page_runs_the_same_queries_whatever_the_answers(
    client, world, django_assert_max_num_queries, answers_per_quarter
):
    for quarter in public_quarters():
        answers(world.beat, quarter, positive=answers_per_quarter // 2, total=answers_per_quarter)
    # The page's own reads (reports, events, channels, councils, published proposals), and
    # the trust section's three: the indexes, the problems named and the approved comments.
    with django_assert_max_num_queries(15):
        page(client, world.beat)


def test_the_police_approve_and_reject_comments(client, world):
    *_earlier, last = public_quarters()
    (first, second) = answers(world.beat, last, positive=1, total=2, comment="Темно во дворе")
    client.force_login(world.users[Role.INSPECTOR])
    url = reverse("survey-comments", args=[world.beat.code])

    html = client.get(url).content.decode()
    assert f'data-response="{first.pk}"' in html and 'data-status="new"' in html

    client.post(url, {"response": first.pk, "decision": "approved"})
    client.post(url, {"response": second.pk, "decision": "rejected"})
    client.post(url, {"response": second.pk, "decision": "delete-everything"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.comment_status == CommentStatus.APPROVED and first.moderated_at
    assert second.comment_status == CommentStatus.REJECTED
    assert SurveyResponse.objects.count() == 2


def test_a_comment_of_another_beat_cannot_be_moderated_through_mine(client, world):
    *_earlier, last = public_quarters()
    (theirs,) = answers(world.colleague_beat, last, positive=1, total=1, comment="Чужой")
    client.force_login(world.users[Role.INSPECTOR])

    client.post(
        reverse("survey-comments", args=[world.beat.code]),
        {"response": theirs.pk, "decision": "approved"},
    )

    theirs.refresh_from_db()
    assert theirs.comment_status == CommentStatus.NEW


def test_comments_waiting_for_moderation_are_in_the_inspectors_queue(client, world):
    *_earlier, last = public_quarters()
    answers(world.beat, last, positive=1, total=2, comment="Темно во дворе")
    answers(world.beat, last, positive=1, total=3)  # no comment: nothing to read
    answers(world.colleague_beat, last, positive=1, total=4, comment="Не мой участок")
    client.force_login(world.users[Role.INSPECTOR])

    items = {key: count for key, count, _severity in queue_items(client.get(INSPECTOR_HOME))}

    assert items[f"survey-comments-{world.beat.code}"] == 2
    assert f"survey-comments-{world.colleague_beat.code}" not in items
