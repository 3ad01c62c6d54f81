"""Partner organisations: the area's ОСИ and КСК, schools, universities, NGOs and others."""

from councils.models import PartnerKind, PartnerOrganization
from demo.councils.organisations import ALWAYS, HELPS_WITH, HOUSING_POSITIONS, ORGANISATIONS
from demo.names import full_name, phone, translit
from demo.places import street_short

K = PartnerKind


class Partners:
    """The partners part of `AreaCouncils`."""

    def seed_partners(self):
        rng = self.rng
        housing = self.housing_partners()
        fixed = [
            *ORGANISATIONS.get(self.slug, []),
            (
                K.VETERANS,
                f"Совет ветеранов {self.genitive}",
                f"veterany.{self.slug}@mail.kz",
                "председатель",
            ),
            (
                K.YOUTH,
                f"Молодёжный ресурсный центр {self.genitive}",
                f"mrc.{self.slug}@mail.kz",
                "руководитель",
            ),
        ]
        total = rng.randint(6, 10)
        kept_housing = housing[: rng.randint(2, 3)]
        must = [o for o in fixed if o[0] in ALWAYS]
        may = [o for o in fixed if o[0] not in ALWAYS]
        rng.shuffle(may)
        # At least two organisations of other kinds: a security company, veterans, youth…
        chosen = must + may[: max(2, total - len(kept_housing) - len(must))]
        # Keep the list order of the catalogue, whatever was drawn.
        chosen = [o for o in fixed if o in chosen]
        for kind, name, email, position in chosen:
            contact = self.person(born=1970)
            beats = rng.sample(self.beats, min(len(self.beats), rng.randint(1, 3)))
            self.partners.append(
                (
                    PartnerOrganization(
                        kind=kind,
                        name=name,
                        area=self.area,
                        contact_person=f"{full_name(contact)}, {position}",
                        phone=self.landline(),
                        email=email,
                        helps_with=rng.choice(HELPS_WITH[kind]),
                    ),
                    beats,
                )
            )
        self.partners[:0] = kept_housing
        PartnerOrganization.objects.bulk_create([partner for partner, _ in self.partners])
        through = PartnerOrganization.beats.through
        through.objects.bulk_create(
            [
                through(partnerorganization_id=partner.pk, beat_id=beat.pk)
                for partner, beats in self.partners
                for beat in sorted(beats, key=lambda b: b.code)
            ]
        )
        self.ctx.totals["partner organisations"] += len(self.partners)

    def housing_partners(self):
        """ОСИ of a house and КСК of a microdistrict on the area's beats, one per beat at most."""
        rng = self.rng
        found, names = [], set()
        for beat in rng.sample(self.beats, len(self.beats)):
            street = rng.choice(self.streets[beat.pk])
            short = street_short(street.name_ru)
            if street.name_ru.startswith("мкр."):
                kind, name = K.KSK, f"КСК «{short}»"
                email = f"ksk.{translit(short)}@mail.kz"
            else:
                house = self.house(street)
                kind, name = K.OSI, f"ОСИ «{short} {house}»"
                email = f"osi.{translit(short)}{house}@mail.kz"
            if name in names:
                continue
            names.add(name)
            contact = self.person(born=1968)
            found.append(
                (
                    PartnerOrganization(
                        kind=kind,
                        name=name,
                        area=self.area,
                        contact_person=f"{full_name(contact)}, {HOUSING_POSITIONS[kind]}",
                        phone=phone(rng),
                        email=email,
                        helps_with=rng.choice(HELPS_WITH[kind]),
                    ),
                    [beat],
                )
            )
        return found
