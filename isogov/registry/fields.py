from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from isogov.core.widgets import FilterSelect
from isogov.registry.models import Agency, AgencyStatus


class AgencyChoiceField(forms.ModelChoiceField):
    """An agency picked from a searchable list instead of a typed code; the posted value is still the code.

    Offer it the agencies the user may read (accounts.access.agencies_readable) and call `offer` with them.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("empty_label", _("— none —"))
        kwargs.setdefault("widget", FilterSelect(_("Type to search: name or code")))
        kwargs.setdefault("error_messages", {"invalid_choice": _("No agency you may choose has the code %(value)s.")})
        super().__init__(queryset=Agency.objects.none(), to_field_name="code", **kwargs)

    def offer(self, agencies: QuerySet[Agency], *, keep: Agency | None = None) -> None:
        """The active ones among `agencies`, and `keep` (the current choice) even if merged or dissolved."""
        active = Q(status=AgencyStatus.ACTIVE)
        if keep is not None:
            active |= Q(pk=keep.pk)
        self.queryset = agencies.filter(active).select_related("parent").order_by("path")

    def label_from_instance(self, agency: Agency) -> str:
        # Communes share names ("Phường 1"): the parent tells them apart.
        parent = f" – {agency.parent.name}" if agency.parent_id else ""
        return f"{agency.code} · {agency.name}{parent}"
