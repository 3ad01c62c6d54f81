"""A form sent twice is taken once (portal.once): the double click, the second tab, the
page resent after a slow answer."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal import once
from portal.models import Role, SubmittedForm
from tests.builders.people import APPLICANT_IIN as IIN
from tests.builders.people import application
from tests.clients import as_role
from volunteers.models import Assistant

APPLY = "assistant-apply"


def token_of(response):
    match = re.search(rb'name="_once" value="([^"]+)"', response.content)
    assert match, "the form carries no once-token"
    return match.group(1).decode()


def test_every_rendered_form_carries_a_fresh_token(client, world):
    as_role(client, world, Role.INSPECTOR)
    first = token_of(client.get(reverse(APPLY)))
    second = token_of(client.get(reverse(APPLY)))
    assert first != second


def test_the_same_form_sent_twice_makes_one_record_and_both_answers_lead_to_it(client, world):
    as_role(client, world, Role.INSPECTOR)
    data = {**application(world), "_once": token_of(client.get(reverse(APPLY)))}
    first = client.post(reverse(APPLY), data)
    second = client.post(reverse(APPLY), data)
    assert first.status_code == 302
    assert (second.status_code, second["Location"]) == (303, first["Location"])
    assert Assistant.objects.filter(iin=IIN).count() == 1


def test_a_form_sent_back_with_errors_can_be_corrected_and_sent_with_its_token(client, world):
    as_role(client, world, Role.INSPECTOR)
    token = token_of(client.get(reverse(APPLY)))
    bad = client.post(reverse(APPLY), {**application(world, last_name=""), "_once": token})
    assert bad.status_code == 200
    assert not SubmittedForm.objects.exists()
    good = client.post(reverse(APPLY), {**application(world), "_once": token})
    assert good.status_code == 302
    assert Assistant.objects.count() == 1


def test_a_token_is_the_senders_own(client, world):
    """Another user's token (seen over a shoulder, in a shared link) stops nothing of theirs."""
    as_role(client, world, Role.INSPECTOR)
    token = token_of(client.get(reverse(APPLY)))
    client.post(reverse(APPLY), {**application(world), "_once": token})
    as_role(client, world, Role.SUPERVISOR)
    other = application(world, iin=None) | {"iin": "", "_once": token}
    response = client.post(reverse(APPLY), other)
    assert response.status_code == 200  # handled (and refused for the missing IIN), not redirected
    assert "iin" in response.context["form"].errors


def test_a_second_send_while_the_first_runs_waits_then_says_so(client, world, monkeypatch):
    monkeypatch.setattr(once, "WAIT_SECONDS", 0.3)
    as_role(client, world, Role.INSPECTOR)
    user = world.users[Role.INSPECTOR]
    SubmittedForm.objects.create(token=f"{user.pk}:running-token")  # the first, still running
    response = client.post(reverse(APPLY), {**application(world), "_once": "running-token"})
    assert response.status_code == 409
    assert 'id="once-in-progress"' in response.content.decode()
    assert Assistant.objects.count() == 0


@pytest.mark.parametrize("token", ["", "x" * 65])
def test_a_missing_or_oversized_token_leaves_the_form_to_the_view(client, world, token):
    as_role(client, world, Role.INSPECTOR)
    response = client.post(reverse(APPLY), {**application(world), "_once": token})
    assert response.status_code == 302
    assert not SubmittedForm.objects.exists()


def test_tokens_older_than_a_day_are_forgotten(db):
    old = SubmittedForm.objects.create(token="old", location="/x")
    SubmittedForm.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    SubmittedForm.objects.create(token="new", location="/y")
    out = io.StringIO()
    call_command("forget_old_submissions", stdout=out)
    assert out.getvalue().strip() == "Tokens deleted: 1"
    assert list(SubmittedForm.objects.values_list("token", flat=True)) == ["new"]


def test_a_strangers_posts_keep_no_tokens(client, world):
    """Sent to sign in, an anonymous post was not taken: nothing is kept of it."""
    for n in range(3):
        response = client.post(reverse(APPLY), {**application(world), "_once": f"random-{n}"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SubmittedForm.objects.exists()
