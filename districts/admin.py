from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from districts import admin_checklist  # noqa: F401  (registers the checklist template admin)
from districts.models import (
    Appeal,
    Area,
    Beat,
    BeatStreet,
    ChecklistMark,
    DoorToDoorRound,
    Meeting,
    MessengerGroup,
    PoliceDepartment,
    PolicePoint,
    PreventiveVisit,
    ProblemMeasure,
    ProblemSpot,
    Proposal,
    Region,
    RoundStreet,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
)
from portal.admin_date_hierarchy import BoundedDateHierarchy


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "trust_phone"]
    search_fields = ["name"]


@admin.register(Area)
class AreaAdmin(TranslationAdmin):
    list_display = ["name", "region", "akimat"]
    list_filter = ["region"]
    search_fields = ["name", "akimat"]
    list_select_related = ["region"]


@admin.register(PoliceDepartment)
class PoliceDepartmentAdmin(TranslationAdmin):
    list_display = ["name", "area", "phone"]
    list_filter = ["area"]
    search_fields = ["name"]
    list_select_related = ["area"]


@admin.register(PolicePoint)
class PolicePointAdmin(TranslationAdmin):
    list_display = ["name", "department", "address", "phone"]
    list_filter = ["department__area"]
    search_fields = ["name", "address"]
    list_select_related = ["department"]


class BeatStreetInline(admin.TabularInline):
    model = BeatStreet
    extra = 1


@admin.register(Beat)
class BeatAdmin(TranslationAdmin):
    list_display = [
        "code",
        "number",
        "police_point",
        "inspector",
        "population",
        "criminogenic_level",
    ]
    list_filter = ["criminogenic_level", "police_point__department__area"]
    search_fields = ["code", "streets__name_ru", "streets__name_kk"]
    list_select_related = ["police_point", "inspector"]
    autocomplete_fields = ["inspector"]
    inlines = [BeatStreetInline]


@admin.register(MessengerGroup)
class MessengerGroupAdmin(SimpleHistoryAdmin):
    list_display = ["label_ru", "label_kk", "platform", "url", "beat", "is_active"]
    list_filter = ["platform", "is_active", "beat__police_point__department__area"]
    search_fields = ["label_ru", "label_kk", "url", "beat__code"]
    list_select_related = ["beat"]
    raw_id_fields = ["beat"]


# --- the inspector's workspace ---------------------------------------------------------------


class BeatRecordAdmin(BoundedDateHierarchy, admin.ModelAdmin):
    list_filter = ["beat__police_point__department__area"]
    list_select_related = ["beat__police_point__department__area"]
    raw_id_fields = ["beat"]


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    fields = ["kind", "text", "status", "outcome"]


@admin.register(Meeting)
class MeetingAdmin(BeatRecordAdmin, TranslationAdmin):
    list_display = ["held_at", "kind", "status", "beat", "attendance"]
    list_filter = ["kind", "status", *BeatRecordAdmin.list_filter]
    date_hierarchy = "held_at"
    inlines = [ProposalInline]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["text", "kind", "status", "beat"]
    list_filter = ["status", "kind"]
    list_select_related = ["beat"]
    raw_id_fields = ["beat", "meeting"]


class RoundStreetInline(admin.TabularInline):
    model = RoundStreet
    extra = 0
    raw_id_fields = ["street"]


@admin.register(DoorToDoorRound)
class DoorToDoorRoundAdmin(BeatRecordAdmin):
    list_display = ["date", "beat", "apartments_visited", "residents_met"]
    date_hierarchy = "date"
    inlines = [RoundStreetInline]


@admin.register(PreventiveVisit)
class PreventiveVisitAdmin(BeatRecordAdmin):
    list_display = ["date", "category", "beat", "reference"]
    list_filter = ["category", *BeatRecordAdmin.list_filter]
    date_hierarchy = "date"


class ProblemMeasureInline(admin.TabularInline):
    model = ProblemMeasure
    extra = 0


@admin.register(ProblemSpot)
class ProblemSpotAdmin(SimpleHistoryAdmin, BeatRecordAdmin):
    list_display = ["address", "kind", "status", "beat"]
    list_filter = ["kind", "status", *BeatRecordAdmin.list_filter]
    inlines = [ProblemMeasureInline]


@admin.register(Appeal)
class AppealAdmin(SimpleHistoryAdmin, BeatRecordAdmin):
    list_display = ["subject", "channel", "received_on", "due_on", "status", "beat"]
    list_filter = ["status", "channel", *BeatRecordAdmin.list_filter]
    date_hierarchy = "received_on"


@admin.register(ServiceRecord)
class ServiceRecordAdmin(BeatRecordAdmin):
    list_display = ["date", "kind", "count", "beat"]
    list_filter = ["kind", *BeatRecordAdmin.list_filter]


@admin.register(TrustCase)
class TrustCaseAdmin(BeatRecordAdmin):
    list_display = ["date", "title", "beat"]


@admin.register(WorkPlanItem)
class WorkPlanItemAdmin(BeatRecordAdmin):
    list_display = ["title", "due_on", "status", "beat"]
    list_filter = ["status", *BeatRecordAdmin.list_filter]
    raw_id_fields = ["beat", "proposal"]


@admin.register(ChecklistMark)
class ChecklistMarkAdmin(admin.ModelAdmin):
    list_display = ["item", "beat", "period_start", "note", "marked_by"]
    list_select_related = ["item", "beat", "marked_by"]
    raw_id_fields = ["beat"]
