from volunteers.models.activity import Duty, Training, TrainingKind
from volunteers.models.assistant import (
    LIVE_STATUSES,
    REGISTERED_STATUSES,
    Assistant,
    AssistantStatus,
    DeregistrationGround,
    ParticipationForm,
)
from volunteers.models.certificate import Certificate, CertificateState, VerificationStatus
from volunteers.models.duty_totals import AreaDutyHours
from volunteers.models.encouragement import (
    BudgetLine,
    CommissionDecision,
    CommissionLevel,
    Encouragement,
    EncouragementKind,
    MonthlyCalculationIndex,
)
from volunteers.models.lead import (
    OPEN_LEAD_STATUSES,
    InterestLead,
    LeadKind,
    LeadStatus,
)
from volunteers.models.numbering import AreaCounter, Series
from volunteers.models.volunteer import (
    Volunteer,
    VolunteerActivity,
    VolunteerActivityKind,
    VolunteerGroup,
)

__all__ = [
    "LIVE_STATUSES",
    "OPEN_LEAD_STATUSES",
    "REGISTERED_STATUSES",
    "AreaCounter",
    "AreaDutyHours",
    "Assistant",
    "AssistantStatus",
    "BudgetLine",
    "Certificate",
    "CertificateState",
    "CommissionDecision",
    "CommissionLevel",
    "DeregistrationGround",
    "Duty",
    "Encouragement",
    "EncouragementKind",
    "InterestLead",
    "LeadKind",
    "LeadStatus",
    "MonthlyCalculationIndex",
    "ParticipationForm",
    "Series",
    "Training",
    "TrainingKind",
    "VerificationStatus",
    "Volunteer",
    "VolunteerActivity",
    "VolunteerActivityKind",
    "VolunteerGroup",
]
