"""The demo work of all beats, written with one bulk insert per model."""

from dataclasses import dataclass, field

from demo.recording import recorded_times_as_given
from districts.models import (
    Appeal,
    ChecklistMark,
    DoorToDoorRound,
    InspectorStudy,
    Meeting,
    PreventiveVisit,
    ProblemMeasure,
    ProblemSpot,
    Proposal,
    RoundStreet,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
)

# Deleted in this order: plan items point at proposals, proposals at meetings.
WORKSPACE_MODELS = [
    WorkPlanItem,
    Proposal,
    Meeting,
    DoorToDoorRound,
    PreventiveVisit,
    ProblemSpot,
    Appeal,
    ServiceRecord,
    TrustCase,
    InspectorStudy,
    ChecklistMark,
]
HISTORIED_MODELS = [Proposal, ProblemSpot, Appeal]


@dataclass
class Batch:
    """Unsaved records of all beats, written with one bulk insert per model."""

    meetings: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    plan_items: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    round_streets: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    spots: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    appeals: list = field(default_factory=list)
    services: list = field(default_factory=list)
    trust_cases: list = field(default_factory=list)
    studies: list = field(default_factory=list)
    marks: list = field(default_factory=list)

    def save(self):
        order = [
            (Meeting, self.meetings),
            (Proposal, self.proposals),
            (WorkPlanItem, self.plan_items),
            (DoorToDoorRound, self.rounds),
            (RoundStreet, self.round_streets),
            (PreventiveVisit, self.visits),
            (ProblemSpot, self.spots),
            (ProblemMeasure, self.measures),
            (Appeal, self.appeals),
            (ServiceRecord, self.services),
            (TrustCase, self.trust_cases),
            (InspectorStudy, self.studies),
            (ChecklistMark, self.marks),
        ]
        with recorded_times_as_given([model for model, _ in order]):
            for model, objects in order:
                # bulk_create copies the ids of related objects saved in an earlier step.
                model.objects.bulk_create(objects, batch_size=500)
                if model in HISTORIED_MODELS:
                    model.history.bulk_history_create(objects, batch_size=500)
        return {
            "meetings": len(self.meetings),
            "proposals": len(self.proposals),
            "door-to-door rounds": len(self.rounds),
            "round streets": len(self.round_streets),
            "preventive visits": len(self.visits),
            "problem places": len(self.spots),
            "measures": len(self.measures),
            "appeals": len(self.appeals),
            "service records": len(self.services),
            "positive cases": len(self.trust_cases),
            "work plan items": len(self.plan_items),
            "checklist ticks": len(self.marks),
            "trainings and studies": len(self.studies),
        }
