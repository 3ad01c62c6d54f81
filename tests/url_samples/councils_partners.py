from councils.models import PartnerKind, PartnerOrganization


def partner(world):
    return PartnerOrganization.objects.create(
        kind=PartnerKind.OSI,
        name=f"ОСИ «Абай {PartnerOrganization.objects.count()}»",
        area=world.area,
    )


SAMPLES = {
    "partner-edit": lambda world: {"pk": partner(world).pk},
}
