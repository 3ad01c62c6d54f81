from districts.models.appeals import Appeal, AppealChannel, AppealStatus, ServiceKind, ServiceRecord
from districts.models.channels import MessengerGroup, MessengerPlatform
from districts.models.checklist import (
    AutoRule,
    Cadence,
    ChecklistItem,
    ChecklistMark,
    ChecklistSection,
)
from districts.models.development import InspectorStudy, StudyKind
from districts.models.drafts import DraftReceipt
from districts.models.meetings import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Moderation,
    Proposal,
    ProposalKind,
    ProposalSource,
    ProposalStatus,
)
from districts.models.plans import TrustCase, WorkPlanItem, WorkPlanStatus
from districts.models.prevention import PreventiveCategory, PreventiveVisit
from districts.models.problems import ProblemKind, ProblemMeasure, ProblemSpot, ProblemStatus
from districts.models.rounds import DoorToDoorRound, RoundStreet
from districts.models.submissions import ReferenceCounter, ResidentSubmission, SubmissionKind
from districts.models.survey import SurveyResponse
from districts.models.territory import (
    Area,
    Beat,
    BeatStreet,
    CriminogenicLevel,
    PoliceDepartment,
    PolicePoint,
    Region,
)

__all__ = [
    "Appeal",
    "AppealChannel",
    "AppealStatus",
    "Area",
    "AutoRule",
    "Beat",
    "BeatStreet",
    "Cadence",
    "ChecklistItem",
    "ChecklistMark",
    "ChecklistSection",
    "CriminogenicLevel",
    "DoorToDoorRound",
    "DraftReceipt",
    "InspectorStudy",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Moderation",
    "MessengerGroup",
    "MessengerPlatform",
    "PoliceDepartment",
    "PolicePoint",
    "PreventiveCategory",
    "PreventiveVisit",
    "ProblemKind",
    "ProblemMeasure",
    "ProblemSpot",
    "ProblemStatus",
    "Proposal",
    "ProposalKind",
    "ProposalSource",
    "ProposalStatus",
    "ReferenceCounter",
    "Region",
    "ResidentSubmission",
    "RoundStreet",
    "ServiceKind",
    "ServiceRecord",
    "StudyKind",
    "SubmissionKind",
    "SurveyResponse",
    "TrustCase",
    "WorkPlanItem",
    "WorkPlanStatus",
]
