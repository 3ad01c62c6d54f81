"""The Appendix B checklist template in the Django admin: administrators edit its items.

Imported by districts/admin.py so the admin registers it.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from districts.models import ChecklistItem


@admin.register(ChecklistItem)
class ChecklistItemAdmin(TranslationAdmin):
    list_display = ["text", "section", "cadence", "auto_rule", "order", "is_active"]
    list_display_links = ["text"]
    list_filter = ["section", "cadence", "auto_rule", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["text"]
    ordering = ["order", "pk"]
    fieldsets = [
        (None, {"fields": ["section", "text", "cadence", "auto_rule"]}),
        (None, {"fields": ["order", "is_active"]}),
    ]
