"""The kinds of object the search box finds: each is a Source, registered once at start-up.

Adding a kind (an area built later, such as the template library or the legal texts) takes one call in that
area's ``AppConfig.ready()`` — or in ``isogov/search/builtin.py`` when the area sits below search in the import
layers, as every area but urls, notifications and home does::

    from isogov.search import sources

    sources.register(sources.Source(
        kind="template",                       # stored in SearchEntry.kind; unique
        label=_("Templates"),                  # the result type filter's label
        model="library.Template",              # saved or deleted: the entry follows (signals.py)
        entry=lambda t: sources.Entry(title=t.title, code=t.code, body=t.text, url=t.get_absolute_url()),
        scope=lambda user: Q(),                # who reads which rows; None: the rows of the agencies the reader
                                               # may read (Entry.agency_id), as the access module says
        follows={"library.TemplateVersion": lambda v: v.template},  # other models whose change re-indexes
    ))

`entry(obj)` returns what to index (None: the object is not searchable, e.g. a deleted draft); `scope(user)` a Q
on SearchEntry built from the access module's helpers (isogov/accounts/access/), never a query of its own; it is
called only for signed-in readers. `isogov reindex` rebuilds every kind (or the ones named) from `queryset()`.
Bulk writes that bypass save() (QuerySet.update) leave the index behind until the next `isogov reindex`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class Entry:
    """What one object shows in the results and is found by. `title` and `code` rank above `body`."""

    title: str
    url: str
    code: str = ""
    body: str = ""
    agency_id: int | None = None
    # The body was read from this (e.g. "version:12"): a saved entry with the same key keeps its body, so a
    # file is read once. `body` is then computed lazily through `read_body`.
    body_key: str = ""
    read_body: Callable[[], str] | None = None


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any  # a lazily translated string
    model: str  # "app_label.Model"
    entry: Callable[[Model], Entry | None]
    scope: Callable[[Any], Q] | None = None
    follows: dict[str, Callable[[Model], Model | None]] = field(default_factory=dict)
    # The rows `isogov reindex` walks, with what `entry` reads joined.
    queryset: Callable[[], QuerySet] | None = None

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def all_objects(self) -> QuerySet:
        return self.queryset() if self.queryset else self.model_class()._default_manager.all()


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    if source.kind in SOURCES and SOURCES[source.kind] != source:
        raise ImproperlyConfigured(f"The search kind {source.kind!r} is registered twice.")
    SOURCES[source.kind] = source
    return source


def get(kind: str) -> Source:
    try:
        return SOURCES[kind]
    except KeyError:
        raise ImproperlyConfigured(f"No search kind {kind!r} is registered (isogov/search/sources.py).") from None


def for_model(model: type[Model]) -> list[Source]:
    label = model._meta.label
    return [s for s in SOURCES.values() if s.model == label]
