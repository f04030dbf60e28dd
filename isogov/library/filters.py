"""The library's filters: the templates, and the agencies that adopted one."""
import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.library import rules
from isogov.library.models import Adoption, Template, TemplateKind
from isogov.registry.models import AgencyKind


class TemplateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", widget=forms.TextInput(
        attrs={"type": "search", "placeholder": _("Code or title")}))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=TemplateKind.choices, empty_label=_("All kinds"))
    agency_kind = django_filters.ChoiceFilter(label=_("For agencies of kind"), choices=AgencyKind.choices,
                                              empty_label=_("All"), method="for_kind")

    class Meta:
        model = Template
        fields = ["q", "kind", "agency_kind"]

    def search(self, qs, name, value):
        for word in value.split():
            qs = qs.filter(Q(code__icontains=word) | Q(title__icontains=word))
        return qs

    def for_kind(self, qs, name, value):
        return qs.filter(agency_kinds__contains=f",{value},")


class AdoptionFilter(django_filters.FilterSet):
    standing = django_filters.ChoiceFilter(label=_("Standing"), choices=list(rules.STANDING_LABELS.items()),
                                           empty_label=_("All"), method="by_standing")

    class Meta:
        model = Adoption
        fields = ["standing"]

    def __init__(self, data=None, *args, today, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.today = today

    def by_standing(self, qs, name, value):
        if value == rules.Standing.CURRENT:
            return qs.exclude(rules.behind_q())
        if value == rules.Standing.LATE:
            return qs.filter(rules.late_q(self.today))
        return qs.filter(rules.behind_q()).exclude(rules.late_q(self.today))
