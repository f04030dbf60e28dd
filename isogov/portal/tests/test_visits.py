"""The visit counter: page views and distinct visitors per day, online now, this week and total; no column
that could hold a person's address, browser or cookie; the same queries for the first and the 1000th visit;
bots not counted."""
import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from isogov.portal import visits
from isogov.portal.models import VisitDay

pytestmark = pytest.mark.django_db
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def forget_figures():
    cache.delete(f"{visits.PREFIX}:figures:{timezone.localdate().isoformat()}")


def visit(client, ip="203.0.113.5", agent=FIREFOX, url=None):
    return client.get(url or reverse("public:home"), REMOTE_ADDR=ip, headers={"user-agent": agent})


def test_counts_views_and_distinct_visitors_per_day(client, province):
    visit(client)
    visit(client)  # the same person again: a view, not a visitor
    visit(client, url=reverse("public:news_list"))
    visit(client, agent=PHONE)  # another device behind the same address
    visit(client, ip="198.51.100.7")
    visit(client, agent="Googlebot/2.1 (+http://www.google.com/bot.html)")  # not counted
    visit(client, agent="")  # a script that names nothing: not counted
    day = VisitDay.objects.get()
    assert (day.day, day.views, day.visitors) == (timezone.localdate(), 5, 3)
    forget_figures()
    assert visits.figures() == {"online": 3, "today": 3, "week": 3, "total": 3, "views_today": 5,
                                     "views_total": 5}


def test_week_and_total_add_up_the_days(province, client):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    VisitDay.objects.create(day=monday - dt.timedelta(days=1), views=100, visitors=40)  # last Sunday
    VisitDay.objects.create(day=monday - dt.timedelta(days=400), views=9000, visitors=2000)
    if today != monday:
        VisitDay.objects.create(day=monday, views=30, visitors=12)
    visit(client)
    forget_figures()
    figures = visits.figures()
    week = 1 + (12 if today != monday else 0)
    assert (figures["today"], figures["week"], figures["total"]) == (1, week, 1 + 40 + 2000 + (week - 1))
    # The footer shows them.
    page = visit(client, ip="198.51.100.9").content.decode()
    assert f"<dd>{figures['total']}</dd>" in page


def test_a_new_day_has_a_new_salt_so_yesterdays_visitor_cannot_be_recognised(rf):
    request = rf.get("/public/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT=FIREFOX)
    today = timezone.localdate()
    first, again = visits.visitor_hash(request, today), visits.visitor_hash(request, today)
    tomorrow = visits.visitor_hash(request, today + dt.timedelta(days=1))
    assert first == again and first != tomorrow
    assert "203.0.113.5" not in first and len(first) == 32


def test_no_column_can_hold_personal_data():
    fields = {f.name: type(f) for f in VisitDay._meta.get_fields()}
    assert fields == {"id": models.BigAutoField, "day": models.DateField, "views": models.PositiveIntegerField,
                      "visitors": models.PositiveIntegerField}


def test_the_first_and_the_thousandth_visit_cost_the_same_queries(province):
    client = Client()
    visit(client, ip="192.0.2.250")  # the templates and the salt are warm
    VisitDay.objects.all().delete()
    forget_figures()
    # The day's first visit (its row does not exist yet) after the figures' cache has expired: the upsert and
    # the aggregate, plus what the page itself reads.
    with CaptureQueriesContext(connection) as first:
        visit(client, ip="192.0.2.1")
    for n in range(2, 1000):
        visit(client, ip=f"10.0.{n // 250}.{n % 250}")
    forget_figures()
    with CaptureQueriesContext(connection) as thousandth:
        visit(client, ip="192.0.2.2")
    assert len(first) == len(thousandth), ([q["sql"] for q in first], [q["sql"] for q in thousandth])
    writes = [q["sql"] for q in thousandth if "visitday" in q["sql"].lower()]
    # The visit's one upsert, then the figures' one aggregate for the footer.
    assert [sql.split()[0] for sql in writes] == ["INSERT", "SELECT"]
    day = VisitDay.objects.get()
    assert (day.views, day.visitors) == (1000, 1000)
    # Within the minute the figures come from the cache: one statement, the upsert.
    with CaptureQueriesContext(connection) as cached:
        visit(client, ip="192.0.2.3")
    assert len([q for q in cached if "visitday" in q["sql"].lower()]) == 1
