"""Keep the database's planner statistics current.

SQLite has no automatic ANALYZE: without statistics its planner guesses, and some of isogov's queries (the
nonconformities with overdue actions, an EXISTS over two joins) went from 0.08 s to 83 s at 10,000 agencies
(issue 14). PostgreSQL's autovacuum analyses by itself, but only after enough rows change; a bulk import or the
demo is worth an ANALYZE at once. It runs after migrations, after the demo and an agency import, and with the
daily reminders.
"""
import logging
import time

from django.db import connections

log = logging.getLogger(__name__)


def refresh(using: str = "default") -> float:
    """ANALYZE the whole database; the seconds it took (a few tens of ms for the demo, seconds at 10,000)."""
    started = time.monotonic()
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
    took = time.monotonic() - started
    log.info("database statistics refreshed in %.2f s", took)
    return took


def after_migrate(sender, using="default", **kwargs) -> None:
    # post_migrate is sent once per app (and after each flush of a test database); the core app's is enough,
    # and on SQLite only: PostgreSQL's autovacuum analyses new and changed tables by itself.
    if sender.name == "isogov.core" and connections[using].vendor == "sqlite":
        refresh(using)
