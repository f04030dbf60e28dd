"""Keeping the index current: `index(obj)` and `unindex(obj)` (called by signals.py on every save and delete of a
source's model) and `reindex()` (the `isogov reindex` command).

The index is derived data, rebuilt at will from the records: its writes are not audit-logged (the records' own
services log what changed) and they run inside the caller's transaction, so a rolled-back change leaves no row.
"""
from django.db import transaction
from django.db.models import Model

from isogov.search import sources
from isogov.search.models import SearchEntry
from isogov.search.text import folded

MAX_BODY = 100_000  # folded characters kept of a body; PostgreSQL's tsvector holds positions up to 16,383 words


def _row(source: sources.Source, obj: Model, known: dict[int, tuple[str, str]]) -> SearchEntry | None:
    entry = source.entry(obj)
    if entry is None:
        return None
    body = entry.body
    if entry.read_body is not None:
        old = known.get(obj.pk)
        body = old[1] if old and entry.body_key and old[0] == entry.body_key else folded(entry.read_body())
    return SearchEntry(
        kind=source.kind, object_id=obj.pk, agency_id=entry.agency_id, title=entry.title[:500], url=entry.url[:300],
        title_folded=folded(entry.title, entry.code, limit=600), body_folded=folded(body, limit=MAX_BODY),
        body_key=entry.body_key[:64],
    )


def _known(kind: str, ids) -> dict[int, tuple[str, str]]:
    rows = SearchEntry.objects.filter(kind=kind, object_id__in=ids).exclude(body_key="")
    return {oid: (key, body) for oid, key, body in rows.values_list("object_id", "body_key", "body_folded")}


def index(obj: Model) -> None:
    """Index `obj` under every kind its model is a source of (a no-op for other models)."""
    for source in sources.for_model(type(obj)):
        row = _row(source, obj, _known(source.kind, [obj.pk]))
        if row is None:
            SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).delete()
            continue
        fields = ("agency_id", "title", "url", "title_folded", "body_folded", "body_key")
        SearchEntry.objects.update_or_create(kind=source.kind, object_id=obj.pk,
                                             defaults={f: getattr(row, f) for f in fields})


def unindex(obj: Model) -> None:
    for source in sources.for_model(type(obj)):
        SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).delete()


@transaction.atomic
def index_many(objs: list[Model], *, batch: int = 500) -> None:
    """Index many objects of one model at once: for bulk writes, which send no save signal (an import)."""
    if not objs:
        return
    for source in sources.for_model(type(objs[0])):
        for start in range(0, len(objs), batch):
            chunk = objs[start:start + batch]
            ids = [obj.pk for obj in chunk]
            known = _known(source.kind, ids)
            SearchEntry.objects.filter(kind=source.kind, object_id__in=ids).delete()
            SearchEntry.objects.bulk_create([row for obj in chunk if (row := _row(source, obj, known)) is not None])


def agencies_written(*, agencies: list[Model]) -> None:
    index_many(agencies)


def reindex(*, kinds: list[str] | None = None, batch: int = 500) -> dict[str, int]:
    """Rebuild the entries of `kinds` (all by default) from the records; returns the count per kind. A body read
    from a file that has not changed since (same `body_key`) is kept rather than read again."""
    counts = {}
    for kind in kinds or list(sources.SOURCES):
        source = sources.get(kind)
        known = _known(kind, SearchEntry.objects.filter(kind=kind).values("object_id"))
        SearchEntry.objects.filter(kind=kind).delete()
        rows = [row for obj in source.all_objects().iterator(chunk_size=batch)
                if (row := _row(source, obj, known)) is not None]
        SearchEntry.objects.bulk_create(rows, batch_size=batch)
        counts[kind] = len(rows)
    return counts
