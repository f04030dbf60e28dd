"""The coverage page's query: the threshold of trained staff and the tier of the agencies listed."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.registry.models import Agency


class CountFilter(django_filters.Filter):
    field_class = forms.IntegerField


class CoverageFilter(django_filters.FilterSet):
    """A refused query (a threshold that is not a number) is shown with its error; the page then uses the
    setting's threshold over every tier."""

    # Not a filter of the rows but the threshold they are measured against: read through `min_trained`.
    min = CountFilter(label=_("Trained staff needed per agency"), min_value=1, max_value=50, method="threshold")
    tier = django_filters.ChoiceFilter(label=_("Tier"), field_name="tier__code", empty_label=_("All tiers"))

    class Meta:
        model = Agency
        fields = ["min", "tier"]

    def __init__(self, data=None, *args, tiers=(), default_min: int, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.default_min = default_min
        # Unbound on a first visit, the form shows the threshold in use rather than an empty box.
        self.filters["min"].extra["initial"] = default_min
        self.filters["tier"].extra["choices"] = [(t.code, str(t)) for t in tiers]

    @property
    def min_trained(self) -> int:
        return (self.form.cleaned_data.get("min") if self.form.is_valid() else None) or self.default_min

    def threshold(self, qs, name, value):
        return qs

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.form.is_valid() else queryset
