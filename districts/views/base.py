"""Generic list / create / edit views for records of an inspector's work.

Each view reads through `portal.policy.scoped`, so an outsider's guess of an id is
a 404; lists filter (django-filter), paginate and declare their columns; forms
receive the user so the beat list holds only the user's beats.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView
from django_filters.views import FilterView

from portal import policy
from portal.pagination import CappedPaginator


class ScopedMixin:
    model = None
    related = ("beat__police_point__department__area",)

    def get_queryset(self):
        queryset = self.model._default_manager.select_related(*self.related)
        return policy.scoped(self.request.user, queryset)

    def get_object(self, queryset=None):
        return policy.found_in_scope(self.request.user, super().get_object(queryset))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opts"] = self.model._meta
        context["can_write"] = policy.may(self.request.user, "workspace.record")
        return context


class RecordListView(ScopedMixin, FilterView):
    """A filterable, paginated list. `columns` are (field or attribute, heading) pairs."""

    paginate_by = 20
    paginator_class = CappedPaginator
    template_name = "districts/records/list.html"
    columns = ()
    create_url_name = None
    edit_url_name = None
    detail_url_name = None

    def row_class(self, obj):
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            columns=self.columns,
            create_url_name=self.create_url_name,
            row_url_name=self.detail_url_name or self.edit_url_name,
            view=self,
        )
        return context


class RecordFormMixin(ScopedMixin):
    """Create or edit a record. After saving, the user lands on the record itself (its page,
    or its form where it has no other: `get_absolute_url`) with the success message — the
    same for every kind of record, so what was just saved is in front of them."""

    template_name = "districts/records/form.html"
    success_message = _("Saved.")
    # Where Cancel leads.
    list_url_name = None
    # Fields that start as today's date on a new record.
    today_fields = ()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        for name in self.today_fields:
            initial.setdefault(name, timezone.localdate())
        return initial

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(self.list_url_name)
        return context

    def form_valid(self, form):
        if not form.instance.pk and hasattr(form.instance, "created_by_id"):
            form.instance.created_by = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        return response

    def form_invalid(self, form):
        messages.error(self.request, _("Please correct the errors below."))
        return super().form_invalid(form)


class RecordCreateView(RecordFormMixin, CreateView):
    pass


class RecordUpdateView(RecordFormMixin, UpdateView):
    """A record's page: an editable form for its inspector, read-only for other police."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not policy.may(self.request.user, "workspace.record"):
            for field in form.fields.values():
                field.disabled = True
        return form
