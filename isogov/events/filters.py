"""The event list's filters."""
import django_filters
from django.utils.translation import gettext_lazy as _

from isogov.events.models import Event, EventKind


class EventFilter(django_filters.FilterSet):
    """A refused filter (a year with no event) is shown with its error and the whole list stays unfiltered."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds"))
    year = django_filters.TypedChoiceFilter(label=_("Year"), field_name="date", lookup_expr="year",
                                            coerce=int, empty_value=None)

    class Meta:
        model = Event
        fields = ["kind", "year"]

    def __init__(self, data=None, *args, years=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["year"].extra["choices"] = [("", _("All years")), *((y, y) for y in years)]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.form.is_valid() else queryset
