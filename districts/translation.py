"""Fields shown to residents in their language (modeltranslation adds _ru, _kk, _en)."""

from modeltranslation.translator import TranslationOptions, register

from districts.models import (
    Area,
    Beat,
    ChecklistItem,
    Meeting,
    PoliceDepartment,
    PolicePoint,
    Region,
)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name", "akimat", "akimat_address")


@register(PoliceDepartment)
class PoliceDepartmentTranslation(TranslationOptions):
    fields = ("name", "address")


@register(PolicePoint)
class PolicePointTranslation(TranslationOptions):
    fields = ("name", "address", "reception_hours")


@register(Beat)
class BeatTranslation(TranslationOptions):
    fields = ("description", "reception_hours")


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    fields = ("text",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    # What the public calendar shows of an announced meeting: where, and what about.
    fields = ("place", "topics")
