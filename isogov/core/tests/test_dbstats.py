"""The planner's statistics are kept: SQLite never gathers them by itself (isogov/core/dbstats.py)."""
import pytest
from django.db import connection

from isogov.core import dbstats
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def _stat_rows() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl || '.' || coalesce(idx, ''), stat FROM sqlite_stat1")
        return dict(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's; PostgreSQL analyses itself")
def test_migrations_leave_statistics_and_a_refresh_follows_the_rows(province):
    # The test database was migrated: post_migrate ran ANALYZE, so SQLite's table of statistics exists.
    before = _stat_rows()
    assert before
    dbstats.refresh()
    after = _stat_rows()
    counted = {k: v for k, v in after.items() if k.startswith("registry_agency.")}
    # The first number of a table's line is its row count: the fixture's agencies are counted now.
    assert counted and all(int(v.split()[0]) == Agency.objects.count() for v in counted.values()), counted


def test_a_refresh_runs_on_either_database():
    assert dbstats.refresh() >= 0
