"""The compliance list's filters."""
import django_filters
from django.utils.translation import gettext_lazy as _

from isogov.core.filters import CheckboxFilter
from isogov.qms.states import QmsState
from isogov.registry.models import Agency


class CardFilter(django_filters.FilterSet):
    tier = django_filters.ChoiceFilter(label=_("Tier"), field_name="tier__code", empty_label=_("All tiers"))
    state = django_filters.ChoiceFilter(label=_("QMS state"), field_name="qms_state", choices=QmsState.choices,
                                        empty_label=_("All states"))
    # A card's colour is worked out over the agencies' records (selectors.compliance_cards), not in this
    # query: the view keeps the cards that are not green.
    not_compliant = CheckboxFilter(label=_("Only agencies not compliant"), method="on_the_cards")

    class Meta:
        model = Agency
        fields = ["tier", "state", "not_compliant"]

    def __init__(self, data=None, *args, tiers=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["tier"].extra["choices"] = [(t.code, str(t)) for t in tiers]

    def on_the_cards(self, qs, name, value):
        return qs
