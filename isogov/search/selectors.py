"""The search box's results: what the reader may read, ranked by the engine of the database (engines.py)."""
from dataclasses import dataclass, field

from django.db.models import Q

from isogov.accounts import access
from isogov.search import engines, sources
from isogov.search.models import SearchEntry
from isogov.search.text import query_words

PAGE_SIZE = 20
MAX_PAGE = 50  # 1,000 results: past that, one types a better query


def scope_q(user) -> Q:
    """The rows `user` may read: per kind, its source's scope; by default the rows of the agencies the access
    module lets the reader read (every agency for the province-wide roles: no filter at all)."""
    agencies = access.agency_scope_q(user)
    # A literal list: a few ids for agency staff (their subtree), none at all for the province-wide roles. The
    # engine then checks each match against it without a subquery (engines.py).
    by_agency = Q() if not agencies else Q(agency_id__in=list(access.agencies_readable(user).values_list("pk",
                                                                                                      flat=True)))
    whole, parts = [], []
    for source in sources.SOURCES.values():
        rows = source.scope(user) if source.scope else by_agency
        if not rows:
            whole.append(source.kind)
        else:
            parts.append(Q(kind=source.kind) & rows)
    if whole:
        parts.append(Q(kind__in=whole))
    scope = Q(pk__in=[])
    for part in parts:
        scope |= part
    return scope


@dataclass
class Results:
    q: str
    kind: str
    page: int
    entries: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    kinds: list = field(default_factory=list)  # (kind, label, count) of every kind with a match
    total: int = 0  # of the kind shown (all kinds when none is chosen)
    capped: bool = False  # more than engines.COUNT_CAP matches: the counts are "at least"

    @property
    def cap(self) -> int:
        return engines.COUNT_CAP

    @property
    def all_total(self) -> int:
        return sum(self.counts.values())

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return (self.capped or self.page * PAGE_SIZE < self.total) and self.page < MAX_PAGE \
            and len(self.entries) == PAGE_SIZE

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1


def search(*, user, q: str, kind: str = "", page: int = 1) -> Results:
    kind = kind if kind in sources.SOURCES else ""
    page = min(max(page, 1), MAX_PAGE)
    results = Results(q=q, kind=kind, page=page)
    words = query_words(q)
    if not words or not (user and user.is_authenticated and user.is_active):
        return results
    hits = engines.search(SearchEntry.objects.filter(scope_q(user)), words, kind=kind or None,
                          offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    found = SearchEntry.objects.select_related("agency").in_bulk(hits.ids)
    results.entries = [found[pk] for pk in hits.ids if pk in found]
    labels = {s.kind: s.label for s in sources.SOURCES.values()}
    for entry in results.entries:
        entry.kind_label = labels.get(entry.kind, entry.kind)
    results.counts, results.capped = hits.counts, hits.capped
    results.kinds = [(k, labels[k], hits.counts[k]) for k in sources.SOURCES if hits.counts.get(k)]
    results.total = hits.counts.get(kind, 0) if kind else sum(hits.counts.values())
    return results
