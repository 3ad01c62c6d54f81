"""Running `seed_demo` again on the seeded city: it repairs what was edited, changes
nothing else, and gives the same territory, work, register, councils and reports.

The second run happens once for the module, inside a savepoint rolled back after its
tests: a few demo records are edited, `seed_demo --skip-reports` runs again, and then the
reports are seeded again (`demo.reports.seed_reports`, the command's last step) with a
stand-in for the PDF renderer. Rendering 51 PDFs a second time would double the time of
the demo tests, and the real renderer has run for this city already (for the Almaly
beats: conftest.py; test_reports.py checks the stored PDFs, tests/reports/test_report_pdf.py
the renderer); what a second run must
repeat is the data, and the handling of the stored files: the old PDFs are deleted once
the new ones are committed.
"""

import hashlib
import shutil
from dataclasses import dataclass
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import translation

from councils.models import (
    ActionAssistant,
    ActionVolunteer,
    Campaign,
    CouncilMember,
    CouncilSession,
    JointAction,
    PartnerOrganization,
    PublicCouncil,
    Recommendation,
    SessionDecision,
)
from demo.reports import seed_reports
from districts.models import (
    Appeal,
    Area,
    Beat,
    BeatStreet,
    ChecklistMark,
    DoorToDoorRound,
    Meeting,
    PoliceDepartment,
    PolicePoint,
    PreventiveVisit,
    ProblemMeasure,
    ProblemSpot,
    Proposal,
    Region,
    RoundStreet,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
)
from portal.models import Role, User
from reports.models import OffenceStatistic, QuarterlyReport, ReportRevision
from reports.services import publishing
from tests.demo.seeding import seed, stand_in_pdf
from volunteers.models import (
    AreaCounter,
    Assistant,
    BudgetLine,
    Certificate,
    CommissionDecision,
    Duty,
    Encouragement,
    InterestLead,
    Training,
    Volunteer,
    VolunteerActivity,
    VolunteerGroup,
)

# --------------------------------------------------------------------------- the territory

TERRITORY = [Region, Area, PoliceDepartment, PolicePoint, Beat, BeatStreet, User]


def territory():
    """Everything a second run must leave as it was."""
    return {
        "counts": {model.__name__: model.objects.count() for model in TERRITORY},
        "beats": sorted(
            Beat.objects.values_list(
                "code", "number", "police_point__name_ru", "inspector__username", "population"
            )
        ),
        "streets": sorted(
            BeatStreet.objects.values_list("beat__code", "name_ru", "name_kk", "houses", "pk")
        ),
        "users": sorted(User.objects.values_list("username", "role", "photo", "department_id")),
        "areas": sorted(Area.objects.values_list("pk", "name_ru", "name_kk", "akimat_kk")),
    }


# --------------------------------------------------------------------------- the work

WORKSPACE = [
    Meeting,
    Proposal,
    DoorToDoorRound,
    RoundStreet,
    PreventiveVisit,
    ProblemSpot,
    ProblemMeasure,
    Appeal,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
    ChecklistMark,
]
WORK_HISTORIED = [Proposal, ProblemSpot, Appeal]


def work_counts():
    rows = {model.__name__: model.objects.count() for model in WORKSPACE}
    rows |= {f"history of {m.__name__}": m.history.model.objects.count() for m in WORK_HISTORIED}
    return rows


# --------------------------------------------------------------------------- the register

REGISTER = [
    Assistant,
    Certificate,
    Training,
    Duty,
    CommissionDecision,
    Encouragement,
    BudgetLine,
    AreaCounter,
    VolunteerGroup,
    Volunteer,
    VolunteerActivity,
    InterestLead,
]
REGISTER_HISTORIED = [Assistant, Certificate, Volunteer, VolunteerGroup, InterestLead]


def register_counts():
    rows = {model.__name__: model.objects.count() for model in REGISTER}
    rows["attendances"] = Training.attendees.through.objects.count()
    rows |= {
        f"history of {m.__name__}": m.history.model.objects.count() for m in REGISTER_HISTORIED
    }
    return rows


def numbers():
    """Who holds which registration and certificate number in which area."""
    registrations = sorted(
        Assistant.objects.exclude(registration_number="").values_list(
            "area__name", "registration_number", "iin", "registered_on"
        )
    )
    certificates = sorted(
        Certificate.objects.values_list(
            "area__name", "number", "assistant__iin", "issued_on", "valid_until", "state"
        )
    )
    people = sorted(
        Assistant.objects.values_list(
            "iin", "last_name", "first_name", "middle_name", "status", "beat__code", "applied_on"
        )
    )
    return registrations, certificates, people


# --------------------------------------------------------------------------- the councils

COUNCILS = [
    PartnerOrganization,
    PublicCouncil,
    CouncilMember,
    CouncilSession,
    SessionDecision,
    Recommendation,
    JointAction,
    ActionAssistant,
    ActionVolunteer,
    Campaign,
]


def council_counts():
    rows = {model.__name__: model.objects.count() for model in COUNCILS}
    rows["attendance"] = CouncilSession.present.through.objects.count()
    rows["action beats"] = JointAction.beats.through.objects.count()
    rows["action partners"] = JointAction.partners.through.objects.count()
    rows["partner beats"] = PartnerOrganization.beats.through.objects.count()
    rows["history of recommendations"] = Recommendation.history.model.objects.count()
    rows["duties on actions"] = Duty.objects.exclude(joint_action="").count()
    rows["history of duties on actions"] = Duty.history.model.objects.exclude(
        joint_action=""
    ).count()
    rows["activities on actions"] = VolunteerActivity.objects.exclude(
        joint_action_entry=None
    ).count()
    return rows


def councils():
    """The demo's content by natural keys, without database ids."""
    return (
        sorted(
            PartnerOrganization.objects.values_list(
                "area__name", "kind", "name", "contact_person", "phone", "email", "helps_with"
            )
        ),
        sorted(
            CouncilMember.objects.values_list(
                "council__name", "full_name", "role", "side", "is_civil_servant", "organisation"
            )
        ),
        sorted(CouncilSession.objects.values_list("council__name", "held_at", "agenda", "is_open")),
        sorted(SessionDecision.objects.values_list("session__held_at", "text", "had_quorum")),
        sorted(
            Recommendation.objects.values_list(
                "council__name", "text", "due_on", "status", "service_quality_score"
            )
        ),
        sorted(
            JointAction.objects.values_list(
                "area__name", "campaign__name", "title", "starts_at", "place", "people_reached"
            )
        ),
        sorted(ActionAssistant.objects.values_list("action__title", "assistant__iin", "hours")),
        sorted(
            (title, str(volunteer), str(group), hours)
            for title, volunteer, group, hours in ActionVolunteer.objects.values_list(
                "action__title", "volunteer__last_name", "group__name", "hours"
            )
        ),
    )


# --------------------------------------------------------------------------- the reports

REPORTS_HISTORIED = [QuarterlyReport, OffenceStatistic]


def report_counts():
    rows = {
        "reports": QuarterlyReport.objects.count(),
        "revisions": ReportRevision.objects.count(),
        "statistics": OffenceStatistic.objects.count(),
    }
    rows |= {f"history of {m.__name__}": m.history.model.objects.count() for m in REPORTS_HISTORIED}
    rows["by status"] = sorted(
        QuarterlyReport.objects.values_list("beat__code", "year", "quarter", "status")
    )
    return rows


def report_contents():
    """What a second run must write again: the statistics, the texts and the snapshots."""
    return {
        "statistics": sorted(
            OffenceStatistic.objects.values_list(
                "beat__code", "category__code", "year", "quarter", "count"
            )
        ),
        "texts": sorted(
            QuarterlyReport.objects.values_list(
                "beat__code",
                "year",
                "quarter",
                "summary_kk",
                "summary_ru",
                "measures_kk",
                "measures_ru",
                "plan_next_quarter_kk",
                "plan_next_quarter_ru",
                "next_meeting_at",
                "next_meeting_place_kk",
                "next_meeting_place_ru",
            )
        ),
        "snapshots": sorted(
            (code, number, language, reason, repr(snapshot))
            for code, number, language, reason, snapshot in ReportRevision.objects.values_list(
                "report__beat__code", "number", "language", "reason", "snapshot"
            )
        ),
    }


# --------------------------------------------------------------------------- the second run


def revisions():
    return sorted(ReportRevision.objects.values_list("pk", "pdf_sha256"))


STATE = {
    "territory": territory,
    "revisions": revisions,
    "work": work_counts,
    "register": register_counts,
    "numbers": numbers,
    "council counts": council_counts,
    "councils": councils,
    "report counts": report_counts,
    "reports": report_contents,
}


@dataclass
class SecondRun:
    before: dict  # the state of the seeded city
    after: dict  # the state after the edits and the second run
    output: str  # what `seed_demo --skip-reports` printed
    unreported: dict  # the reports after `--skip-reports`, before they were seeded again
    report_counts: dict  # what seeding the reports again returned
    old_files: set  # the PDFs of the first run
    media: object


def edit_the_demo():
    """What a user of the demo might have changed: a beat's streets and an account's role."""
    beat = Beat.objects.get(code="almaly-01")
    beat.streets.filter(name_ru="просп. Абая").update(houses="1–999")
    beat.streets.create(name_ru="ул. Лишняя", name_kk="Артық көшесі")
    User.objects.filter(username="inspector").update(role=Role.SUPERVISOR)


@pytest.fixture(scope="module")
def second_run(demo_seed, django_db_blocker, tmp_path_factory):
    _, media = demo_seed
    # The second run deletes the first run's PDFs: it works on a copy of the media.
    copy = tmp_path_factory.mktemp("second-run-media")
    shutil.copytree(media, copy, dirs_exist_ok=True)
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, MEDIA_ROOT=copy),
        transaction.atomic(),
    ):
        before = {name: read() for name, read in STATE.items()}
        old_files = set(ReportRevision.objects.values_list("pdf", flat=True))
        edit_the_demo()
        output = seed(skip_reports=True)
        unreported = {
            "revisions": sorted(ReportRevision.objects.values_list("pk", "pdf_sha256")),
            "statistics": OffenceStatistic.objects.count(),
        }
        with (
            # The command seeds in the default language of the translated fields.
            translation.override(django_settings.MODELTRANSLATION_DEFAULT_LANGUAGE),
            mock.patch.object(publishing, "render_report_pdf", stand_in_pdf),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            report_counts = seed_reports(Beat.objects.all())
        after = {name: read() for name, read in STATE.items()}
        yield SecondRun(before, after, output, unreported, report_counts, old_files, copy)
        transaction.set_rollback(True)


@pytest.fixture
def again(second_run, db, settings):
    """The city after the second run, for one test."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = second_run.media
    return second_run


def test_running_twice_changes_nothing(again):
    assert again.after["territory"] == again.before["territory"]


def test_a_second_run_repairs_edited_demo_data(again):
    beat = Beat.objects.get(code="almaly-01")
    assert not BeatStreet.objects.filter(name_ru="ул. Лишняя").exists()
    assert beat.streets.filter(name_ru="просп. Абая", houses="41–93").exists()
    assert User.objects.get(username="inspector").role == Role.INSPECTOR


def test_running_twice_gives_the_same_counts_and_keeps_history_small(again):
    assert again.after["work"] == again.before["work"]


def test_running_twice_gives_the_same_register(again):
    assert again.after["register"] == again.before["register"]
    assert again.after["numbers"] == again.before["numbers"]
    assert "Register of assistants and volunteers:" in again.output


def test_running_twice_gives_the_same_councils(again):
    assert again.after["council counts"] == again.before["council counts"]
    assert again.after["councils"] == again.before["councils"]
    assert "Councils, partners and joint actions:" in again.output


def test_skip_reports_leaves_the_reports_as_they_are(again):
    assert "Offence statistics and quarterly reports: skipped." in again.output
    assert again.unreported["revisions"] == again.before["revisions"]
    assert again.unreported["statistics"] == again.before["report counts"]["statistics"]


def test_running_twice_gives_the_same_reports(again):
    assert again.after["report counts"] == again.before["report counts"]
    assert again.after["reports"] == again.before["reports"]
    assert again.report_counts["published reports"] == 48
    # The old PDFs are deleted once the new ones are committed; the new ones are stored.
    new_files = set(ReportRevision.objects.values_list("pdf", flat=True))
    assert len(new_files) == 2 * 51  # each revision in Kazakh and in Russian
    for name in again.old_files - new_files:
        assert not default_storage.exists(name), name
    for revision in ReportRevision.objects.all():
        with revision.pdf.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == revision.pdf_sha256
