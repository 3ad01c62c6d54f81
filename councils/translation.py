"""Names residents read in their language (modeltranslation adds _ru, _kk, _en): councils
and their open sessions, campaigns and joint actions, as the public calendar, iCal, the
API and the report PDFs show them. Staff write them in Kazakh and Russian; a reader whose
language is empty gets the other one (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from councils.models import Campaign, CouncilSession, JointAction, PublicCouncil


@register(PublicCouncil)
class PublicCouncilTranslation(TranslationOptions):
    fields = ("name",)


@register(CouncilSession)
class CouncilSessionTranslation(TranslationOptions):
    fields = ("place", "agenda")


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("name",)
    # The name is unique in each language; a name not given is NULL, not one more "".
    empty_values = None


@register(JointAction)
class JointActionTranslation(TranslationOptions):
    fields = ("title", "place")
