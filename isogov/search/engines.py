"""The two engines behind the search box, the one module that speaks each one's dialect.

SQLite: the FTS5 table `search_fts` (migration 0002, kept by triggers on search_searchentry), asked in raw SQL
with bm25(); PostgreSQL: the `vector` and `title_vector` columns (kept by a trigger that also passes the words
through `unaccent`, each with a GIN index) asked through django.contrib.postgres' SearchQuery and SearchRank.

Both rank alike, in two tiers: the rows whose title (or code) holds every word come first, ranked among
themselves; then the rows that hold them elsewhere only. Ranking each tier on its own keeps a broad query fast
(at 10,000 agencies "quy trinh" is in 30,000 titles: ranking the titles alone avoids reading 30,000 bodies).
"""
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, QuerySet
from django.db.models.sql.where import AND, WhereNode

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0  # bm25's column weights on SQLite
COUNT_CAP = 1000


@dataclass(frozen=True)
class Hits:
    ids: list[int]  # the page's entries, best first
    counts: dict[str, int]  # matching entries per kind, within the scope, whatever kind is asked for; counted up
    # to COUNT_CAP matches in all (a broad query's exact total is worth no second of the reader's time)

    @property
    def capped(self) -> bool:
        return sum(self.counts.values()) > COUNT_CAP


def search(scoped: QuerySet, words: list[str], *, kind: str | None, offset: int, limit: int) -> Hits:
    """Entries of `scoped` (already filtered by the reader's scope) holding every word (the last as a prefix,
    as one types), ranked, `limit` of them from `offset`."""
    if not words:
        return Hits([], {})
    try:
        engine = (_PostgreSQL if connection.vendor == "postgresql" else _SQLite)(scoped, words, kind)
        counts = engine.counts()
        if not (counts.get(kind, 0) if kind else counts):
            return Hits([], counts)
        # The title hits up to the page's end: fewer than that, and they are all of them (page <= MAX_PAGE).
        titles = engine.page(title=True, offset=0, limit=offset + limit)
        ids = titles[offset:]
        if len(ids) < limit and len(titles) < offset + limit:
            ids += engine.page(title=False, offset=max(offset - len(titles), 0), limit=limit - len(ids))
    except EmptyResultSet:  # the reader may read nothing
        return Hits([], {})
    return Hits(ids, counts)


class _PostgreSQL:
    def __init__(self, scoped: QuerySet, words: list[str], kind: str | None):
        # The words are letters and digits only (text.words), so they are safe in a raw tsquery.
        self.query = SearchQuery(" & ".join(words[:-1] + [f"{words[-1]}:*"]), search_type="raw", config="simple")
        self.scoped, self.kind = scoped, kind

    def counts(self) -> dict[str, int]:
        first = self.scoped.filter(vector=self.query).order_by().values("pk")[:COUNT_CAP + 1]
        rows = (self.scoped.model.objects.filter(pk__in=first).order_by().values("kind")
                .annotate(n=Count("pk")))
        return {row["kind"]: row["n"] for row in rows}

    def _rows(self, *, title: bool) -> QuerySet:
        rows = self.scoped.filter(kind=self.kind) if self.kind else self.scoped
        if title:
            return rows.filter(title_vector=self.query)
        return rows.filter(vector=self.query).exclude(title_vector=self.query)

    def page(self, *, title: bool, offset: int, limit: int) -> list[int]:
        ranked = self._rows(title=title).annotate(
            rank=SearchRank(F("title_vector" if title else "vector"), self.query)).order_by("-rank", "-pk")
        return list(ranked.values_list("pk", flat=True)[offset:offset + limit])


class _SQLite:
    """FTS5 first, then each match's entry by its id (CROSS JOIN keeps that order): the reader's scope is a
    condition on the entry, with the agency ids as a literal list (selectors.scope_q)."""

    FROM = "FROM search_fts CROSS JOIN search_searchentry ON search_searchentry.id = search_fts.rowid"

    def __init__(self, scoped: QuerySet, words: list[str], kind: str | None):
        # Quoted, so that a word such as "and" or "near" is a word, not an operator.
        self.match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        self.title_match = f"title_folded : ({self.match})"
        self.scope_sql, self.scope_params = _where(scoped)
        self.kind = kind

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def counts(self) -> dict[str, int]:
        return dict(self._fetch(
            f"SELECT kind, count(*) FROM (SELECT search_searchentry.kind AS kind {self.FROM} "
            f"WHERE search_fts MATCH %s AND ({self.scope_sql}) LIMIT {COUNT_CAP + 1}) GROUP BY kind",
            [self.match, *self.scope_params]))

    def page(self, *, title: bool, offset: int, limit: int) -> list[int]:
        match = self.title_match if title else f"({self.match}) NOT ({self.title_match})"
        kind_sql, kind_params = (" AND search_searchentry.kind = %s", [self.kind]) if self.kind else ("", [])
        found = self._fetch(
            f"SELECT search_fts.rowid {self.FROM} WHERE search_fts MATCH %s AND ({self.scope_sql}){kind_sql} "
            f"ORDER BY bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}), search_fts.rowid DESC LIMIT %s OFFSET %s",
            [match, *self.scope_params, *kind_params, limit, offset])
        return [row[0] for row in found]


def _where(scoped: QuerySet) -> tuple[str, list]:
    """The WHERE clause of `scoped` (the reader's scope, written by the ORM from the access module's filters) over
    the table search_searchentry; "1=1" when the reader reads every row. Raises EmptyResultSet when none."""
    query = scoped.query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.where if query.where else WhereNode([], AND))
    return (sql or "1=1"), list(params)
