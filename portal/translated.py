"""Querysets of models whose fields modeltranslation translates (see <app>/translation.py)."""

from django.db import models


class MetaOrderingQuerySet(models.QuerySet):
    """For a translated model whose Meta.ordering names no translated field.

    modeltranslation builds the model's queryset on top of this class and, to rewrite
    translated names in it, copies Meta.ordering into an explicit ordering; an explicit
    ordering, unlike Meta.ordering, also goes into the GROUP BY of `values().annotate()`
    (django-modeltranslation issue #559), and a count per beat becomes a count per beat and
    date. With nothing to rewrite, the ordering is left to Django as Meta.ordering.
    """

    def _post_init(self):
        copies_meta_ordering = self.query.default_ordering and not self.query.order_by
        super()._post_init()
        if copies_meta_ordering:
            self.query.order_by = ()
