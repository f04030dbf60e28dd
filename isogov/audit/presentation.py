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
from django.db.models.functions import Cast
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


class Labels:
    """The trail's fixed words (field names, choices, yes and no, object types, actions) in the language active
    when it is made, each looked up once per page or file: a file of a million events would otherwise translate
    the same few hundred words millions of times."""

    def __init__(self):
        self.yes, self.no = _("yes"), _("no")
        self.actions = {value: str(label) for value, label in Action.choices}
        self._keys: dict[tuple[str, str], str] = {}
        self._types: dict[str, str] = {}
        self._choices: dict[Any, dict] = {}

    def key(self, object_type: str, key: str) -> str:
        found = self._keys.get((object_type, key))
        if found is None:
            found = self._keys[(object_type, key)] = capfirst(key_info(object_type, key).label())
        return found

    def object_type(self, label: str) -> str:
        found = self._types.get(label)
        if found is None:
            found = self._types[label] = object_type_label(label)
        return found

    def choice(self, field, value) -> str:
        choices = self._choices.get(field)
        if choices is None:
            choices = self._choices[field] = {k: str(v) for k, v in field.flatchoices}
        found = choices.get(value)
        return str(value) if found is None else found


class Names:
    """The names of the objects that the given events hold only by pk or code, and the Labels they are read with."""

    unavailable = False  # the lookup failed: nothing can be said about what is not found

    def __init__(self, events: Iterable[AuditEvent] = (), labels: Labels | None = None):
        self.labels = labels or Labels()
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
        if names is not None:
            return names.labels.yes if value else names.labels.no
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
        if names is not None:
            return names.labels.choice(field, value)
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
        label = names.labels.key(event.object_type, key)
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


def event_rows(events: Iterable[AuditEvent], labels: Labels | None = None) -> list[list[dict]]:
    """change_rows of each event, with the names they need looked up once for all of them."""
    events = list(events)
    labels = labels or Labels()
    try:
        names = Names(events, labels)
    except Exception:  # noqa: BLE001 - the values show as stored rather than the page failing
        log.exception("audit trail: names of %d events could not be looked up", len(events))
        names = Names(labels=labels)
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


class _Event:
    """What change_rows and Names read of an event, from a row of CSV_FIELDS: a model instance per event (and
    its agency's) was most of an export's time."""

    __slots__ = ("pk", "action", "object_type", "changes", "agency_id")

    def __init__(self, pk, action, object_type, changes, agency_id):
        self.pk, self.action, self.object_type, self.changes, self.agency_id = (
            pk, action, object_type, changes, agency_id)


# The changes are read as their JSON text and decoded here: most events of a long trail hold none ("{}"), and the
# field's own decoding was a tenth of the export's time.
CSV_FIELDS = ("id", "at", "actor_name", "action", "object_type", "object_id", "object_repr", "note", "changes_json",
              "agency_id", "agency__code", "agency__name")


def _decoded(text: str | None) -> Any:
    if text == "{}":
        return {}
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text  # as JSONField gives what it cannot decode; change_rows then shows it raw


def csv_rows(qs) -> Iterator[list[str]]:
    """Rows streamed in chunks: a whole year's trail must not sit in memory at once."""
    labels = Labels()
    zone = timezone.get_current_timezone()
    found = (qs.annotate(changes_json=Cast("changes", models.TextField())).values_list(*CSV_FIELDS)
             .iterator(chunk_size=CSV_CHUNK * 4))
    while chunk := list(itertools.islice(found, CSV_CHUNK)):
        events = [_Event(pk, action, object_type, _decoded(changes), agency_id)
                  for pk, _at, _actor, action, object_type, _id, _repr, _note, changes, agency_id, *_agency in chunk]
        for (_pk, at, actor_name, action, object_type, object_id, object_repr, note, _changes, _agency_id,
             agency_code, agency_name), rows in zip(chunk, event_rows(events, labels)):
            yield [
                at.astimezone(zone).strftime("%d/%m/%Y %H:%M:%S"),
                actor_name,
                labels.actions.get(action, action),
                labels.object_type(object_type),
                object_repr,
                object_id,
                agency_code or "",
                agency_name or "",
                note,
                changes_text(rows),
            ]
