"""The two engines behind the search box, the one module that speaks each one's dialect.

SQLite: the FTS5 table `search_fts` (migration 0002, kept by triggers on search_searchentry), asked in raw SQL
with bm25(); PostgreSQL: the `vector` column (kept by a trigger that also passes the words through `unaccent`,
with a GIN index) asked through django.contrib.postgres' SearchQuery and SearchRank. Both order alike: rows
whose title or code holds every word first, then the engine's rank, then the newest row.
"""
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.sql.where import AND, WhereNode

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0  # bm25's column weights on SQLite; PostgreSQL weighs A (title) over B


@dataclass(frozen=True)
class Hits:
    ids: list[int]  # the page's entries, best first
    counts: dict[str, int]  # matching entries per kind, within the scope, whatever kind is asked for


def search(scoped: QuerySet, words: list[str], *, kind: str | None, offset: int, limit: int) -> Hits:
    """Entries of `scoped` (already filtered by the reader's scope) holding every word (the last as a prefix,
    as one types), ranked, `limit` of them from `offset`."""
    if not words:
        return Hits([], {})
    if connection.vendor == "postgresql":
        return _postgresql(scoped, words, kind=kind, offset=offset, limit=limit)
    return _sqlite(scoped, words, kind=kind, offset=offset, limit=limit)


def _title_hit(words: list[str]) -> Q:
    q = Q()
    for word in words:  # at the start of a word of the title: "hon" is in "ket hon", not in "thon"
        q &= Q(title_folded__startswith=word) | Q(title_folded__contains=f" {word}")
    return q


def _postgresql(scoped, words, *, kind, offset, limit) -> Hits:
    # The words are letters and digits only (text.words), so they are safe in a raw tsquery.
    query = SearchQuery(" & ".join(words[:-1] + [f"{words[-1]}:*"]), search_type="raw", config="simple")
    matching = scoped.filter(vector=query)
    counts = dict(matching.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    rows = matching.filter(kind=kind) if kind else matching
    ranked = rows.annotate(
        rank=SearchRank(F("vector"), query),
        title_hit=Case(When(_title_hit(words), then=Value(True)), default=Value(False), output_field=BooleanField()),
    ).order_by("-title_hit", "-rank", "-pk")
    return Hits(list(ranked.values_list("pk", flat=True)[offset:offset + limit]), counts)


def _scope_sql(scoped: QuerySet) -> tuple[str, list]:
    """The WHERE clause of `scoped` (the reader's scope, written by the ORM from the access module's filters) over
    the table search_searchentry, to put beside the FTS5 match."""
    query = scoped.query
    compiler = query.get_compiler(connection=connection)
    where = query.where if query.where else WhereNode([], AND)
    sql, params = compiler.compile(where)
    return (sql or "1=1"), list(params)


def _fts_query(words: list[str]) -> str:
    return " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'


def _sqlite(scoped, words, *, kind, offset, limit) -> Hits:
    from django.core.exceptions import EmptyResultSet

    try:
        scope_sql, scope_params = _scope_sql(scoped)
    except EmptyResultSet:  # the reader may read nothing
        return Hits([], {})
    base = ("FROM search_fts JOIN search_searchentry ON search_searchentry.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND ({scope_sql})")
    params = [_fts_query(words), *scope_params]
    hit_sql = " AND ".join("(' ' || search_searchentry.title_folded) LIKE %s" for _ in words)
    hit_params = [f"% {w}%" for w in words]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_searchentry.kind, count(*) {base} GROUP BY search_searchentry.kind", params)
        counts = dict(cursor.fetchall())
        kind_sql, kind_params = (" AND search_searchentry.kind = %s", [kind]) if kind else ("", [])
        cursor.execute(
            f"SELECT search_searchentry.id {base}{kind_sql} "
            f"ORDER BY ({hit_sql}) DESC, bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}), search_searchentry.id DESC "
            "LIMIT %s OFFSET %s",
            [*params, *kind_params, *hit_params, limit, offset])
        ids = [row[0] for row in cursor.fetchall()]
    return Hits(ids, counts)
