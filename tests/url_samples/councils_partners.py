from tests.factories import PartnerFactory

SAMPLES = {
    "partner-edit": lambda world: {"pk": PartnerFactory(area=world.area).pk},
}
