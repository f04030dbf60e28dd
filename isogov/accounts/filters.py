"""The account list's filters."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.accounts.models import Role, User


class UserFilter(django_filters.FilterSet):
    """`q` is matched by selectors.user_list in Python (folded, so "nguyen van an" finds "Nguyễn Văn An"):
    the model keeps no search column."""

    q = django_filters.CharFilter(label=_("Search"), method="matched_later",
                                  widget=forms.TextInput(attrs={"placeholder": _("Username or full name")}))
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All roles"))
    agency = django_filters.CharFilter(label=_("Agency code"), max_length=32, field_name="agency__code",
                                       lookup_expr="iexact")  # an agency code
    active = django_filters.ChoiceFilter(label=_("Status"), method="by_activity", empty_label=_("Active and inactive"),
                                         choices=[("yes", _("Active")), ("no", _("Inactive"))])

    class Meta:
        model = User
        fields = ["q", "role", "agency", "active"]

    def matched_later(self, qs, name, value):
        return qs

    def by_activity(self, qs, name, value):
        return qs.filter(is_active=value == "yes")
