from tests import factories

SAMPLES = {
    "trustcase-edit": lambda world: {"pk": factories.TrustCaseFactory(beat=world.beat).pk},
    "workplan-edit": lambda world: {"pk": factories.WorkPlanItemFactory(beat=world.beat).pk},
    "study-edit": lambda world: {"pk": factories.InspectorStudyFactory(beat=world.beat).pk},
}
