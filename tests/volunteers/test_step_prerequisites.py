"""Lifecycle steps are offered only when they can succeed (Law No. 590).

Admission to duties needs a valid certificate and the Art. 7 briefing; no second certificate
while one is held; back to duties only with a valid certificate. The record page does not
offer a step whose prerequisite is missing: it says what is missing and links to the step
that provides it; the service refuses the step if it is posted anyway. On the page the main
next action comes first (the one primary button), destructive steps last, outlined in red,
each with a confirmation the server checks.
"""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from portal.models import Role
from tests.clients import as_role
from tests.dates import days
from tests.factories import AssistantFactory, TrainingFactory
from volunteers.models import AssistantStatus, CertificateState, TrainingKind
from volunteers.services import lifecycle
from volunteers.views.assistant_steps import briefing_url

S = AssistantStatus


def detail_url(assistant):
    return reverse("assistant-detail", args=[assistant.pk])


def step_url(step, assistant):
    return reverse(f"assistant-{step}", args=[assistant.pk])


def status_of(assistant):
    assistant.refresh_from_db()
    return assistant.status


def certified(world, *, issued_on=None, valid_until=None):
    """An assistant with a certificate issued (by default today, valid three years)."""
    assistant = AssistantFactory(beat=world.beat, status=S.REGISTERED)
    lifecycle.certificate_issue(
        assistant=assistant,
        user=None,
        issued_on=issued_on or days(0),
        valid_until=valid_until,
    )
    assistant.refresh_from_db()
    return assistant


def brief(assistant, on=None):
    TrainingFactory(
        area=assistant.area,
        kind=TrainingKind.ART7_BRIEFING,
        date=on or days(0),
        attendees=[assistant],
    )


def offers(client, assistant):
    return {offer.step: offer for offer in client.get(detail_url(assistant)).context["offers"]}


# --- admission to duties needs the Art. 7 briefing -------------------------------------------


def test_admission_is_not_offered_before_the_briefing_and_links_to_it(client, world):
    assistant = certified(world)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(detail_url(assistant))
    shown = {offer.step: offer for offer in response.context["offers"]}
    assert "activate" not in [offer.step for offer in response.context["actions"]]
    blocked = shown["activate"]
    assert blocked.blocked
    [prerequisite] = blocked.blocked_by
    assert prerequisite.url == briefing_url(assistant)
    # The main next action is to record the briefing.
    assert prerequisite.button_class == "btn-primary"
    html = response.content.decode()
    assert f'action="{step_url("activate", assistant)}"' not in html
    link = re.search(r'<a class="btn btn-primary[^"]*prerequisite-link" href="([^"]+)"', html)
    assert link and link.group(1).replace("&amp;", "&") == briefing_url(assistant)
    assert str(prerequisite.link_label) in html
    assert str(prerequisite.message) in html


def test_admission_posted_without_the_briefing_is_refused_by_the_service(client, world):
    assistant = certified(world)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(step_url("activate", assistant), {})
    assert response.status_code == 200
    assert status_of(assistant) == S.CERTIFIED
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_activate(assistant=assistant, user=None)
    assert refused.value.code == "art7_briefing"
    # The page says why, and still offers the briefing instead of the step.
    assert refused.value.messages[0] in [str(m) for m in response.context["messages"]]
    assert {offer.step: offer for offer in response.context["offers"]}["activate"].blocked


def test_admission_is_offered_once_briefed_as_the_main_action(client, world):
    assistant = certified(world)
    brief(assistant)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    shown = offers(client, assistant)
    assert not shown["activate"].blocked
    assert shown["activate"].button_class == "btn-primary"
    response = client.post(step_url("activate", assistant), {})
    assert response.status_code == 302
    assert status_of(assistant) == S.ACTIVE


def test_a_briefing_after_the_moment_of_admission_does_not_count(world):
    assistant = certified(world, issued_on=days(-20))
    brief(assistant, on=days(-2))
    earlier = timezone.now() - datetime.timedelta(days=10)
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_activate(assistant=assistant, user=None, now=earlier)
    assert refused.value.code == "art7_briefing"
    lifecycle.assistant_activate(assistant=assistant, user=None)
    assert status_of(assistant) == S.ACTIVE


def test_a_legal_training_is_not_the_briefing(client, world):
    assistant = certified(world)
    TrainingFactory(area=assistant.area, kind=TrainingKind.LEGAL_TRAINING, attendees=[assistant])
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    assert offers(client, assistant)["activate"].blocked


# --- admission and resumption need a valid certificate ---------------------------------------


def test_admission_with_an_expired_certificate_links_to_the_certificate(client, world):
    assistant = certified(world, issued_on=days(-1200), valid_until=days(-5))
    brief(assistant, on=days(-1000))
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    shown = offers(client, assistant)
    certificate = assistant.certificates.get()
    [prerequisite] = shown["activate"].blocked_by
    assert prerequisite.url == certificate.get_absolute_url()
    # Issuing a new one is blocked too, until the expired card is returned.
    assert shown["issue_certificate"].blocked
    client.post(step_url("activate", assistant), {})
    assert status_of(assistant) == S.CERTIFIED
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_activate(assistant=assistant, user=None)
    assert refused.value.code == "certificate_expired"

    lifecycle.certificate_return(
        certificate=certificate, user=None, returned_on=days(0), badge_returned=True
    )
    shown = offers(client, assistant)
    # Now the way forward is a new certificate: offered first, and linked from admission.
    assert not shown["issue_certificate"].blocked
    assert shown["issue_certificate"].button_class == "btn-primary"
    [prerequisite] = shown["activate"].blocked_by
    assert prerequisite.url == reverse("certificate-issue", args=[assistant.pk])


def test_resuming_needs_a_valid_certificate(client, world):
    assistant = certified(world, issued_on=days(-30))
    brief(assistant, on=days(-20))
    lifecycle.assistant_activate(assistant=assistant, user=None)
    lifecycle.assistant_suspend(
        assistant=assistant, user=None, suspended_on=days(-5), reason="Проверка"
    )
    certificate = assistant.certificates.get()
    lifecycle.certificate_revoke(
        certificate=certificate, user=None, revoked_on=days(-1), reason="Утрачено"
    )
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    shown = offers(client, assistant)
    assert shown["resume"].blocked
    client.post(step_url("resume", assistant), {})
    assert status_of(assistant) == S.SUSPENDED

    lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=days(0))
    assert not offers(client, assistant)["resume"].blocked
    client.post(step_url("resume", assistant), {})
    assert status_of(assistant) == S.ACTIVE


# --- no second certificate while one is held -------------------------------------------------


def test_no_second_certificate_while_a_valid_one_is_held(client, world):
    assistant = certified(world)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(detail_url(assistant))
    assert "issue_certificate" not in {offer.step for offer in response.context["offers"]}
    assert 'id="issue-certificate"' not in response.content.decode()
    # The issue page says why, and a POST issues nothing.
    issue = reverse("certificate-issue", args=[assistant.pk])
    assert client.get(issue).context["possible"] is False
    client.post(issue, {"issued_on": days(0).isoformat(), "valid_until": days(900).isoformat()})
    assert assistant.certificates.count() == 1
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=days(0))
    assert refused.value.code == "certificate_held"

    lifecycle.certificate_return(
        certificate=assistant.certificates.get(),
        user=None,
        returned_on=days(0),
        badge_returned=True,
    )
    assert not offers(client, assistant)["issue_certificate"].blocked


# --- the link to the briefing ----------------------------------------------------------------


def test_the_briefing_link_opens_the_training_form_filled_in_and_leads_back(client, world):
    assistant = certified(world)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    url = briefing_url(assistant)
    assert set(parse_qs(urlsplit(url).query)) == {"kind", "attendee"}  # no personal data
    form = client.get(url).context["form"]
    assert form.initial["kind"] == TrainingKind.ART7_BRIEFING
    assert form.initial["attendees"] == [assistant.pk]
    response = client.post(
        url,
        {
            "kind": TrainingKind.ART7_BRIEFING,
            "date": days(0).isoformat(),
            "police_point": world.point.pk,
            "held_by": "Подполковник полиции Сеитов А.",
            "attendees": [assistant.pk],
        },
    )
    assert response.status_code == 302 and response.url == detail_url(assistant)
    page = client.get(response.url)
    assert [offer.step for offer in page.context["actions"]][0] == "activate"


def test_a_prefilled_attendee_outside_the_scope_is_ignored(client, world):
    stranger = AssistantFactory(beat=world.other_beat, status=S.CERTIFIED)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(briefing_url(stranger))
    assert response.status_code == 200
    assert "attendees" not in response.context["form"].initial
    assert client.get(reverse("training-create") + "?attendee=x&kind=nonsense").status_code == 200


def test_other_roles_see_no_step_they_cannot_take(client, world):
    assistant = certified(world)
    as_role(client, world, Role.SUPERVISOR)
    assert offers(client, assistant) == {}


# --- order and styles of the actions ---------------------------------------------------------


def page_steps(html):
    """(step, button classes) of the actions in the order the page shows them."""
    card = html.split('id="assistant-actions"', 1)[1].split("</section>", 1)[0]
    steps = []
    for block in re.split(r'(?=<(?:details|form|div|a) [^>]*data-step=")', card)[1:]:
        step = re.search(r'data-step="([^"]+)"', block).group(1)
        classes = re.findall(r'class="btn ([^"]+)"', block)
        steps.append((step, classes[-1] if classes else ""))
    return steps


@pytest.mark.parametrize(
    ("status", "role", "expected"),
    [
        (S.APPLIED, Role.SUPERVISOR, [("petition", "primary"), ("refuse", "outline-danger")]),
        (S.PETITIONED, Role.AKIMAT_REGISTRAR, [("register", "primary")]),
        (
            S.REGISTERED,
            Role.AKIMAT_REGISTRAR,
            [("issue_certificate", "primary"), ("deregister", "outline-danger")],
        ),
        (
            S.ACTIVE,
            Role.AKIMAT_REGISTRAR,
            [("suspend", "outline-danger"), ("deregister", "outline-danger")],
        ),
    ],
)
def test_the_main_action_comes_first_and_destructive_ones_last(
    client, world, status, role, expected
):
    assistant = AssistantFactory(beat=world.beat, status=status, petition_sent_on=days(-2))
    if status == S.ACTIVE:
        lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=days(0))
    as_role(client, world, role)
    html = client.get(detail_url(assistant)).content.decode()
    shown = page_steps(html)
    assert [step for step, _classes in shown] == [step for step, _style in expected]
    for (_step, classes), (_s, style) in zip(shown, expected, strict=True):
        assert f"btn-{style}" in classes.split()
    # One primary button at most, and destructive ones never primary.
    assert html.count("btn btn-primary") <= 1


def test_the_briefing_link_is_the_one_primary_button_and_deregistration_stays_last(client, world):
    assistant = certified(world)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    html = client.get(detail_url(assistant)).content.decode()
    assert [step for step, _c in page_steps(html)] == ["activate", "deregister"]
    card = html.split('id="assistant-actions"', 1)[1].split("</section>", 1)[0]
    assert card.count("btn-primary") == 1
    assert card.index("prerequisite-link") < card.index('data-step="deregister"')


@pytest.mark.parametrize(
    ("status", "step", "data"),
    [
        (S.APPLIED, "refuse", {"refuse-refused_on": "T", "refuse-reason": "Судимость"}),
        (S.ACTIVE, "suspend", {"suspend-suspended_on": "T", "suspend-reason": "Проверка"}),
        (
            S.ACTIVE,
            "deregister",
            {"deregister-deregistered_on": "T", "deregister-ground": "own_application"},
        ),
    ],
)
def test_destructive_steps_need_their_confirmation(client, world, status, step, data):
    assistant = AssistantFactory(beat=world.beat, status=status)
    role = Role.SUPERVISOR if step == "refuse" else Role.AKIMAT_REGISTRAR
    as_role(client, world, role)
    data = {k: days(0).isoformat() if v == "T" else v for k, v in data.items()}
    page = client.get(detail_url(assistant)).content.decode()
    assert f'name="{step}-confirm"' in page
    response = client.post(step_url(step, assistant), data)
    assert response.status_code == 200
    assert status_of(assistant) == status
    form = {offer.step: offer.form for offer in response.context["offers"]}[step]
    assert "confirm" in form.errors
    assert f'href="#id_{step}-confirm"' in response.content.decode()
    response = client.post(step_url(step, assistant), {**data, f"{step}-confirm": "on"})
    assert response.status_code == 302
    assert status_of(assistant) != status


def test_revoking_a_certificate_needs_its_confirmation(client, world):
    assistant = certified(world)
    certificate = assistant.certificates.get()
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    page = client.get(certificate.get_absolute_url()).content.decode()
    revoke = page.split('id="step-revoke"', 1)[1]
    assert 'name="confirm"' in revoke and "btn-outline-danger" in revoke
    url = reverse("certificate-revoke", args=[certificate.pk])
    data = {"revoked_on": days(0).isoformat(), "reason": "Утрата"}
    client.post(url, data)
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.ISSUED
    client.post(url, {**data, "confirm": "on"})
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.REVOKED


def test_registration_is_not_offered_while_the_person_is_registered_in_another_area(client, world):
    """The registrar of the applying area is told why; the police who took the application
    see no step of the akimat and learn nothing of the other area."""
    kept = AssistantFactory(beat=world.other_beat, status=S.ACTIVE)
    pending = AssistantFactory(
        beat=world.beat,
        iin=kept.iin,
        status=S.PETITIONED,
        applied_on=days(-10),
        petition_sent_on=days(-2),
    )
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    html = client.get(detail_url(pending)).content.decode()
    blocked = html[html.index('id="step-register"') :]
    assert (
        "step-blocked"
        in html[html.index('id="step-register"') - 80 : html.index('id="step-register"')]
    )
    with translation.override("ru"):
        reason = escape(str(lifecycle.REGISTERED_ELSEWHERE))
    assert reason in blocked[:3000]
    assert str(world.other_area) not in html
    response = client.post(step_url("register", pending), {"register-registered_on": days(0)})
    assert status_of(pending) == S.PETITIONED
    assert response.status_code in (200, 302)

    as_role(client, world, Role.INSPECTOR)
    html = client.get(detail_url(pending)).content.decode()
    assert reason not in html
    assert 'id="step-register"' not in html
