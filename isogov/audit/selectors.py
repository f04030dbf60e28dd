"""Reads of the audit trail, always within what the given user may see, and its readable presentation."""
import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.audit.models import Action, AuditEvent
from isogov.registry.models import Agency

# Actions whose changes are {"field": [before, after]}; a create or delete stores the values alone.
_PAIRED_ACTIONS = {Action.UPDATE, Action.TRANSITION}
EMPTY = "—"


@dataclass(frozen=True)
class EventFilters:
    person: str = ""  # a username, as kept in actor_name
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    action: str = ""
    object_type: str = ""  # a model label, e.g. "registry.agency"
    agency: Agency | None = None  # already checked with access.access_agency
    include_units: bool = False


def _local_midnight(day: dt.date) -> dt.datetime:
    # Days are the province's days: an event at 23:30 on 01/03 in Hà Nội time is on 01/03, not 02/03 UTC.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


def event_list(*, user, filters: EventFilters) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.filter(access.audit_scope_q(user)).select_related("agency", "actor")
    if filters.person:
        qs = qs.filter(actor_name__iexact=filters.person.strip())
    if filters.date_from:
        qs = qs.filter(at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        qs = qs.filter(at__lt=_local_midnight(filters.date_to + dt.timedelta(days=1)))
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.agency is not None:
        if filters.include_units:
            qs = qs.filter(agency__path__startswith=filters.agency.path)
        else:
            qs = qs.filter(agency=filters.agency)
    return qs.order_by("-at", "-id")


@functools.lru_cache(maxsize=64)
def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def object_type_choices() -> list[tuple[str, str]]:
    """The project's own models, named as people know them; no query, so the page cost stays flat."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("isogov.") or config.label == "audit":
            continue
        for model in config.get_models():
            found.append((model._meta.label_lower, capfirst(str(model._meta.verbose_name))))
    return sorted(found, key=lambda pair: pair[1])


def object_type_label(label: str) -> str:
    model = _model(label)
    return capfirst(str(model._meta.verbose_name)) if model else label


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def display_value(value: Any, field: models.Field | None = None) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(display_value(v, field) for v in value) or EMPTY
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and isinstance(field, (models.DateTimeField, models.DateField)):
        try:
            if isinstance(field, models.DateTimeField):
                return timezone.localtime(dt.datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M")
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def change_rows(event: AuditEvent) -> list[dict]:
    """[{"field", "before", "after", "paired"}] for the template and the CSV."""
    model = _model(event.object_type)
    rows = []
    for name, value in (event.changes or {}).items():
        field = _field(model, name)
        label = capfirst(str(field.verbose_name)) if field is not None and hasattr(field, "verbose_name") else name
        paired = event.action in _PAIRED_ACTIONS and isinstance(value, list) and len(value) == 2
        if paired:
            rows.append({"field": label, "before": display_value(value[0], field),
                         "after": display_value(value[1], field), "paired": True})
        elif value not in (None, "", []):
            # A new record's empty fields say nothing; listing them would bury the values that matter.
            rows.append({"field": label, "before": "", "after": display_value(value, field), "paired": False})
    return rows


def changes_text(rows: Iterable[dict]) -> str:
    return "; ".join(
        f"{r['field']}: {r['before']} → {r['after']}" if r["paired"] else f"{r['field']}: {r['after']}" for r in rows
    )


def csv_header() -> list[str]:
    return [_("Time"), _("Person"), _("Action"), _("Object type"), _("Object"), _("Object ID"),
            _("Agency code"), _("Agency"), _("Note"), _("Changes")]


def csv_rows(qs: QuerySet[AuditEvent]) -> Iterator[list[str]]:
    """Rows streamed in chunks: a whole year's trail must not sit in memory at once."""
    for e in qs.iterator(chunk_size=2000):
        yield [
            timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
            e.actor_name,
            e.get_action_display(),
            object_type_label(e.object_type),
            e.object_repr,
            e.object_id,
            e.agency.code if e.agency else "",
            e.agency.name if e.agency else "",
            e.note,
            changes_text(change_rows(e)),
        ]
