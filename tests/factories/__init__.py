"""Every factory of the suite, one module per app; import them from here.

`from tests.factories import BeatFactory` works for any of them. A factory is defined once,
in the module of its app (tests/test_layout.py keeps it so).
"""

from tests.factories.districts import (
    AppealFactory,
    DoorToDoorRoundFactory,
    MeetingFactory,
    PreventiveVisitFactory,
    ProblemSpotFactory,
    ProposalFactory,
    ServiceRecordFactory,
    TrustCaseFactory,
    WorkPlanItemFactory,
)
from tests.factories.reports import QuarterlyReportFactory, ReportRevisionFactory
from tests.factories.territory import (
    DEFAULT_PASSWORD,
    AreaFactory,
    BeatFactory,
    BeatStreetFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    RegionFactory,
    UserFactory,
)
from tests.factories.volunteers import AssistantFactory, valid_iin

__all__ = [
    "DEFAULT_PASSWORD",
    "AppealFactory",
    "AreaFactory",
    "AssistantFactory",
    "BeatFactory",
    "BeatStreetFactory",
    "DoorToDoorRoundFactory",
    "MeetingFactory",
    "PoliceDepartmentFactory",
    "PolicePointFactory",
    "PreventiveVisitFactory",
    "ProblemSpotFactory",
    "ProposalFactory",
    "QuarterlyReportFactory",
    "RegionFactory",
    "ReportRevisionFactory",
    "ServiceRecordFactory",
    "TrustCaseFactory",
    "UserFactory",
    "WorkPlanItemFactory",
    "valid_iin",
]
