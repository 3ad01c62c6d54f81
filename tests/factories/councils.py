"""Public councils, partner organisations and joint actions."""

import datetime

import factory
from django.utils import timezone

from councils.models import (
    CouncilMember,
    CouncilSession,
    JointAction,
    MemberRole,
    MemberSide,
    PartnerKind,
    PartnerOrganization,
    PublicCouncil,
    Recommendation,
    SessionDecision,
)
from tests.factories.base import Factory
from tests.factories.territory import AreaFactory, PoliceDepartmentFactory


def _in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _hours_ago(n):
    return timezone.now() - datetime.timedelta(hours=n)


class PartnerFactory(Factory):
    class Meta:
        model = PartnerOrganization
        skip_postgeneration_save = True

    kind = PartnerKind.OSI
    name = factory.Sequence(lambda n: f"ОСИ «Абай {n}»")
    area = factory.SubFactory(AreaFactory)
    contact_person = "Ахметова Гульнара"
    phone = "+7 701 555 44 33"
    email = "osi@example.kz"
    helps_with = "Освещение дворов, собрания жильцов"

    @factory.post_generation
    def beats(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.beats.set(extracted)


class JointActionFactory(Factory):
    """An internal action that took place a few hours ago (two hours long)."""

    class Meta:
        model = JointAction
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Безопасный двор № {n}")
    area = factory.SubFactory(AreaFactory)
    starts_at = factory.LazyFunction(lambda: _hours_ago(4))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Двор домов 12–14 по ул. Абая"
    is_public = False

    @factory.post_generation
    def beats(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.beats.set(extracted)

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.partners.set(extracted)


class CouncilFactory(Factory):
    """A council in the second year of its term."""

    class Meta:
        model = PublicCouncil

    department = factory.SubFactory(PoliceDepartmentFactory)
    name = factory.Sequence(lambda n: f"Общественный совет {n}")
    term_start = factory.LazyFunction(lambda: _in_days(-365))
    term_end = factory.LazyFunction(lambda: _in_days(730))


class MemberFactory(Factory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    full_name = factory.Sequence(lambda n: f"Член совета {n}")
    role = MemberRole.MEMBER
    side = MemberSide.CIVIL_SOCIETY
    joined_on = factory.LazyAttribute(lambda o: o.council.term_start)


class SessionFactory(Factory):
    """A session held a week ago; `present=[members]` records who attended."""

    class Meta:
        model = CouncilSession
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    held_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    place = "УП, актовый зал"
    agenda = "Отчёт о работе участковых инспекторов"

    @factory.post_generation
    def present(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.present.set(extracted)


class DecisionFactory(Factory):
    class Meta:
        model = SessionDecision

    session = factory.SubFactory(SessionFactory)
    text = factory.Sequence(lambda n: f"Решение {n}")
    had_quorum = True


class RecommendationFactory(Factory):
    class Meta:
        model = Recommendation

    council = factory.SubFactory(CouncilFactory)
    text = factory.Sequence(lambda n: f"Рекомендация {n}: усилить патрулирование")
    responsible_unit = "УПП №1"
    due_on = factory.LazyFunction(lambda: _in_days(60))
