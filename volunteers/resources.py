"""django-import-export resources of the register: the export of assistants.

Personal data (IIN, birth date, phone, home address) is exported as it is only where
`portal.policy.may(user, "personal_data.view", record)` allows it (the akimat registrar of
its area, administrators); everyone else gets the masks of `volunteers.privacy`. Text
cells that a spreadsheet would run as a formula get a leading apostrophe.

The import does not go through a Resource: a Resource reads and validates row by row
(a query per foreign key and per unique constraint), which is too slow for 10,000 rows;
see volunteers.services.registry_import.
"""

from django.utils.translation import gettext, gettext_lazy
from import_export import fields, resources

from portal.spreadsheets import safe_cell
from volunteers import privacy
from volunteers.models import ParticipationForm


class AssistantExportResource(resources.Resource):
    """One row per assistant; `user` decides what personal data the rows carry.

    Dates stay dates: XLSX date cells, CSV day-first (portal.spreadsheets).
    """

    registration_number = fields.Field(
        attribute="registration_number", column_name=gettext_lazy("Registration number")
    )
    last_name = fields.Field(attribute="last_name", column_name=gettext_lazy("Surname"))
    first_name = fields.Field(attribute="first_name", column_name=gettext_lazy("Given name"))
    middle_name = fields.Field(attribute="middle_name", column_name=gettext_lazy("Patronymic"))
    iin = fields.Field(column_name=gettext_lazy("IIN"))
    birth_date = fields.Field(column_name=gettext_lazy("Date of birth"))
    sex = fields.Field(column_name=gettext_lazy("Sex"))
    phone = fields.Field(column_name=gettext_lazy("Phone"))
    address = fields.Field(column_name=gettext_lazy("Home address"))
    status = fields.Field(column_name=gettext_lazy("Status"))
    area = fields.Field(column_name=gettext_lazy("Area"))
    beat = fields.Field(column_name=gettext_lazy("Beat"))
    forms = fields.Field(column_name=gettext_lazy("Forms of participation"))
    applied_on = fields.Field(column_name=gettext_lazy("Applied on"))
    consent_given_on = fields.Field(column_name=gettext_lazy("Consent given on"))
    petition_sent_on = fields.Field(column_name=gettext_lazy("Petition sent on"))
    registered_on = fields.Field(column_name=gettext_lazy("Registered on"))
    suspended_on = fields.Field(column_name=gettext_lazy("Suspended on"))
    deregistered_on = fields.Field(column_name=gettext_lazy("Deregistered on"))
    refused_on = fields.Field(column_name=gettext_lazy("Refused on"))

    class Meta:
        export_order = (
            "registration_number",
            "last_name",
            "first_name",
            "middle_name",
            "iin",
            "birth_date",
            "sex",
            "phone",
            "address",
            "status",
            "area",
            "beat",
            "forms",
            "applied_on",
            "consent_given_on",
            "petition_sent_on",
            "registered_on",
            "suspended_on",
            "deregistered_on",
            "refused_on",
        )

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.form_labels = {code: str(label) for code, label in ParticipationForm.choices}

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = super().export_resource(instance, selected_fields=selected_fields, **kwargs)
        return [safe_cell(value) for value in row]

    def _personal(self, obj, name):
        value = privacy.masked(obj, name, self.user)
        if value is None:
            return ""
        return value if isinstance(value, str | int) or hasattr(value, "year") else str(value)

    def dehydrate_iin(self, obj):
        return self._personal(obj, "iin")

    def dehydrate_birth_date(self, obj):
        return self._personal(obj, "birth_date")

    def dehydrate_sex(self, obj):
        # Derived from the IIN, so shown only with it.
        if privacy.can_see(self.user, obj):
            return str(obj.get_sex_display())
        return str(privacy.HIDDEN)

    def dehydrate_phone(self, obj):
        return self._personal(obj, "phone")

    def dehydrate_address(self, obj):
        return self._personal(obj, "address")

    def dehydrate_status(self, obj):
        return str(obj.get_status_display())

    def dehydrate_area(self, obj):
        return obj.area.name

    def dehydrate_beat(self, obj):
        return f"{obj.beat.code} ({gettext('No. %(number)s') % {'number': obj.beat.number}})"

    def dehydrate_forms(self, obj):
        return ", ".join(self.form_labels.get(code, code) for code in obj.forms or [])

    def _date(self, obj, name):
        return getattr(obj, name) or ""

    def dehydrate_applied_on(self, obj):
        return self._date(obj, "applied_on")

    def dehydrate_consent_given_on(self, obj):
        return self._date(obj, "consent_given_on")

    def dehydrate_petition_sent_on(self, obj):
        return self._date(obj, "petition_sent_on")

    def dehydrate_registered_on(self, obj):
        return self._date(obj, "registered_on")

    def dehydrate_suspended_on(self, obj):
        return self._date(obj, "suspended_on")

    def dehydrate_deregistered_on(self, obj):
        return self._date(obj, "deregistered_on")

    def dehydrate_refused_on(self, obj):
        return self._date(obj, "refused_on")
