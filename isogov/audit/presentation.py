"""How the trail reads: each change under its field's label in the page's language, each referenced object by its
name, dates as dd/mm/yyyy, files by the name they were uploaded with.

Older events (and some writers, see keys.py) hold a pk or a code instead of a name; those names are looked up in
bulk, one query per kind of object on the page, so a page costs the same whatever its events hold. An event that
still cannot be rendered shows its stored values as they are, never an error page.
"""
import datetime as dt
import functools
import itertools
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isogov.audit.keys import EXTRA, PREFIXED, STORED_AS, TEXT, Ref
from isogov.audit.models import Action, AuditEvent
from isogov.audit.services import object_name

log = logging.getLogger(__name__)

# Actions whose changes are {"field": [before, after]}; a create or delete stores the values alone.
_PAIRED_ACTIONS = {Action.UPDATE, Action.TRANSITION}
EMPTY = "—"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*")
_PK = re.compile(r"\d{1,18}")  # longer digit strings are no pk and would overflow the lookup
CSV_CHUNK = 500


@functools.lru_cache(maxsize=64)
def model_for(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


@dataclass(frozen=True)
class Key:
    label: Callable[[], str]  # called when shown, so it speaks the page's language
    field: Any  # the model field, if the key is one
    ref: Ref | None  # what its values refer to; TEXT when they are shown as stored


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@functools.lru_cache(maxsize=2048)
def key_info(object_type: str, key: str) -> Key:
    model = model_for(object_type)
    for (owner, prefix), describe in PREFIXED.items():
        if owner == object_type and key.startswith(prefix):
            return Key(functools.partial(describe, key[len(prefix):]), None, TEXT)
    field = _field(model, key)
    if (object_type, key) in EXTRA:
        label, ref = EXTRA[(object_type, key)]
        return Key(functools.partial(str, label), field, ref)
    if field is None:
        return Key(lambda: key.replace("_", " "), None, TEXT)
    if field.auto_created and not field.concrete:  # a reverse relation: its objects, as the writer listed them
        return Key(lambda: str(field.related_model._meta.verbose_name_plural), None, TEXT)
    if (object_type, key) in STORED_AS:
        ref = STORED_AS[(object_type, key)]
    elif field.is_relation and field.related_model is not None:
        ref = Ref(field.related_model._meta.label_lower)
    else:
        ref = TEXT
    return Key(lambda: str(getattr(field, "verbose_name", key)), field, ref)


def _scalars(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for v in value:
            yield from _scalars(v)
    elif isinstance(value, (int, str)) and not isinstance(value, bool) and value != "":
        yield value


class Names:
    """The names of the objects that the given events hold only by pk or code."""

    unavailable = False  # the lookup failed: nothing can be said about what is not found

    def __init__(self, events: Iterable[AuditEvent] = ()):
        wanted: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for event in events:
            if not isinstance(event.changes, dict):
                continue
            for key, value in event.changes.items():
                ref = key_info(event.object_type, key).ref
                if ref is TEXT:
                    continue
                wanted[(ref.model, ref.by, ref.scope)].update(str(s) for s in _scalars(value))
        self.found: dict[tuple, str] = {}
        for (label, by, scope), values in wanted.items():
            self._load(label, by, scope, values)

    def _load(self, label: str, by: str, scope: str, values: set[str]) -> None:
        model = model_for(label)
        if by == "pk":
            values = {v for v in values if _PK.fullmatch(v)}
        if model is None or not values:
            return
        # Names often read a parent (a session is named after its course): fetch the parents in the same query.
        for obj in model._base_manager.filter(**{f"{by}__in": values}).select_related():
            scoped = getattr(obj, f"{scope}_id") if scope else None
            self.found[(label, by, scoped, str(getattr(obj, by) if by != "pk" else obj.pk))] = object_name(obj)

    def name(self, ref: Ref, value: Any, event: AuditEvent) -> str:
        text = str(value)
        if self.unavailable:
            return text
        scoped = getattr(event, f"{ref.scope}_id", None) if ref.scope else None
        found = self.found.get((ref.model, ref.by, scoped, text))
        if found is not None:
            return found
        if ref.by == "pk" and _PK.fullmatch(text):
            model = model_for(ref.model)
            kind = capfirst(str(model._meta.verbose_name)) if model else ref.model
            return _("%(kind)s no. %(id)s (since deleted)") % {"kind": kind, "id": text}
        return text  # a code of something gone is still the code people used


def _date_text(value: str) -> str | None:
    try:
        if _DATE.fullmatch(value):
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        if _DATETIME.fullmatch(value):
            moment = dt.datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return None
    return None


def display_value(value: Any, field=None, ref: Ref | None = None, names: Names | None = None,
                  event: AuditEvent | None = None) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(display_value(v, field, ref, names, event) for v in value)
    if isinstance(value, dict):
        if "name" in value and ("id" in value or "file" in value):  # an object or a file, named when written
            return str(value["name"]) or EMPTY
        return " — ".join(display_value(v) for v in value.values() if v not in (None, ""))  # e.g. a why, because
    if ref is not None and names is not None:
        return names.name(ref, value, event)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str):
        if isinstance(field, models.FileField):  # stored before files kept their uploaded name
            return value.replace("\\", "/").rsplit("/", 1)[-1]
        return _date_text(value) or value
    return str(value)


def change_rows(event: AuditEvent, names: Names | None = None) -> list[dict]:
    """[{"key", "field", "before", "after", "paired"}] for the template and the CSV."""
    if not isinstance(event.changes, dict):
        raise TypeError(f"changes of audit event {event.pk} are not a mapping")
    names = Names([event]) if names is None else names
    rows = []
    for key, value in event.changes.items():
        info = key_info(event.object_type, key)
        label = capfirst(info.label())
        paired = event.action in _PAIRED_ACTIONS and isinstance(value, list) and len(value) == 2
        if paired:
            rows.append({"key": key, "field": label, "paired": True,
                         "before": display_value(value[0], info.field, info.ref, names, event),
                         "after": display_value(value[1], info.field, info.ref, names, event)})
        elif value not in (None, "", []):
            # A new record's empty fields say nothing; listing them would bury the values that matter.
            rows.append({"key": key, "field": label, "before": "", "paired": False,
                         "after": display_value(value, info.field, info.ref, names, event)})
    return rows


def raw_rows(event: AuditEvent) -> list[dict]:
    """The stored values as they are, for an event that cannot be rendered."""
    changes = event.changes
    items = changes.items() if isinstance(changes, dict) else [("", changes)]
    return [{"key": str(key), "field": str(key), "before": "", "paired": False,
             "after": json.dumps(value, ensure_ascii=False, default=str)} for key, value in items]


def event_rows(events: Iterable[AuditEvent]) -> list[list[dict]]:
    """change_rows of each event, with the names they need looked up once for all of them."""
    events = list(events)
    try:
        names = Names(events)
    except Exception:  # noqa: BLE001 - the values show as stored rather than the page failing
        log.exception("audit trail: names of %d events could not be looked up", len(events))
        names = Names()
        names.unavailable = True
    out = []
    for event in events:
        try:
            out.append(change_rows(event, names))
        except Exception:  # noqa: BLE001 - one odd event must not take the trail down with it
            log.exception("audit trail: event %s cannot be rendered; showing its raw values", event.pk)
            out.append(raw_rows(event))
    return out


def changes_text(rows: Iterable[dict]) -> str:
    return "; ".join(
        f"{r['field']}: {r['before']} → {r['after']}" if r["paired"] else f"{r['field']}: {r['after']}" for r in rows
    )


def object_type_label(label: str) -> str:
    model = model_for(label)
    return capfirst(str(model._meta.verbose_name)) if model else label


def csv_header() -> list[str]:
    return [_("Time"), _("Person"), _("Action"), _("Object type"), _("Object"), _("Object ID"),
            _("Agency code"), _("Agency"), _("Note"), _("Changes")]


def csv_rows(qs) -> Iterator[list[str]]:
    """Rows streamed in chunks: a whole year's trail must not sit in memory at once."""
    events = qs.iterator(chunk_size=CSV_CHUNK * 4)
    while chunk := list(itertools.islice(events, CSV_CHUNK)):
        for e, rows in zip(chunk, event_rows(chunk)):
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
                changes_text(rows),
            ]
