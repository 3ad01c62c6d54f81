from tests import factories

SAMPLES = {
    "round-edit": lambda world: {"pk": factories.DoorToDoorRoundFactory(beat=world.beat).pk},
}
