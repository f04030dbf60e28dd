"""The dashboard page and its drill-down: every number that links to agencies lists exactly that many, each reader
sees only the agencies they may read, and the page costs the same queries at 100 and at 10,000 agencies."""
import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from isogov.dashboard.tests import world
from isogov.registry.models import Agency
from isogov.registry.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:province")
LINK = re.compile(r'<a href="(/dashboard/agencies/\?[^"]+)"[^>]*>\s*(\d+)\s*</a>')


def links(page: str) -> list[tuple[str, int]]:
    return [(html.unescape(href), int(n)) for href, n in LINK.findall(page)]


def total_behind(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200, href
    total = int(re.search(r'data-testid="total">(\d+)<', response.content.decode()).group(1))
    assert len(response.context["page"].object_list) == total  # one page here: every agency counted is listed
    return total


def test_every_count_lists_as_many_agencies(province, as_user):
    world.build(province)
    client = as_user(province.admin)
    page = client.get(URL, {"as_of": "31/12/2020"}).content.decode()
    found = links(page)
    assert len({href for href, _n in found}) >= 40  # every column of both tables, per tier and in total
    for href, n in found:
        assert "as_of=2020-12-31" in href
        assert total_behind(client, href) == n, href


def test_the_table_shows_the_hand_worked_figures(province, as_user):
    world.build(province)
    page = as_user(province.viewer).get(URL, {"as_of": "31/12/2020"}).content.decode()
    row = re.search(r'<tr data-tier="total">(.*?)</tr>', page, re.S).group(1)
    assert [int(n) for n in re.findall(r">(\d+)</a>", row)] == [6, 4, 3, 2, 1, 2]
    assert re.search(r'data-figure="announced_must">50[.,]0<', row)


def test_an_agency_user_sees_only_her_scope(province, as_user):
    world.build(province)
    client = as_user(province.alice)  # district 842 and its communes
    page = client.get(URL, {"as_of": "31/12/2020"}).content.decode()
    assert "Only the agencies you may read are counted." in page
    row = re.search(r'<tr data-tier="total">(.*?)</tr>', page, re.S).group(1)
    assert [int(n) for n in re.findall(r">(\d+)</a>", row)][:3] == [3, 1, 2]  # 842, 29242, 29245; 842 must apply
    listed = client.get(reverse("dashboard:agencies"), {"figure": "agencies", "as_of": "2020-12-31"})
    assert [a.code for a in listed.context["page"]] == ["842", "29242", "29245"]
    other = client.get(reverse("dashboard:agencies"), {"figure": "legal_overdue", "as_of": "2020-12-31"})
    assert other.context["total"] == 0  # STP's overdue legal text is not hers to see


def test_bad_requests(province, as_user, client):
    assert client.get(URL).status_code == 302  # to the login page
    c = as_user(province.viewer)
    assert c.get(reverse("dashboard:agencies"), {"figure": "nope"}).status_code == 404
    assert c.get(reverse("dashboard:agencies"), {"figure": "agencies", "tier": "nope"}).status_code == 404
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    future = c.get(URL, {"as_of": tomorrow.strftime("%d/%m/%Y")})
    assert future.status_code == 400 and "later facts are not known yet" in future.content.decode()
    assert c.get(URL, {"as_of": "32/13/2020"}).status_code == 400


def test_year_shortcut_and_vietnamese(province, as_user, vietnamese):
    world.build(province)
    response = as_user(province.admin).get(URL, {"year": "2020"})
    assert response.context["as_of"] == world.AS_OF
    assert "31/12/2020" in response.content.decode()


def test_no_inline_script_and_chart_data_block(province, as_user):
    page = as_user(province.admin).get(URL).content.decode()
    assert '<script id="dashboard-charts" type="application/json">' in page
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all("src=" in s or 'type="application/json"' in s for s in scripts)
    assert "dashboard/vendor/chart-4.6.1.umd.min.js" in page


def _queries(client, url, data) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data).status_code == 200
    return len(ctx)


def test_same_queries_at_100_and_10000_agencies(province, as_user):
    world.build(province)
    tier = province.tiers["commune"]
    client = as_user(province.admin)

    def grow_to(n):
        missing = n - Agency.objects.count()
        start = Agency.objects.count()
        Agency.objects.bulk_create([CommuneFactory.build(number=start + i, tier=tier, parent=province.d842)
                                    for i in range(missing)], batch_size=2000)

    drill = reverse("dashboard:agencies")
    grow_to(100)
    small = (_queries(client, URL, {"as_of": "31/12/2020"}), _queries(client, drill, {"figure": "agencies"}))
    grow_to(10_000)
    large = (_queries(client, URL, {"as_of": "31/12/2020"}), _queries(client, drill, {"figure": "agencies"}))
    assert small == large


def test_the_agencies_behind_a_figure_come_in_pages(province, as_user, settings):
    settings.ISOGOV = {**settings.ISOGOV, "AGENCY_PAGE_SIZE": 2}
    world.build(province)
    client = as_user(province.admin)
    url = reverse("dashboard:agencies")
    first = client.get(url, {"figure": "agencies", "as_of": "2020-12-31"})
    last = client.get(url, {"figure": "agencies", "as_of": "2020-12-31", "page": 3})
    codes = [a.code for a in first.context["page"]] + [a.code for a in client.get(
        url, {"figure": "agencies", "as_of": "2020-12-31", "page": 2}).context["page"]] + [
        a.code for a in last.context["page"]]
    assert codes == ["SKHCN", "STP", "842", "844", "29242", "29245"]  # tier by tier, then by place in the tree
    assert 'figure=agencies&amp;as_of=2020-12-31&amp;page=2' in last.content.decode()  # the pager keeps the figure
