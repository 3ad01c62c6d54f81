from tests import factories

SAMPLES = {
    "meeting-detail": lambda world: {"pk": factories.MeetingFactory(beat=world.beat).pk},
    "meeting-edit": lambda world: {"pk": factories.MeetingFactory(beat=world.beat).pk},
    "proposal-edit": lambda world: {"pk": factories.ProposalFactory(meeting__beat=world.beat).pk},
    "proposal-add-to-plan": lambda world: {
        "pk": factories.ProposalFactory(meeting__beat=world.beat).pk
    },
}
