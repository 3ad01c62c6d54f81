"""Category names shown to residents in their language."""

from modeltranslation.translator import TranslationOptions, register

from reports.models import OffenceCategory


@register(OffenceCategory)
class OffenceCategoryTranslation(TranslationOptions):
    fields = ("name",)
