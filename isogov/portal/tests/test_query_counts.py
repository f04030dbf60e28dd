"""The public pages cost the same number of queries with one announced agency and news item as with several."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.portal.tests.factories import NewsFactory
from isogov.qms.tests.helpers import announce, procedure, walk_to_confirmed
from isogov.registry.services import agency_update

pytestmark = pytest.mark.django_db
BROWSER = {"user-agent": "Mozilla/5.0 Firefox/128.0"}


def _announce(province, agency, number):
    if not agency.iso_secretary:
        agency = agency_update(actor=province.admin, agency=agency, iso_secretary="Thư ký")
    walk_to_confirmed(agency, secretary=province.admin, head=province.admin)
    return announce(agency, province.admin, number=number)


def _costs(province) -> dict[str, int]:
    client, costs = Client(), {}
    urls = [reverse("public:home"), reverse("public:agency_list"), reverse("public:news_list"),
            reverse("public:agency_detail", args=["842"]), reverse("public:news_detail", args=[province.first_news.pk])]
    for url in urls:
        cache.clear()  # every page pays for the figures' aggregate, as after the minute's cache runs out
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers=BROWSER).status_code == 200
        costs[url] = len(queries)
    return costs


def test_public_pages_cost_the_same_whatever_the_data(province):
    _announce(province, province.d842, "1/QĐ-UBND")
    province.first_news = NewsFactory(actor=province.admin, publish=True)
    small = _costs(province)
    for n, agency in enumerate([province.d844, province.stp, province.c29242, province.c29245], start=2):
        _announce(province, agency, f"{n}/QĐ-UBND")
    procedure(code="1.000001", name="Thủ tục thêm")
    for _ in range(30):
        NewsFactory(actor=province.admin, publish=True)
    assert _costs(province) == small
