"""The filter of an agency's objectives: one year at a time."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.objectives.models import MAX_YEAR, MIN_YEAR, Objective


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ObjectiveFilter(django_filters.FilterSet):
    """`current` is the year shown when none is asked for, or one no objective can have (the page's default)."""

    year = YearFilter(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    class Meta:
        model = Objective
        fields = ["year"]

    def __init__(self, data=None, *args, current: int, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.current = current

    @property
    def year_shown(self) -> int:
        return (self.form.cleaned_data.get("year") if self.is_valid() else None) or self.current

    def filter_queryset(self, queryset):
        # Always one year: a bad or missing year shows this year's objectives rather than every year's.
        return queryset.filter(year=self.year_shown)
