"""With DATABASE_REPLICA_URL, the dashboards' and reports' GETs read from the `replica` alias; every write, and
every other page, uses the primary (isogov/core/replica.py)."""
from types import SimpleNamespace

import pytest
from django.urls import reverse

from isogov.core import replica
from isogov.registry.models import Agency


def test_the_router_sends_reads_to_the_replica_only_inside_a_marked_view_and_only_when_there_is_one(monkeypatch):
    router = replica.ReplicaRouter()
    monkeypatch.setattr(replica, "settings", SimpleNamespace(DATABASES={"default": {}, "replica": {}}))
    assert router.db_for_read(Agency) is None
    with replica.replica_reads():
        assert router.db_for_read(Agency) == "replica"
        assert router.db_for_write(Agency) == "default"
    monkeypatch.setattr(replica, "settings", SimpleNamespace(DATABASES={"default": {}}))
    with replica.replica_reads():
        assert router.db_for_read(Agency) is None  # no replica configured: the primary
    assert router.allow_migrate("replica", "registry") is False and router.allow_migrate("default", "registry")


@pytest.fixture
def reads(monkeypatch):
    """Whether each read of a request was routed in the replica's context (the alias itself is not opened)."""
    seen = []
    monkeypatch.setattr(replica.ReplicaRouter, "db_for_read", lambda self, model, **hints: seen.append(
        replica.reading()))
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("name, args, expected", [
    ("dashboard:province", [], True),
    ("reports:province", [2025], True),
    ("registry:agency_list", [], False),
])
def test_only_the_dashboards_and_reports_read_from_the_replica(province, as_user, reads, name, args, expected):
    client = as_user(province.admin)
    reads.clear()
    assert client.get(reverse(name, args=args)).status_code == 200
    # The session and the user are read before the view, from the primary; the page's own reads follow the mark.
    assert (True in reads) is expected and False in reads
