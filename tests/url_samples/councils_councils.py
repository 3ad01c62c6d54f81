"""Sample objects for the public councils' URLs, in the area of `world.department`."""

from tests.factories import CouncilFactory, MemberFactory, RecommendationFactory, SessionFactory


def council(world):
    return CouncilFactory(department=world.department)


SAMPLES = {
    "council-detail": lambda world: {"pk": council(world).pk},
    "council-edit": lambda world: {"pk": council(world).pk},
    "councilmember-create": lambda world: {"council_pk": council(world).pk},
    "councilmember-edit": lambda world: {"pk": MemberFactory(council=council(world)).pk},
    "councilsession-create": lambda world: {"council_pk": council(world).pk},
    "councilsession-detail": lambda world: {"pk": SessionFactory(council=council(world)).pk},
    "councilsession-edit": lambda world: {"pk": SessionFactory(council=council(world)).pk},
    "sessiondecision-create": lambda world: {"pk": SessionFactory(council=council(world)).pk},
    "recommendation-edit": lambda world: {"pk": RecommendationFactory(council=council(world)).pk},
}
