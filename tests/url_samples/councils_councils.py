"""Sample objects for the public councils' URLs, in the area of `world.department`."""

import datetime

from django.utils import timezone

from councils.models import CouncilMember, CouncilSession, PublicCouncil, Recommendation


def council(world):
    today = timezone.localdate()
    return PublicCouncil.objects.create(
        department=world.department,
        name="Общественный совет при УП",
        term_start=today - datetime.timedelta(days=365),
        term_end=today + datetime.timedelta(days=365),
    )


def member(world):
    return CouncilMember.objects.create(
        council=council(world),
        full_name="Иванова Алия",
        side="civil",
        joined_on=timezone.localdate() - datetime.timedelta(days=300),
    )


def session(world):
    return CouncilSession.objects.create(
        council=council(world),
        held_at=timezone.now() - datetime.timedelta(days=7),
        place="УП, актовый зал",
        agenda="Отчёт участковых",
    )


def recommendation(world):
    return Recommendation.objects.create(
        council=council(world),
        text="Усилить патрулирование парка",
        responsible_unit="УПП №1",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )


SAMPLES = {
    "council-detail": lambda world: {"pk": council(world).pk},
    "council-edit": lambda world: {"pk": council(world).pk},
    "councilmember-create": lambda world: {"council_pk": council(world).pk},
    "councilmember-edit": lambda world: {"pk": member(world).pk},
    "councilsession-create": lambda world: {"council_pk": council(world).pk},
    "councilsession-detail": lambda world: {"pk": session(world).pk},
    "councilsession-edit": lambda world: {"pk": session(world).pk},
    "sessiondecision-create": lambda world: {"pk": session(world).pk},
    "recommendation-edit": lambda world: {"pk": recommendation(world).pk},
}
