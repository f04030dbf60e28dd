"""The document register's filters."""
import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from isogov.core.text import fold
from isogov.documents.models import Document, DocumentKind, Version, VersionStatus


class LegalFilter:
    PENDING = "pending"
    OVERDUE = "overdue"
    LATE = "late"
    UPCOMING = "upcoming"


class DocumentFilter(django_filters.FilterSet):
    """`legal_conditions` holds the condition of each LegalFilter value on the day the list is for
    (selectors.document_list: the same ones as the register's counts)."""

    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or title")}))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DocumentKind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(label=_("With a version"), choices=VersionStatus.choices,
                                         empty_label=_("Any status"), method="with_version")
    legal = django_filters.ChoiceFilter(label=_("Legal texts"), empty_label=_("All"), method="legal_state", choices=[
        (LegalFilter.PENDING, _("Still to be brought in")), (LegalFilter.OVERDUE, _("Overdue")),
        (LegalFilter.LATE, _("Brought in late")), (LegalFilter.UPCOMING, _("Not yet in effect")),
    ])

    class Meta:
        model = Document
        fields = ["q", "kind", "status", "legal"]

    def __init__(self, data=None, *args, legal_conditions: dict[str, Q], **kwargs):
        super().__init__(data, *args, **kwargs)
        self.legal_conditions = legal_conditions

    def search(self, qs, name, value):
        for word in fold(value).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def with_version(self, qs, name, value):
        # Documents with a version in this status.
        return qs.filter(Exists(Version.objects.filter(document=OuterRef("pk"), status=value)))

    def legal_state(self, qs, name, value):
        return qs.filter(self.legal_conditions[value])
