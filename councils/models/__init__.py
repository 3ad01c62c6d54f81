from councils.models.actions import (
    ActionAssistant,
    ActionVolunteer,
    Campaign,
    JointAction,
    JointActionPhoto,
)
from councils.models.councils import (
    CouncilMember,
    CouncilSession,
    MemberRole,
    MemberSide,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
    SessionDecision,
)
from councils.models.partners import PartnerKind, PartnerOrganization

__all__ = [
    "ActionAssistant",
    "ActionVolunteer",
    "Campaign",
    "CouncilMember",
    "CouncilSession",
    "JointAction",
    "JointActionPhoto",
    "MemberRole",
    "MemberSide",
    "PartnerKind",
    "PartnerOrganization",
    "PublicCouncil",
    "Recommendation",
    "RecommendationStatus",
    "SessionDecision",
]
