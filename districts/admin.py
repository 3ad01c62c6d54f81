from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint, Region


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
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
