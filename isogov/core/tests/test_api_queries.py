"""An API list costs the same queries whatever its length: related rows are joined or prefetched, as on the pages."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isogov.capa.tests.factories import NonconformityFactory
from isogov.conftest import login
from isogov.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


@pytest.mark.parametrize("path,make", [
    ("documents", lambda p, n: DocumentFactory(agency=p.d842, actor=p.alice, code=f"QT-{n:02}")),
    ("nonconformities", lambda p, n: NonconformityFactory(agency=p.d842, actor=p.alice)),
])
def test_a_list_costs_the_same_queries_for_two_rows_as_for_eight(client, province, path, make):
    login(client, province.alice)
    url = f"/api/v1/agencies/842/{path}/"
    for n in range(2):
        make(province, n)
    small = queries(client, url)
    for n in range(2, 8):
        make(province, n)
    assert queries(client, url) == small
