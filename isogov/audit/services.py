"""Writes to the audit trail. Every service that changes data calls one of these inside its transaction."""
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from isogov.audit.models import Action, AuditEvent
from isogov.core.text import clean_text

# An object is kept with its name as it was, so the trail still names it after a rename or a deletion.
NAME_LENGTH = 300


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _file_name(value: FieldFile) -> str:
    """The name the person gave the file, where the model keeps it; else the stored name without its folders."""
    instance = getattr(value, "instance", None)
    for attr in ("file_name", "original_name"):
        original = getattr(instance, attr, None)
        if isinstance(original, str) and original:
            return original
    return _basename(value.name)


def uploaded(stored: FieldFile, upload) -> Any:
    """A file just stored from `upload`, named as it was uploaded: storage rewrites names (spaces, accents,
    suffixes), and a model without a file-name field keeps only the rewritten one."""
    value = plain(stored)
    if isinstance(value, dict) and getattr(upload, "name", None):
        value["name"] = clean_text(_basename(upload.name))  # typed by the uploader, like any text
    return value


def object_name(obj: models.Model) -> str:
    try:
        return str(obj)[:NAME_LENGTH]
    except Exception:  # noqa: BLE001 - a half-filled object must not stop the write or the page it is part of
        return f"{obj._meta.verbose_name} #{obj.pk}"


def plain(value: Any) -> Any:
    """A value as the trail stores it (JSON): dates as ISO text, objects as {"id", "name"}, files as
    {"file", "name"}. Idempotent, so a writer may freeze a value before changing the object."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        pk = value.pk if isinstance(value.pk, int) else str(value.pk)
        return {"id": pk, "name": object_name(value)}
    if isinstance(value, FieldFile):
        return {"file": value.name, "name": _file_name(value)} if value.name else ""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset, models.QuerySet)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of `obj` as the trail keeps them, for `diff(before, after)` and a creation's record.

    A relation is kept as the object (the trail names it); a many-to-many as the sorted codes of its objects
    (or their ids where they have no code), so adding the same agencies in another order is no change.
    """
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(getattr(o, "code", o.pk)) for o in getattr(obj, name).all())
        else:
            values[name] = getattr(obj, name)
    return plain(values)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{"field": [before, after]} for the fields whose value changed."""
    changes = {}
    for key in dict.fromkeys([*before, *after]):
        old, new = plain(before.get(key)), plain(after.get(key))
        if old != new:
            changes[key] = [old, new]
    return changes


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
        object_repr=object_name(obj),
        agency=entry.agency,
        changes=plain(entry.changes),
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


__all__ = ["Action", "Entry", "audit_record", "audit_record_many", "diff", "plain", "snapshot", "uploaded"]
