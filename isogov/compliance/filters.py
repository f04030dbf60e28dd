"""The compliance list's filters."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.filters import CheckboxFilter
from isogov.qms.states import QmsState
from isogov.registry.filters import search_filter
from isogov.registry.models import Agency

MAX_CHOICES = 100  # above this, a select of provinces and districts is too long to use and to send


class CardFilter(django_filters.FilterSet):
    q = search_filter()
    within = django_filters.ChoiceFilter(label=_("Province or district"), method="in_subtree",
                                         empty_label=_("All"))
    tier = django_filters.ChoiceFilter(label=_("Tier"), field_name="tier__code", empty_label=_("All tiers"))
    state = django_filters.ChoiceFilter(label=_("QMS state"), field_name="qms_state", choices=QmsState.choices,
                                        empty_label=_("All states"))
    # A card's colour is worked out over the agencies' records (selectors.compliance_flags), not in this
    # query: the table keeps the agencies that are not compliant.
    not_compliant = CheckboxFilter(label=_("Only agencies not compliant"), method="on_the_cards")

    class Meta:
        model = Agency
        fields = ["q", "within", "tier", "state", "not_compliant"]

    def __init__(self, data=None, *args, tiers=(), heads=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["tier"].extra["choices"] = [(t.code, str(t)) for t in tiers]
        self._heads = {h.code: h for h in heads}
        if not heads:  # a registry without provinces or districts to narrow to: no empty select
            del self.filters["within"]
        elif len(heads) > MAX_CHOICES:  # a country's hundreds of districts: typed, or picked in the roll-up table
            typed = django_filters.CharFilter(label=_("Province or district (code)"), field_name="within",
                                              method=self.in_subtree, widget=forms.TextInput(attrs={"size": 10}))
            typed.parent, typed.model = self, Agency
            self.filters["within"] = typed
        else:
            self.filters["within"].extra["choices"] = [(h.code, f"{h.name} ({h.code})") for h in heads]

    def in_subtree(self, qs, name, value):
        head = self._heads.get(value.strip())
        # A code that is not a province or district the user may read narrows to nothing rather than being ignored.
        return qs.filter(path__startswith=head.path) if head else qs.none()

    def on_the_cards(self, qs, name, value):
        return qs
