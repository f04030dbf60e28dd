"""The agency list's filters (the page and its export take the same ones)."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.text import fold
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus


def _search(qs, name, value):
    for word in fold(value).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def search_filter() -> django_filters.CharFilter:
    """Agencies by name or code, typed with or without diacritics (every list of agencies searches alike)."""
    return django_filters.CharFilter(
        label=_("Search"), method=_search,
        widget=forms.TextInput(attrs={"placeholder": _("Name or code, with or without diacritics")}))


class AgencyFilter(django_filters.FilterSet):
    q = search_filter()
    tier = django_filters.ChoiceFilter(label=_("Tier"), field_name="tier__code", empty_label=_("All tiers"))
    state = django_filters.ChoiceFilter(label=_("QMS state"), field_name="qms_state", choices=QmsState.choices,
                                        empty_label=_("All states"))
    mandatory = django_filters.ChoiceFilter(
        label=_("Application"), method="applies", empty_label=_("Mandatory and encouraged"),
        choices=[("yes", _("Mandatory")), ("no", _("Encouraged"))])
    # Active agencies unless asked otherwise; "" (all, including merged) filters nothing.
    status = django_filters.ChoiceFilter(
        label=_("Status"), empty_label=None, initial=AgencyStatus.ACTIVE,
        choices=[(AgencyStatus.ACTIVE, _("Active")), ("", _("All, including merged")),
                 (AgencyStatus.MERGED, _("Merged")), (AgencyStatus.DISSOLVED, _("Dissolved"))])

    class Meta:
        model = Agency
        fields = ["q", "tier", "state", "mandatory", "status"]

    def __init__(self, data=None, *args, tiers=(), **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = AgencyStatus.ACTIVE
        super().__init__(data, *args, **kwargs)
        self.filters["tier"].extra["choices"] = [(t.code, str(t)) for t in tiers]

    def applies(self, qs, name, value):
        return qs.filter(mandatory=value == "yes")
