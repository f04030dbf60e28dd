"""The complaint list's filter."""
import django_filters
from django.utils.translation import gettext_lazy as _

from isogov.feedback.models import Complaint, ComplaintStatus


class ComplaintFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ComplaintStatus.choices, empty_label=_("All"))

    class Meta:
        model = Complaint
        fields = ["status"]
