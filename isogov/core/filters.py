"""Filter kinds the lists share (django-filter's own BooleanFilter is a yes/no/unknown select)."""
import django_filters
from django import forms

from isogov.core.forms import DateField


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked filters by the method given, unticked filters nothing."""

    field_class = forms.BooleanField


class DateFilter(django_filters.Filter):
    """A date typed as dd/mm/yyyy (core.forms.DateField)."""

    field_class = DateField
