"""The error summary at the top of a form (the GOV.UK pattern).

    {% load form_errors %}
    <form method="post" novalidate>
      {% error_summary form formset %}
      {% crispy form %}

"There is a problem", then every error of the form(s) given: errors that belong to no
field as they are, and each field's error as a link to the field ("#id_<field>"), led by the
field's label. static/js/error-summary.js moves the focus to it when the page loads; without
JavaScript it is still the first thing in the form. crispy-forms keeps showing each field's
error next to the field.
"""

from django import forms, template

register = template.Library()


def _anchor(bound_field):
    """The id of the element the link moves to: the input, or the first of a group."""
    if bound_field.is_hidden:
        return ""
    anchor = bound_field.id_for_label
    if not anchor and bound_field.auto_id:
        widget = bound_field.field.widget
        if not isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return bound_field.auto_id
        # The first box of the group; a group without boxes: crispy's wrapper of the field.
        has_boxes = any(True for _choice in bound_field.field.choices)
        anchor = f"{bound_field.auto_id}_0" if has_boxes else f"div_{bound_field.auto_id}"
    return anchor


def _form_errors(form, row=None):
    """A form's errors as (label, bound field or None, message); in a formset (`row` its
    number) each led by the row's number, and the row's own errors given to its first field."""
    entries = []
    if row is None:
        entries.extend(("", None, error) for error in form.non_field_errors())
    else:
        first = next((bound_field for bound_field in form if not bound_field.is_hidden), None)
        entries.extend((f"№ {row}", first, error) for error in form.non_field_errors())
    for bound_field in form:
        label = bound_field.label if row is None else f"№ {row}. {bound_field.label}"
        entries.extend((label, bound_field, error) for error in bound_field.errors)
    return entries


def error_entries(*forms_or_formsets):
    """(label, bound field or None, message) for every error of the forms and formsets, in
    page order. The error summary links each to its field; field mode's refused drafts
    (districts/drafts.py) name the field's input."""
    entries = []
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            if not item.is_bound:
                continue
            entries.extend(("", None, error) for error in item.non_form_errors())
            for number, form in enumerate(item.forms, 1):
                entries.extend(_form_errors(form, row=number))
        elif isinstance(item, forms.BaseForm) and item.is_bound:
            entries.extend(_form_errors(item))
    return entries


def summary_entries(*forms_or_formsets):
    """(label, anchor, message) for every error of the forms and formsets, in page order."""
    return [
        (label, _anchor(bound_field) if bound_field is not None else "", message)
        for label, bound_field, message in error_entries(*forms_or_formsets)
    ]


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(*forms_or_formsets, summary_id="error-summary"):
    """The summary of every error of the forms and formsets given (none: nothing shown)."""
    return {"entries": summary_entries(*forms_or_formsets), "summary_id": summary_id}
