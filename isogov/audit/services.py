"""Writes to the audit trail. Every service that changes data calls one of these inside its transaction."""
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from isogov.audit.models import Action, AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{"field": [before, after]} for the fields whose value changed."""
    keys = list(dict.fromkeys([*before, *after]))
    return {
        k: [_plain(before.get(k)), _plain(after.get(k))]
        for k in keys
        if _plain(before.get(k)) != _plain(after.get(k))
    }


@dataclass
class Entry:
    action: str
    obj: models.Model
    agency: Any = None
    changes: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def _event(actor, entry: Entry, at) -> AuditEvent:
    obj = entry.obj
    return AuditEvent(
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_username() if getattr(actor, "pk", None) else "system"),
        action=entry.action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        agency=entry.agency,
        changes={k: [_plain(v) for v in pair] if isinstance(pair, (list, tuple)) else _plain(pair)
                 for k, pair in entry.changes.items()},
        note=entry.note[:500],
    )


def audit_record(
    *, actor, action: str, obj: models.Model, agency=None, changes: dict | None = None, note: str = ""
) -> AuditEvent:
    event = _event(actor, Entry(action, obj, agency, changes or {}, note), timezone.now())
    event.save()
    return event


def audit_record_many(*, actor, entries: Iterable[Entry], batch_size: int = 1000) -> int:
    """One INSERT per batch: an import of 10,000 rows must not cost 10,000 round trips."""
    now = timezone.now()
    events = [_event(actor, e, now) for e in entries]
    AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    return len(events)


__all__ = ["Action", "Entry", "audit_record", "audit_record_many", "diff"]
