from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from isogov.core.widgets import FilterSelect
from isogov.registry.models import Agency, AgencyStatus


class AgencyChoiceField(forms.ModelChoiceField):
    """An agency picked from a searchable list instead of a typed code; the posted value is still the code.

    It offers nothing until told what: `offer(agencies)` with the agencies the user may read
    (accounts.access.agencies_readable), or `active=True` for a programme-wide form (events, training, the
    plan), which only the programme lead fills in and where every active agency may be chosen.
    """

    def __init__(self, *, active: bool = False, **kwargs):
        kwargs.setdefault("empty_label", _("— none —"))
        kwargs.setdefault("widget", FilterSelect(_("Type to search: name or code")))
        kwargs.setdefault("error_messages", {"invalid_choice": _("No agency you may choose has the code %(value)s.")})
        kwargs.pop("queryset", None)
        super().__init__(queryset=Agency.objects.none(), to_field_name="code", **kwargs)
        if active:
            self.offer(Agency.objects.all())

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
