"""The procedure catalogue's search (the catalogue page and the scope page's candidates)."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.text import fold
from isogov.qms.models import Procedure


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, code or field"),
                                      "aria-label": _("Search")}))

    class Meta:
        model = Procedure
        fields = ["q"]

    def search(self, qs, name, value):
        for word in fold(value).split():
            qs = qs.filter(search_text__contains=word)
        return qs
