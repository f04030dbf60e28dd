"""`isogov generate`: fill an empty database with a national-scale synthetic programme, fast and repeatable.

The same seed and the same `today` give the same rows (the dates are counted back from `today`, which defaults
to the real today because the pages judge "overdue", "this year" and "not in the future" against the clock).
"""
import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import connection, transaction

from isogov.accounts.models import User
from isogov.generate import inspections, portal, programme, qms_docs, records, tree
from isogov.generate.base import Context
from isogov.registry import rollups
from isogov.registry.models import Agency

CHUNK = 1000  # agencies whose records are built and written together: bounded memory at any scale


class NotEmpty(Exception):
    pass


def generate(*, agencies: int, years: int = 1, seed: int = 1, today: dt.date | None = None,
             preset: str = "three-tier", national: bool = False,
             progress: Callable[[str, float], None] = lambda step, s: None) -> dict:
    if Agency.objects.exists() or User.objects.exists():
        raise NotEmpty(f"the database already has {Agency.objects.count()} agencies and {User.objects.count()} "
                       "users; generate fills an empty database only (migrate a fresh one)")
    today = today or dt.date.today()
    ctx = Context(rng=random.Random(seed), today=today, years=list(range(today.year - years + 1, today.year + 1)))
    started = time.monotonic()

    def step(name: str, fn, *args):
        t = time.monotonic()
        result = fn(*args)
        progress(name, time.monotonic() - t)
        return result

    with transaction.atomic():
        procedures = step("procedures", tree.procedures, ctx)
        everyone = step("agencies", tree.agencies, ctx, agencies, preset, national)
        step("users", tree.people, ctx, everyone)
        provinces = tree.provinces(everyone)
        # Each province's agencies: those under its committee's path (the ministry's own root is in none).
        by_path = {p.path: p for p in provinces}
        agencies_of: dict[int, list] = {p.pk: [] for p in provinces}
        for a in everyone:
            head = rollups.head_of(a.path, by_path)
            if head is not None:
                agencies_of[head.pk].append(a)
        lead = next(a for a in everyone if a.is_programme_lead)
        step("programme plan", programme.plan, ctx, lead)
        step("training", programme.training, ctx, provinces, agencies_of)
        step("events", programme.events, ctx, provinces, agencies_of)
        step("inspections", inspections.inspections, ctx, provinces, agencies_of)
        step("portal and API tokens", portal.portal, ctx)
        ctx.flush_trail()
        for start in range(0, len(everyone), CHUNK):
            chunk = everyone[start:start + CHUNK]
            t = time.monotonic()
            scope, facts = qms_docs.qms(ctx, chunk, procedures)
            qms_docs.documents(ctx, chunk, scope)
            qms_docs.objectives(ctx, chunk)
            records.risks(ctx, chunk)
            findings = records.audits(ctx, chunk, facts)
            records.nonconformities(ctx, chunk, findings)
            records.reviews(ctx, chunk, facts)
            records.feedback(ctx, chunk)
            ctx.flush_trail()
            progress(f"agencies {start + 1}–{start + len(chunk)}", time.monotonic() - t)
    step("search index", search_index)
    step("statistics (ANALYZE)", refresh_statistics)
    ctx.counts["seconds"] = round(time.monotonic() - started, 1)
    return ctx.counts


def search_index() -> None:
    """What the search finds: the generator's bulk inserts send no save signal (the demo reindexes likewise)."""
    from isogov.search.services import reindex

    reindex()


def refresh_statistics() -> None:
    """The planner's statistics, as after any bulk load (isogov.core.dbstats where that module exists)."""
    try:
        from isogov.core.dbstats import refresh
    except ImportError:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        refresh()
