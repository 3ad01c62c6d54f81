from tests import factories


def _spot(world):
    return {"pk": factories.ProblemSpotFactory(beat=world.beat).pk}


SAMPLES = {
    "problem-detail": _spot,
    "problem-edit": _spot,
    "problem-measure-create": _spot,
    "preventive-edit": lambda world: {"pk": factories.PreventiveVisitFactory(beat=world.beat).pk},
}
