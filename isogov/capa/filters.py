"""The filters of the nonconformity lists: an agency's, and the province's across every agency one may read."""
import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.capa.models import OPEN_STATES, Nonconformity, Source, State
from isogov.core.filters import CheckboxFilter
from isogov.core.text import fold


class NonconformityFilter(django_filters.FilterSet):
    """`overdue_condition` is selectors.overdue_q on the day the list is for."""

    state = django_filters.ChoiceFilter(label=_("State"), empty_label=_("All"), method="in_state",
                                        choices=[("open", _("Open")), *State.choices])
    source = django_filters.ChoiceFilter(label=_("Source"), empty_label=_("All"), choices=Source.choices)
    overdue = CheckboxFilter(label=_("Overdue only"), method="late")

    class Meta:
        model = Nonconformity
        fields = ["state", "source", "overdue"]

    def __init__(self, data=None, *args, overdue_condition: Q, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.overdue_condition = overdue_condition

    def in_state(self, qs, name, value):
        # "open" is any open state; the province list's "all" filters nothing.
        if value == "open":
            return qs.filter(state__in=OPEN_STATES)
        if value in State.values:
            return qs.filter(state=value)
        return qs

    def late(self, qs, name, value: bool):
        return qs.filter(self.overdue_condition) if value else qs


class _ProvinceForm(forms.Form):
    field_order = ["agency", "state", "source", "overdue"]


class ProvinceNonconformityFilter(NonconformityFilter):
    """The open ones unless the state filter says otherwise."""

    agency = django_filters.CharFilter(label=_("Agency"), max_length=100, method="in_agencies")
    state = django_filters.ChoiceFilter(label=_("State"), empty_label=_("Open"), method="in_state",
                                        choices=[("all", _("All")), *State.choices])

    class Meta(NonconformityFilter.Meta):
        form = _ProvinceForm
        fields = ["agency", "state", "source", "overdue"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("state"):
            queryset = queryset.filter(state__in=OPEN_STATES)
        return super().filter_queryset(queryset)

    def in_agencies(self, qs, name, value):
        # Words matched against the agency's code and name.
        for word in fold(value).split():
            qs = qs.filter(agency__search_text__contains=word)
        return qs
