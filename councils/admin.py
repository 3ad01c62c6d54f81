from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from councils.models import (
    Campaign,
    CouncilMember,
    CouncilSession,
    JointAction,
    PartnerOrganization,
    PublicCouncil,
    Recommendation,
)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0


@admin.register(PublicCouncil)
class PublicCouncilAdmin(TranslationAdmin):
    list_display = ["name", "department", "term_start", "term_end"]
    inlines = [CouncilMemberInline]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["text", "council", "due_on", "status"]
    list_filter = ["status"]


@admin.register(PartnerOrganization)
class PartnerOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area"]
    list_filter = ["kind", "area"]
    search_fields = ["name"]


@admin.register(JointAction)
class JointActionAdmin(TranslationAdmin):
    list_display = ["title", "campaign", "area", "starts_at", "is_public"]
    list_filter = ["is_public", "campaign", "area"]


admin.site.register(Campaign, TranslationAdmin)
admin.site.register(CouncilSession, TranslationAdmin)
