"""A resident sends a suggestion to the inspector from the beat's page (problems, which become
appeals, and the status page are in test_submissions.py)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from districts.models import Proposal, ProposalKind, ProposalSource, ProposalStatus
from residents.views.submissions import PUBLIC_FORM_RATE

LIMIT = int(PUBLIC_FORM_RATE.split("/")[0])
TEXT = "Во дворе дома 12 не горят фонари, вечером темно и опасно."


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The rate limit counts in the cache.
    cache.clear()
    yield
    cache.clear()


def url(beat):
    return reverse("beat-proposal", args=[beat.code])


def post(client, beat, **data):
    fields = {"kind": "suggestion", "text": TEXT, "name": "", "contact": "", **data}
    return client.post(url(beat), fields)


def test_form_page_has_labelled_fields_and_a_hidden_trap(client, world):
    response = client.get(url(world.beat))

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("kind_0", "kind_1", "text", "name", "contact"):
        assert f'for="id_{name}"' in html
        assert f'id="id_{name}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    # The trap is out of sight, out of the accessibility tree and out of the Tab order.
    trap = re.search(
        r'class="visually-hidden"\s+aria-hidden="true">(.*?)</div>\s*</div>', html, re.S
    )
    assert trap, "the honeypot is not wrapped out of sight"
    assert 'name="website"' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)


def test_resident_sends_a_proposal_and_the_inspector_sees_it(client, world):
    response = post(
        client, world.beat, name="Жанар", contact="+7 701 555 12 34", text=f"  {TEXT}  "
    )

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert response.url == proposal.submission.get_absolute_url()
    assert proposal.beat == world.beat
    assert proposal.source == ProposalSource.RESIDENT_SITE
    assert proposal.kind == ProposalKind.PROPOSAL
    assert proposal.status == ProposalStatus.NEW
    assert proposal.meeting is None
    assert proposal.text == TEXT
    assert proposal.resident_name == "Жанар"
    assert proposal.resident_contact == "+7 701 555 12 34"
    assert client.get(response.url).status_code == 200

    # The inspector of the beat finds it in the proposals list, marked as sent from the site.
    inspector = Client()
    inspector.force_login(world.inspector)
    listed = inspector.get(reverse("proposal-list"))
    assert proposal in listed.context["object_list"]
    assert listed.context["object_list"][0].get_source_display() == str(
        ProposalSource.RESIDENT_SITE.label
    )
    assert inspector.get(reverse("proposal-edit", args=[proposal.pk])).status_code == 200

    # The inspector of another department's beat does not.
    other = Client()
    other.force_login(world.other_beat.inspector)
    assert proposal not in other.get(reverse("proposal-list")).context["object_list"]


def test_name_and_contact_are_optional(client, world):
    assert post(client, world.beat).status_code == 302

    proposal = Proposal.objects.get()
    assert (proposal.resident_name, proposal.resident_contact) == ("", "")


@pytest.mark.parametrize("contact", ["+7 (701) 555-12-34", "87015551234", "zhanar@example.kz"])
def test_phone_or_email_contact_is_accepted(client, world, contact):
    assert post(client, world.beat, contact=contact).status_code == 302
    assert Proposal.objects.get().resident_contact == contact


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "Темно"}, "text"),  # shorter than 10 characters
        ({"text": "          "}, "text"),
        ({"text": "а" * 2001}, "text"),
        ({"contact": "позвоните мне"}, "contact"),
        ({"contact": "12345"}, "contact"),
        ({"contact": "zhanar@"}, "contact"),
        ({"name": "Ж" * 201}, "name"),
        ({"kind": "complaint-of-the-bot"}, "kind"),
        ({"kind": ""}, "kind"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, world, data, field):
    response = post(client, world.beat, **data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="alert alert-danger error-summary"' in response.content.decode()
    assert not Proposal.objects.exists()


def test_longest_allowed_text_is_accepted(client, world):
    assert post(client, world.beat, text="а" * 2000).status_code == 302


def test_filled_trap_pretends_success_and_saves_nothing(client, world):
    response = post(client, world.beat, website="http://spam.example")

    assert response.status_code == 302
    assert response.url == reverse("beat-proposal-thanks", args=[world.beat.code])
    assert not Proposal.objects.exists()


def test_filled_trap_wins_over_bad_input(client, world):
    response = post(client, world.beat, text="x", website="spam")

    assert response.status_code == 302
    assert not Proposal.objects.exists()


def test_rate_limit_per_address_gives_a_friendly_429(client, world):
    for _ in range(LIMIT):
        assert post(client, world.beat).status_code == 302

    response = post(client, world.beat)

    assert response.status_code == 429
    assert 'id="rate-limited"' in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert Proposal.objects.count() == LIMIT
    # Another address is not affected.
    assert post(Client(REMOTE_ADDR="10.1.2.3"), world.beat).status_code == 302
    # Reading the form is never limited.
    assert client.get(url(world.beat)).status_code == 200


def test_a_rate_limited_proposal_keeps_what_was_typed(client, world):
    for _ in range(LIMIT):
        post(client, world.beat)
    typed = "Возле школы № 45 машины ездят слишком быстро — нужен «лежачий полицейский» & знак."

    response = post(client, world.beat, text=typed, name="Айгуль", contact="+7 701 111 22 33")

    assert response.status_code == 429
    html = response.content.decode()
    # The form itself, not a dead end: the text is in its box, escaped, with the reason above.
    form = html.split('id="proposal-form"', 1)[1].split("</form>", 1)[0]
    assert 'id="rate-limited"' in form
    textarea = re.search(r"<textarea[^>]*name=\"text\"[^>]*>(.*?)</textarea>", form, re.S)
    assert textarea.group(1).strip() == escape(typed)
    assert 'value="Айгуль"' in form and 'value="+7 701 111 22 33"' in form
    assert form.index('id="rate-limited"') < form.index('name="text"')
    assert Proposal.objects.count() == LIMIT


def test_rejected_input_does_not_use_up_the_limit(client, world):
    for _ in range(LIMIT + 2):
        assert post(client, world.beat, text="short").status_code == 200

    assert post(client, world.beat).status_code == 302


def test_trapped_bots_use_up_the_limit(client, world):
    for _ in range(LIMIT):
        post(client, world.beat, website="spam")

    assert post(client, world.beat).status_code == 429
    assert not Proposal.objects.exists()


def test_csrf_is_required(world):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url(world.beat), {"text": TEXT})

    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_unknown_beat_is_404(client, db):
    assert client.get(reverse("beat-proposal", args=["no-such-beat"])).status_code == 404
    assert (
        client.post(reverse("beat-proposal", args=["no-such-beat"]), {"text": TEXT}).status_code
        == 404
    )


def test_the_proposal_is_never_shown_publicly(client, world):
    post(client, world.beat, name="Жанар Тестова", contact="zhanar@example.kz")

    for page in (
        world.beat.get_absolute_url(),
        reverse("beat-proposal-thanks", args=[world.beat.code]),
        reverse("events"),
    ):
        html = client.get(page).content.decode()
        assert "Жанар Тестова" not in html
        assert "zhanar@example.kz" not in html
        assert TEXT not in html
