"""Reads of the audit trail, always within what the given user may see; presentation.py makes them readable."""
from django.apps import apps
from django.utils.text import capfirst

from isogov.accounts import access
from isogov.audit.filters import EventFilter
from isogov.audit.models import AuditEvent


def event_list(*, user, data) -> EventFilter:
    """The events the user may see, filtered by the page's query `data`: `.form` to show, `.qs` to list,
    `.agency_object` the agency whose history is asked for (a foreign or unknown one is a 404, as its page is)."""
    qs = AuditEvent.objects.filter(access.audit_scope_q(user)).select_related("agency", "actor").order_by("-at", "-id")
    found = EventFilter(data, queryset=qs, object_types=object_type_choices())
    found.form.is_valid()
    code = found.form.cleaned_data.get("agency")
    found.agency_object = access.access_agency(user, code) if code else None
    if found.agency_object is not None and found.form.cleaned_data.get("units"):
        found.unit_ids = access.readable_agency_ids(user, within=found.agency_object)
    return found


def object_type_choices() -> list[tuple[str, str]]:
    """The project's own models, named as people know them; no query, so the page cost stays flat."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("isogov.") or config.label == "audit":
            continue
        for model in config.get_models():
            found.append((model._meta.label_lower, capfirst(str(model._meta.verbose_name))))
    return sorted(found, key=lambda pair: pair[1])
