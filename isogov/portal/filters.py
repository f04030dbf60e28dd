"""The public agency list's filters: a search by name, the tier and the kind of unit."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.text import fold
from isogov.registry.models import Agency, AgencyKind


class PublicAgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name, with or without diacritics")}))
    tier = django_filters.ChoiceFilter(label=_("Tier"), field_name="tier__code", empty_label=_("All tiers"))
    kind = django_filters.ChoiceFilter(label=_("Kind of unit"), field_name="kind", choices=AgencyKind.choices,
                                       empty_label=_("All kinds"))

    class Meta:
        model = Agency
        fields = ["q", "tier", "kind"]

    def __init__(self, data=None, *args, tiers=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["tier"].extra["choices"] = [(t.code, str(t)) for t in tiers]

    def search(self, qs, name, value):
        for word in fold(value).split():
            qs = qs.filter(search_text__contains=word)
        return qs
