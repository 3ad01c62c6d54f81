"""The beat's channels as its inspector keeps them: reception hours and messenger groups."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.text import capfirst

from districts.models import Beat, MessengerGroup
from portal.bilingual import BilingualFormMixin, bilingual

# More groups than this do not fit a notice; the formset refuses more rows.
MAX_GROUPS = 30


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's <form> carries the token
    return helper


class ReceptionHoursForm(BilingualFormMixin, forms.ModelForm):
    """The inspector's own reception hours, in Kazakh and in Russian."""

    class Meta:
        model = Beat
        fields = bilingual("reception_hours")
        widgets = {
            "reception_hours_kk": forms.Textarea(attrs={"rows": 2}),
            "reception_hours_ru": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        self.helper = _helper()
        super().__init__(*args, **kwargs)


def _url_field():
    model_field = MessengerGroup._meta.get_field("url")
    # A link typed without "https://" is read as https, never as http.
    return forms.URLField(
        assume_scheme="https",
        max_length=model_field.max_length,
        label=capfirst(model_field.verbose_name),
        help_text=model_field.help_text,
        widget=forms.URLInput(attrs={"inputmode": "url", "spellcheck": "false"}),
    )


class MessengerGroupForm(forms.ModelForm):
    """One group: whose houses (in Kazakh and/or Russian), which messenger, the link, and
    whether residents see it."""

    url = _url_field()

    class Meta:
        model = MessengerGroup
        fields = ["label_kk", "label_ru", "platform", "url", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, lang in (("label_kk", "kk"), ("label_ru", "ru")):
            self.fields[name].widget.attrs["lang"] = lang
        self.helper = _helper()
        self.helper.layout = Layout(
            Row(Column("label_kk", css_class="col-sm-6"), Column("label_ru", css_class="col-sm-6")),
            Row(Column("platform", css_class="col-sm-4"), Column("url", css_class="col-sm-8")),
            "is_active",
        )
        self.helper.render_unmentioned_fields = True  # the row's id and DELETE


class BaseMessengerGroupFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", MessengerGroup.objects.order_by("pk"))
        super().__init__(*args, **kwargs)


MessengerGroupFormSet = forms.inlineformset_factory(
    Beat,
    MessengerGroup,
    form=MessengerGroupForm,
    formset=BaseMessengerGroupFormSet,
    extra=1,
    max_num=MAX_GROUPS,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)
