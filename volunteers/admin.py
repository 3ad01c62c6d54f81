from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from volunteers.models import (
    Assistant,
    BudgetLine,
    Certificate,
    CommissionDecision,
    Duty,
    Encouragement,
    InterestLead,
    MonthlyCalculationIndex,
    Training,
    Volunteer,
    VolunteerActivity,
    VolunteerGroup,
)


@admin.register(Assistant)
class AssistantAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "registration_number", "status", "area"]
    list_filter = ["status", "area"]
    search_fields = ["last_name", "first_name", "registration_number", "iin"]
    list_select_related = ["area"]
    raw_id_fields = ["beat"]
    # Status changes go through the lifecycle actions, which keep history and refuse
    # impossible steps; the admin cannot set them freely.
    readonly_fields = [
        "status",
        "registration_number",
        "registered_on",
        "petition_sent_on",
        "refused_on",
        "deregistered_on",
    ]


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "area", "assistant", "issued_on", "valid_until", "state"]
    list_filter = ["state", "area"]
    list_select_related = ["area", "assistant"]
    raw_id_fields = ["assistant"]
    readonly_fields = ["number", "area", "token", "state"]


@admin.register(MonthlyCalculationIndex)
class MonthlyCalculationIndexAdmin(admin.ModelAdmin):
    list_display = ["year", "amount"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["area", "year", "amount_kzt"]
    list_filter = ["year", "area"]


for model in (Training, Duty, CommissionDecision, Encouragement, Volunteer, VolunteerGroup):
    admin.site.register(model)


@admin.register(VolunteerActivity)
class VolunteerActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "action", "kind", "hours"]


@admin.register(InterestLead)
class InterestLeadAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "area", "beat", "status", "created_at"]
    list_filter = ["status", "kind", "area"]
    list_select_related = ["area", "beat"]
    raw_id_fields = ["beat", "assistant"]
    readonly_fields = ["created_at", "consent_given_at", "handled_at"]
