"""Staff forms for what residents read in their language: a name in Kazakh and in Russian.

The models register those fields with modeltranslation (`<app>/translation.py`), which adds
`name_kk`, `name_ru` (and `name_en`, left empty: English readers get the Russian). A form
lists the two versions in its Meta.fields with `bilingual("name", ...)`, and
`BilingualFormMixin` labels them by language, marks their `lang` for spelling and screen
readers, puts two short inputs side by side (texts stay one under the other), and asks for
for the version in the user's own language where the model field is required, unless the
other one is given: a reader of the other language then sees that one
(MODELTRANSLATION_FALLBACK_LANGUAGES).
"""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

# The languages staff write names in: the state language first.
LANGUAGES = ("kk", "ru")
LABELS = {"kk": _("%(label)s in Kazakh"), "ru": _("%(label)s in Russian")}


def bilingual(*names):
    """The Meta.fields entries of the named fields: each in Kazakh, then in Russian."""
    return [build_localized_fieldname(name, lang) for name in names for lang in LANGUAGES]


class BilingualFormMixin:
    """For a ModelForm with a crispy `helper` set up by the base form's __init__."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.bilingual_pairs = {}  # original name → (kk name, ru name), both in the form
        self.required_pairs = []
        reader = "kk" if (get_language() or "").startswith("kk") else "ru"
        for name in translator.get_options_for_model(model).fields:
            names = tuple(build_localized_fieldname(name, lang) for lang in LANGUAGES)
            if not all(n in self.fields for n in names):
                continue
            original = model._meta.get_field(name)
            self.bilingual_pairs[name] = names
            for lang, field_name in zip(LANGUAGES, names, strict=True):
                field = self.fields[field_name]
                field.label = LABELS[lang] % {"label": capfirst(original.verbose_name)}
                field.widget.attrs["lang"] = lang
                field.required = False
            if not original.blank:
                # Required in the reader's language (Russian for English readers), unless
                # given in the other one: (asked for, may stand in) per required field.
                own, other = names if reader == "kk" else names[::-1]
                self.fields[own].required = True
                self.required_pairs.append((own, other))
        self.helper.layout = Layout(*self._layout())
        self.helper.render_unmentioned_fields = True

    def _layout(self):
        partners = dict(self.bilingual_pairs.values())
        skip = set()
        for name, field in self.fields.items():
            if name in skip:
                continue
            ru = partners.get(name)
            if ru and not isinstance(field.widget, forms.Textarea):
                skip.add(ru)
                yield Row(Column(name, css_class="col-sm-6"), Column(ru, css_class="col-sm-6"))
            else:
                yield name

    def _clean_fields(self):
        # The reader's language is asked for; the other one will do instead.
        for own, other in self.required_pairs:
            if (self[other].data or "").strip():
                self.fields[own].required = False
        super()._clean_fields()
