"""The agency list must cost the same number of queries with 10 agencies as with 10,000."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.registry.models import Agency, Tier
from isogov.registry.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def make_agencies(n: int, parent: Agency) -> None:
    commune = Tier.objects.get(code="commune")
    Agency.objects.bulk_create(
        [CommuneFactory.build(number=i, tier=commune, parent=parent, mandatory=False) for i in range(n)],
        batch_size=2000,
    )


def count_queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("registry:agency_list"), params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "xa so"}, {"tier": "commune", "state": "building", "page": "3"}])
@pytest.mark.parametrize("who", ["admin", "alice"])
def test_agency_list_queries_do_not_grow(province, as_user, params, who):
    client = as_user(getattr(province, who))
    make_agencies(3, province.d842)
    small = count_queries(client, params)
    make_agencies_more = 10_000 - Agency.objects.count()
    Agency.objects.filter(code__startswith="X").delete()
    make_agencies(make_agencies_more + 3, province.d842)
    assert Agency.objects.count() == 10_000
    large = count_queries(client, params)
    assert small == large, f"{small} queries with a few agencies, {large} with 10,000"
    # And the page still shows 50 at most, with counts from aggregates.
    html = client.get(reverse("registry:agency_list"), params).content.decode()
    assert html.count("<tr>") <= 51


def test_agency_page_queries_do_not_grow_with_children(province, as_user):
    client = as_user(province.admin)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("registry:agency_detail", args=["842"]))
    make_agencies(300, province.d842)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("registry:agency_detail", args=["842"]))
    assert response.status_code == 200 and "Xã Số 299" in response.content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)
