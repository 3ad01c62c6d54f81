"""What the audit log records, and how personal data stays out of it.

The log is django-auditlog's `LogEntry`: one table, one row per event, with the user, the
time, the client's address and, for a change, every changed field as [old, new]. The
records below are registered with it, so each create, change and delete of them is logged
by model signals, whichever view, service or admin page makes it. Writes that bypass the
signals (bulk imports, bulk updates) log through `audit.record`.

Personal data (the fields named with each model in `AUDITED`) is logged as changed without
its values: both sides of the pair are the marker `CONCEALED`, so the log shows "changed"
and keeps nothing a reader of the log may not see.

Views and exports of an assistant's unmasked personal data are logged by the views
themselves with `audit.record.personal_data_seen`.
"""

from django.apps import apps

# What the log keeps in place of a personal-data value.
CONCEALED = "***"

# app label → the audited models of the app; each with its personal-data fields.
AUDITED = {
    "volunteers": {
        # volunteers.privacy.PERSONAL_FIELDS, and the sex, which is read from the IIN.
        "Assistant": ("iin", "birth_date", "sex", "phone", "address", "photo"),
        "Certificate": (),
        "Training": (),
        "Duty": (),
        "CommissionDecision": (),
        "Encouragement": (),
        "BudgetLine": (),
        "MonthlyCalculationIndex": (),
        "Volunteer": ("phone", "birth_date", "parent_name"),
        "VolunteerGroup": (),
        "VolunteerActivity": (),
        # A resident's request to be called back: who and how to reach them.
        "InterestLead": ("name", "contact", "residence", "message"),
    },
    "districts": {
        "Meeting": (),
        "Proposal": ("resident_name", "resident_contact"),
        # The resident's handle: who wrote, how to reach them, and the key to their page.
        "ResidentSubmission": ("resident_name", "resident_contact", "token"),
        "MessengerGroup": (),
        "DoorToDoorRound": (),
        "RoundStreet": (),
        # Visits to families and minors: the address, the record number and the notes.
        "PreventiveVisit": ("address", "reference", "notes"),
        "Appeal": (),
        "ServiceRecord": (),
        "ProblemSpot": (),
        "ProblemMeasure": (),
        "TrustCase": (),
        "WorkPlanItem": (),
        "InspectorStudy": (),
        "ChecklistItem": (),
        "ChecklistMark": (),
    },
    "reports": {
        "QuarterlyReport": (),
        "ReportRevision": (),
        "OffenceCategory": (),
        "OffenceStatistic": (),
        "IndicatorTarget": (),
    },
    "councils": {
        "PartnerOrganization": (),
        "Campaign": (),
        "JointAction": (),
        "ActionAssistant": (),
        "ActionVolunteer": (),
        "JointActionPhoto": (),
        "PublicCouncil": (),
        "CouncilMember": (),
        "CouncilSession": (),
        "SessionDecision": (),
        "Recommendation": (),
    },
    # Staff accounts: who gave whom which role and territory; a new password is "changed".
    "portal": {"User": ("password",)},
}

# Fields that are never logged: set by the machine on every save, or too big to repeat
# (a published revision's snapshot is the revision itself).
EXCLUDED_FIELDS = {
    "updated_at",
    "portal.User.last_login",
    "portal.User.digest_sent_on",
    "reports.ReportRevision.snapshot",
}

# List fields whose items are choices of an enumeration (the field itself declares none).
LIST_CHOICES = {
    "volunteers.Assistant.forms": "volunteers.models.ParticipationForm",
    "volunteers.Volunteer.kinds": "volunteers.models.VolunteerActivityKind",
    "volunteers.VolunteerGroup.kinds": "volunteers.models.VolunteerActivityKind",
}

# A second factor: only whether there is one and whether it is confirmed; never its key,
# and not the counters its every use updates.
TWO_FACTOR_DEVICE = ("otp_totp", "TOTPDevice", ["user", "name", "confirmed"])


def conceal(value) -> str:
    """The mask of a personal-data value in the log: the same whatever the value."""
    return CONCEALED


def concealed_fields(model) -> tuple:
    return AUDITED.get(model._meta.app_label, {}).get(model.__name__, ())


def audited_models() -> list:
    """Every model whose changes the log records, in a stable order."""
    models = [apps.get_model(label, name) for label, names in AUDITED.items() for name in names]
    return [*models, apps.get_model(*TWO_FACTOR_DEVICE[:2])]


def _excluded(model) -> list:
    """The fields not logged: EXCLUDED_FIELDS, and the other models' relations to this one
    (their own records log them)."""
    label = f"{model._meta.label}."
    return [
        field.name
        for field in model._meta.get_fields()
        if field.name in EXCLUDED_FIELDS
        or f"{label}{field.name}" in EXCLUDED_FIELDS
        or (field.auto_created and not field.concrete)
    ]


def register_models():
    from auditlog.registry import auditlog

    device = apps.get_model(*TWO_FACTOR_DEVICE[:2])
    for model in audited_models():
        if model is device:
            auditlog.register(model, include_fields=TWO_FACTOR_DEVICE[2])
            continue
        auditlog.register(
            model,
            exclude_fields=_excluded(model),
            mask_fields=list(concealed_fields(model)),
            mask_callable="audit.registry.conceal",
            m2m_fields={field.name for field in model._meta.many_to_many},
        )
