"""The register's filters."""
import django_filters
from django.utils.translation import gettext_lazy as _

from isogov.core.filters import CheckboxFilter
from isogov.risks import scale
from isogov.risks.models import Kind, Risk, Status


class RiskFilter(django_filters.FilterSet):
    """Filters a register annotated with `rating_value` (selectors.register); `today` decides what is overdue."""

    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Kind.choices, empty_label=_("Risks and opportunities"))
    band = django_filters.ChoiceFilter(label=_("Rating"), choices=list(scale.BAND_LABELS.items()),
                                       empty_label=_("Every rating"), method="in_band")
    # Open risks unless asked otherwise; "" (all) filters nothing.
    status = django_filters.ChoiceFilter(
        label=_("Status"), empty_label=None, initial=Status.OPEN,
        choices=[(Status.OPEN, _("Open")), (Status.CLOSED, _("Closed")), ("", _("All"))])
    overdue = CheckboxFilter(label=_("Review overdue"), method="review_overdue")

    class Meta:
        model = Risk
        fields = ["kind", "band", "status", "overdue"]

    def __init__(self, data=None, *args, today, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = Status.OPEN
        super().__init__(data, *args, **kwargs)
        self.today = today

    def in_band(self, qs, name, value):
        low, high = scale.band_range(value)
        return qs.filter(rating_value__gte=low, rating_value__lte=high)

    def review_overdue(self, qs, name, value: bool):
        # Only risks whose review date has passed.
        return qs.filter(review_date__lt=self.today, status=Status.OPEN) if value else qs
