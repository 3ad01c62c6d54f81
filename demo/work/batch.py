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
    ReferenceCounter,
    ResidentSubmission,
    RoundStreet,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
)
from districts.services.submissions import reference_prefix

# Deleted in this order: submissions point at appeals and proposals, plan items at proposals,
# proposals at meetings.
WORKSPACE_MODELS = [
    ResidentSubmission,
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
    submissions: list = field(default_factory=list)

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
            (ResidentSubmission, self.submissions),
        ]
        self.number_submissions()
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
            "residents' submissions": len(self.submissions),
            "trainings and studies": len(self.studies),
        }

    def number_submissions(self):
        """References in the order the submissions were sent, after the numbers already
        given for the same prefix and year (a re-seeded beat's old ones are deleted)."""
        by_series = {}
        for submission in sorted(self.submissions, key=lambda s: (s.created_at, s.beat.code)):
            series = (reference_prefix(submission.beat), submission.created_at.year)
            by_series.setdefault(series, []).append(submission)
        for (prefix, year), submissions in by_series.items():
            # The demo's command runs alone: no lock needed.
            counter, _new = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
            for submission in submissions:
                counter.last += 1
                submission.reference = f"{prefix}-{year}-{counter.last:06d}"
            counter.save(update_fields=["last"])
