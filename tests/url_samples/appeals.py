from tests import factories

SAMPLES = {
    "appeal-edit": lambda world: {"pk": factories.AppealFactory(beat=world.beat).pk},
    "service-edit": lambda world: {"pk": factories.ServiceRecordFactory(beat=world.beat).pk},
}
