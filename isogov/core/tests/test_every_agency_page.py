"""Every URL that names an agency refuses a user of another agency, for every method it accepts.

The routes are read from the URL configuration itself, so a page added later is covered without
anyone remembering to add it here.
"""
import pytest
from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

from isogov.audit.models import AuditEvent
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def agency_routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return sorted(r for r in walk(get_resolver().url_patterns) if "<str:code>" in r)


def fill(route: str, code: str) -> str:
    path = route.replace("<str:code>", code).replace("<str:procedure_code>", "1.001193").replace("<int:pk>", "1")
    return "/" + path


def snapshot():
    return (list(Agency.objects.order_by("code").values()), AuditEvent.objects.count())


def test_there_are_agency_routes_to_check():
    routes = agency_routes()
    assert len(routes) >= 8, routes  # detail, edit, merge, transition, facts, announce, scope, file…


@pytest.mark.parametrize("route", agency_routes())
def test_outsider_is_refused_on_every_agency_route(province, as_user, route):
    before = snapshot()
    for outsider in (province.bob, province.charlie):
        client = as_user(outsider)
        for code in ("842", "29242"):
            url = fill(route, code)
            got = client.get(url).status_code
            posted = client.post(url, {"to_state": "building", "email": "x@y.vn"}).status_code
            # 405 only where the route refuses that method for everyone, so it reveals nothing.
            assert got == 404 or (got == 405 and posted == 404), (outsider, url, got)
            assert posted == 404 or (posted == 405 and got == 404), (outsider, url, posted)
    assert snapshot() == before


@pytest.mark.parametrize("route", agency_routes())
def test_read_only_roles_change_nothing(province, as_user, route):
    before = snapshot()
    for reader in (province.viewer, province.inspector):
        client = as_user(reader)
        response = client.post(fill(route, "842"), {"to_state": "building", "email": "x@y.vn",
                                                    "kind": "internal_audit", "date": "01/02/2020"})
        assert response.status_code in (403, 404, 405), (reader, route, response.status_code)
    assert snapshot() == before
