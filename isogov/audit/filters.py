"""The audit trail's filters (the page and its CSV export take the same ones)."""
import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.audit.models import Action, AuditEvent
from isogov.core.filters import CheckboxFilter, DateFilter


def _local_midnight(day: dt.date) -> dt.datetime:
    # Days are the province's days: an event at 23:30 on 01/03 in Hà Nội time is on 01/03, not 02/03 UTC.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


class _Form(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


def _date_filter(label, method):
    return DateFilter(
        label=label, method=method,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "size": 10}))


class EventFilter(django_filters.FilterSet):
    """An invalid filter is shown beside its field and left out. `agency_object` is the agency the code names,
    set by selectors.event_list once access.access_agency has checked it, and with "units" `unit_ids` the ids of
    the agencies of its subtree the reader may read (access.readable_agency_ids: ids, not the path, for SQLite)."""

    person = django_filters.CharFilter(label=_("Person (username)"), field_name="actor_name", lookup_expr="iexact",
                                       max_length=150)  # a username, as kept in actor_name
    date_from = _date_filter(_("From"), "since")
    date_to = _date_filter(_("To"), "until")  # inclusive
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices, empty_label=_("All actions"))
    object_type = django_filters.ChoiceFilter(label=_("Object type"), empty_label=_("All types"))
    agency = django_filters.CharFilter(label=_("Agency code"), max_length=32, method="in_agency")
    units = CheckboxFilter(label=_("Include units under it"), method="with_units")

    class Meta:
        model = AuditEvent
        form = _Form
        fields = ["person", "date_from", "date_to", "action", "object_type", "agency", "units"]

    agency_object = None
    unit_ids: list[int] = []

    def __init__(self, data=None, *args, object_types=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["object_type"].extra["choices"] = object_types

    def since(self, qs, name, value):
        return qs.filter(at__gte=_local_midnight(value))

    def until(self, qs, name, value):
        return qs.filter(at__lt=_local_midnight(value + dt.timedelta(days=1)))

    def in_agency(self, qs, name, value):
        if self.agency_object is None:
            return qs
        if self.form.cleaned_data.get("units"):
            return qs.filter(agency_id__in=self.unit_ids)
        return qs.filter(agency=self.agency_object)

    def with_units(self, qs, name, value):
        return qs  # read by in_agency
