"""The public portal's visit counter: online now, today, this week, total, with no personal data stored.

- Who is a distinct visitor is told by sha256(salt of the day, address, user agent). The salt is random, made
  once a day and kept only in the cache, so yesterday's hashes cannot be recomputed and none reaches the
  database; the hash itself lives only in the cache, until the day (or the online window) ends.
- Each counted page view costs one database statement of constant cost: an upsert of the day's row
  (views + 1, visitors + 1 when the hash is new today). "Online now" lives only in the cache, in one bucket
  per minute of the window.
- The figures are read by one aggregate query, cached for VISIT_STATS_CACHE_SECONDS.
- The cache is Django's default cache: with several server processes it must be a shared one (Redis or the
  database) for "online now" and the distinct visitors to be counted across them [deployment].
Concurrent views of the same minute's bucket may lose an entry (get then set): "online now" is an estimate.
"""
import datetime as dt
import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone

from isogov.core.proxy import client_ip
from isogov.portal.models import VisitDay

PREFIX = "portal:visits"
DAY_SECONDS = 24 * 3600


def is_bot(user_agent: str) -> bool:
    agent = (user_agent or "").lower()
    return not agent or any(word in agent for word in settings.ISOGOV["VISIT_BOT_MARKERS"])


def _salt(day: dt.date) -> str:
    key = f"{PREFIX}:salt:{day.isoformat()}"
    cache.add(key, secrets.token_hex(16), timeout=2 * DAY_SECONDS)  # the first request of the day makes it
    return cache.get(key) or ""


def visitor_hash(request, day: dt.date) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")
    raw = f"{_salt(day)}\x00{client_ip(request) or ''}\x00{agent}"
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()[:32]


def _seconds_left(day: dt.date) -> int:
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    return max(60, int((end - timezone.now()).total_seconds()) + 60)


def _online_buckets(now: float) -> list[str]:
    minute, window = int(now // 60), max(1, settings.ISOGOV["VISIT_ONLINE_SECONDS"] // 60)
    return [f"{PREFIX}:online:{m}" for m in range(minute - window + 1, minute + 1)]


def _upsert(day: dt.date, new_visitor: bool) -> None:
    """One statement whatever the traffic: the day's row is made or bumped (SQLite and PostgreSQL alike)."""
    table = connection.ops.quote_name(VisitDay._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, views, visitors) VALUES (%s, 1, %s) "  # noqa: S608 - the table's own name
            f"ON CONFLICT (day) DO UPDATE SET views = {table}.views + 1, "
            f"visitors = {table}.visitors + excluded.visitors",
            [connection.ops.adapt_datefield_value(day), 1 if new_visitor else 0])


def record(request) -> bool:
    """Count a public page view of `request`; False when it is not counted (a bot, or not a page read)."""
    if request.method != "GET" or is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    today = timezone.localdate()
    key = visitor_hash(request, today)
    new_visitor = cache.add(f"{PREFIX}:seen:{today.isoformat()}:{key}", 1, timeout=_seconds_left(today))
    bucket = _online_buckets(time.time())[-1]
    seen = cache.get(bucket) or set()
    if key not in seen:
        seen.add(key)
        cache.set(bucket, seen, timeout=settings.ISOGOV["VISIT_ONLINE_SECONDS"] + 60)
    _upsert(today, new_visitor)
    return True


def online_now() -> int:
    seen: set[str] = set()
    for found in cache.get_many(_online_buckets(time.time())).values():
        seen |= found
    return len(seen)


def figures() -> dict:
    """{"online", "today", "week", "total"}: distinct visitors (each counted once a day); views beside them."""
    today = timezone.localdate()
    key = f"{PREFIX}:figures:{today.isoformat()}"
    counts = cache.get(key)
    if counts is None:
        monday = today - dt.timedelta(days=today.weekday())
        counts = VisitDay.objects.aggregate(
            today=Sum("visitors", filter=Q(day=today), default=0),
            week=Sum("visitors", filter=Q(day__gte=monday, day__lte=today), default=0),
            total=Sum("visitors", default=0),
            views_today=Sum("views", filter=Q(day=today), default=0),
            views_total=Sum("views", default=0),
        )
        cache.set(key, counts, timeout=settings.ISOGOV["VISIT_STATS_CACHE_SECONDS"])
    return {**counts, "online": online_now()}
