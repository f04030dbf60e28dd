"""Reports and dashboards read from a PostgreSQL read replica when one is configured (DATABASE_REPLICA_URL).

The province-wide pages are the heavy reads (docs/performance.md); a replica takes them off the primary, which
keeps the writes. A replica lags its primary by a moment, which a report of the year or a dashboard of the day can
bear; nothing that is about to be written is read there: only GET/HEAD requests of the views marked
`@reads_from_replica` read from it, and every write goes to the primary whatever the context. Without a replica
the router says nothing and Django uses `default`.
"""
import contextvars
import functools
from contextlib import contextmanager

from django.conf import settings

ALIAS = "replica"
_reading = contextvars.ContextVar("isogov_replica_reads", default=False)


def reading() -> bool:
    return _reading.get()


@contextmanager
def replica_reads():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_from_replica(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and ALIAS in settings.DATABASES:
            return ALIAS
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, one copy behind the other

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != ALIAS  # the replica follows the primary's schema through replication
