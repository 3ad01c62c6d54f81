"""Who may open what, written out by hand from DESIGN.md's users and rules.

The access matrix (test_access_matrix.py) checks that every view does what its declared
rule says. This table checks the rules themselves: the expected answer for representative
pages is written here, not derived from `portal.policy`, so a wrong entry in the policy's
table shows up as a failure here.

    ok     the page is served (200, or a redirect that is not to a sign-in page)
    login  sent to a sign-in page
    403    refused
"""

import datetime

import pytest
from django.urls import reverse

from portal.models import Role
from tests import factories
from tests.url_samples import SAMPLE_KWARGS


@pytest.fixture
def world(shared_world):
    # Hundreds of requests read the same territory: it is built once for the module.
    return shared_world


ROLES = (
    None,
    Role.INSPECTOR,
    Role.SUPERVISOR,
    Role.AKIMAT_REGISTRAR,
    Role.REGIONAL_REGISTRAR,
    Role.COUNCIL_SECRETARY,
    Role.ADMINISTRATOR,
)

# fmt: off
#                            anon     insp     superv   akimat   region   secret   admin
EXPECTED = {
    # The resident site: open to everyone.
    "public-home":          ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "beat-detail":          ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "events":               ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "events-past":          ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "event-detail":         ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "verify":               ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "beat-proposal":        ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    # A resident's private status page: whoever holds the link.
    "submission-status":    ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "public-council-list":  ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "public-council":       ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "join-areas":           ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "area-join":            ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "area-join-thanks":     ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "beat-survey":          ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "beat-survey-thanks":   ("ok",    "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    # Each role lands on its own start page.
    "staff-home":           ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "inspector-home":       ("login", "ok",    "403",   "403",   "403",   "403",   "403"),
    "department-home":      ("login", "403",   "ok",    "403",   "403",   "403",   "403"),
    "area-home":            ("login", "403",   "403",   "ok",    "403",   "403",   "403"),
    "region-home":          ("login", "403",   "403",   "403",   "ok",    "403",   "403"),
    "council-overview":     ("login", "403",   "403",   "403",   "403",   "ok",    "ok"),
    "department-overview":  ("login", "403",   "403",   "403",   "403",   "403",   "ok"),
    "staff-beat-list":      ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    # Everyone on the staff keeps their own settings (language of e-mail, the digest).
    "my-settings":          ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    # The inspector's workspace: the police read it; the inspector writes it.
    "meeting-list":         ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "meeting-detail":       ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "meeting-create":       ("login", "ok",    "403",   "403",   "403",   "403",   "ok"),
    "appeal-list":          ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "preventive-list":      ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "checklist":            ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "staff-beat-detail":    ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    # How residents reach the inspector: kept by the beat's inspector.
    "beat-channels-edit":   ("login", "ok",    "403",   "403",   "403",   "403",   "ok"),
    # The survey's notice and comments: the police of the beat.
    "beat-notice":          ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "survey-comments":      ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    # The Law No. 590 register: no business of the council secretary; the police apply,
    # the akimat registers; the region reads.
    "assistant-list":       ("login", "ok",    "ok",    "ok",    "ok",    "403",   "ok"),
    "assistant-detail":     ("login", "ok",    "ok",    "ok",    "ok",    "403",   "ok"),
    "assistant-apply":      ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    # Residents' interest in joining: the police who take applications call them back.
    "lead-list":            ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "lead-detail":          ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "lead-contacted":       ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "lead-decline":         ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "lead-convert":         ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    # A full IIN is looked up only by those who see it unmasked.
    "assistant-find-by-iin": ("login", "403",  "403",   "ok",    "403",   "403",   "ok"),
    "certificate-list":     ("login", "ok",    "ok",    "ok",    "ok",    "403",   "ok"),
    "register-import":      ("login", "403",   "403",   "ok",    "403",   "403",   "ok"),
    "register-regional":    ("login", "403",   "403",   "403",   "ok",    "403",   "ok"),
    "commission-list":      ("login", "403",   "403",   "ok",    "ok",    "403",   "ok"),
    "duty-list":            ("login", "ok",    "ok",    "ok",    "ok",    "403",   "ok"),
    "volunteer-list":       ("login", "ok",    "ok",    "ok",    "ok",    "403",   "ok"),
    # Councils, partners and joint actions: every staff role reads them in its territory.
    "council-list":         ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "partner-list":         ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "action-list":          ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "council-create":       ("login", "403",   "403",   "403",   "403",   "ok",    "ok"),
    # Quarterly reports: the police; roll-ups for the heads and the akimats.
    "report-list":          ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "statistics-list":      ("login", "ok",    "ok",    "403",   "403",   "403",   "ok"),
    "area-rollup":          ("login", "403",   "ok",    "ok",    "ok",    "403",   "ok"),
    # Effectiveness indicators: the inspector their own, the heads and akimats their
    # territory; the akim's yearly view as the roll-up; targets by an administrator.
    "indicators":           ("login", "ok",    "ok",    "ok",    "ok",    "403",   "ok"),
    "indicators-year":      ("login", "403",   "ok",    "ok",    "ok",    "403",   "ok"),
    "indicators-year-pdf":  ("login", "403",   "ok",    "ok",    "ok",    "403",   "ok"),
    "indicator-targets":    ("login", "403",   "403",   "403",   "403",   "403",   "ok"),
    # A file made off the request: its asker's alone; anyone else is told it is not kept.
    "file-job":             ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "file-job-progress":    ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    "file-job-download":    ("login", "ok",    "ok",    "ok",    "ok",    "ok",    "ok"),
    # The Django admin: administrators only; others are sent to its sign-in page.
    "admin:index":          ("login", "login", "login", "login", "login", "login", "ok"),
}
# fmt: on


def outcome(response):
    if response.status_code == 302 and "/login/" in response.url:
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


CASES = [
    pytest.param(name, role, expected, id=f"{name}-{role or 'anonymous'}")
    for name, row in EXPECTED.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("name", "role", "expected"), CASES)
def test_each_role_gets_what_its_work_needs(client, world, name, role, expected):
    kwargs = SAMPLE_KWARGS[name](world) if name in SAMPLE_KWARGS else {}
    if role:
        client.force_login(world.users[role])
    assert outcome(client.get(reverse(name, kwargs=kwargs))) == expected


# --- outsiders -------------------------------------------------------------------------------
# A user with the right role but another territory gets 404, as if the record did not exist.


def other_area_meeting(world):
    return reverse("meeting-detail", args=[factories.MeetingFactory(beat=world.other_beat).pk])


def colleague_meeting(world):
    return reverse("meeting-detail", args=[factories.MeetingFactory(beat=world.colleague_beat).pk])


def other_area_meeting_edit(world):
    return reverse("meeting-edit", args=[factories.MeetingFactory(beat=world.other_beat).pk])


def other_area_appeal(world):
    return reverse("appeal-edit", args=[factories.AppealFactory(beat=world.other_beat).pk])


def other_area_passport(world):
    return reverse("staff-beat-detail", args=[world.other_beat.code])


def colleague_beat_channels(world):
    return reverse("beat-channels-edit", args=[world.colleague_beat.code])


def far_region_passport(world):
    return reverse("staff-beat-detail", args=[world.far_beat.code])


def other_area_notice(world):
    return reverse("beat-notice", args=[world.other_beat.code])


def colleague_survey_comments(world):
    return reverse("survey-comments", args=[world.colleague_beat.code])


def other_area_assistant(world):
    return reverse("assistant-detail", args=[factories.AssistantFactory(beat=world.other_beat).pk])


def far_region_assistant(world):
    return reverse("assistant-detail", args=[factories.AssistantFactory(beat=world.far_beat).pk])


def other_area_certificate(world):
    from volunteers.services import lifecycle

    assistant = factories.AssistantFactory(beat=world.other_beat, status="registered")
    certificate = lifecycle.certificate_issue(
        assistant=assistant, user=None, issued_on=datetime.date.today()
    )
    return reverse("certificate-detail", args=[certificate.pk])


def other_area_lead(world):
    return reverse("lead-detail", args=[factories.InterestLeadFactory(beat=world.other_beat).pk])


def colleague_lead(world):
    return reverse(
        "lead-detail", args=[factories.InterestLeadFactory(beat=world.colleague_beat).pk]
    )


def other_area_beatless_lead(world):
    lead = factories.InterestLeadFactory(beat=None, area=world.other_area)
    return reverse("lead-detail", args=[lead.pk])


def other_area_partner(world):
    from councils.models import PartnerOrganization

    partner = PartnerOrganization.objects.create(kind="osi", name="ОСИ", area=world.other_area)
    return reverse("partner-edit", args=[partner.pk])


def other_area_council(world):
    from councils.models import PublicCouncil

    today = datetime.date.today()
    council = PublicCouncil.objects.create(
        department=world.other_department,
        name="Общественный совет",
        term_start=today - datetime.timedelta(days=365),
        term_end=today + datetime.timedelta(days=365),
    )
    return reverse("council-detail", args=[council.pk])


def other_area_indicators(world):
    return reverse("indicators") + f"?area={world.other_area.pk}"


def far_region_indicators_year(world):
    return reverse("indicators-year") + f"?area={world.far_area.pk}"


OUTSIDERS = [
    (Role.INSPECTOR, colleague_meeting),
    (Role.INSPECTOR, other_area_meeting),
    (Role.INSPECTOR, other_area_meeting_edit),
    (Role.INSPECTOR, other_area_appeal),
    (Role.INSPECTOR, other_area_passport),
    (Role.INSPECTOR, colleague_beat_channels),
    (Role.INSPECTOR, other_area_assistant),
    (Role.INSPECTOR, colleague_survey_comments),
    (Role.SUPERVISOR, other_area_notice),
    (Role.SUPERVISOR, other_area_meeting),
    (Role.SUPERVISOR, other_area_appeal),
    (Role.SUPERVISOR, other_area_passport),
    (Role.SUPERVISOR, other_area_assistant),
    (Role.SUPERVISOR, other_area_partner),
    (Role.INSPECTOR, other_area_lead),
    (Role.INSPECTOR, colleague_lead),
    (Role.INSPECTOR, other_area_beatless_lead),
    (Role.SUPERVISOR, other_area_lead),
    (Role.SUPERVISOR, other_area_beatless_lead),
    (Role.AKIMAT_REGISTRAR, other_area_assistant),
    (Role.AKIMAT_REGISTRAR, other_area_certificate),
    (Role.AKIMAT_REGISTRAR, other_area_passport),
    (Role.AKIMAT_REGISTRAR, other_area_partner),
    (Role.REGIONAL_REGISTRAR, far_region_assistant),
    (Role.REGIONAL_REGISTRAR, far_region_passport),
    (Role.COUNCIL_SECRETARY, other_area_council),
    (Role.COUNCIL_SECRETARY, other_area_partner),
    (Role.SUPERVISOR, other_area_indicators),
    (Role.AKIMAT_REGISTRAR, other_area_indicators),
    (Role.REGIONAL_REGISTRAR, far_region_indicators_year),
]


@pytest.mark.parametrize(
    ("role", "url_of"), [pytest.param(r, u, id=f"{r}-{u.__name__}") for r, u in OUTSIDERS]
)
def test_an_outsider_gets_404_for_another_territorys_record(client, world, role, url_of):
    url = url_of(world)
    client.force_login(world.users[role])
    assert client.get(url).status_code == 404
    # The same page of the same kind of record is served inside the territory.
    client.force_login(world.users[Role.ADMINISTRATOR])
    assert client.get(url).status_code == 200
