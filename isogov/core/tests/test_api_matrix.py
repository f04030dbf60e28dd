"""The REST API's access matrix, generated from its router: every endpoint and method, requested by every role on
the real objects of the route walk's world (world.py: 844's records, and 844's records under 842's code), answers
what the page it mirrors answers.

Each viewset names, per action, the page it mirrors (`pages`); a GET is compared with that page's own answer to the
same role, requested beside it; a write with what routes.ROUTES says the page's form does (the route walk holds the
pages to it). Anonymous callers get 401 where the page sends them to the login page. An endpoint that names no page,
or an API route outside the router and the two documentation routes, fails test_every_api_route_is_walked.
"""
import json
import re

import pytest
from django.db import transaction
from django.urls import reverse

from isogov.api_urls import router
from isogov.core.tests import routes
from isogov.core.tests.routes import ANONYMOUS, KINDS, ROUTES
from isogov.core.tests.test_every_agency_page import (  # noqa: F401 (fixtures)
    FOREIGN_MARK,
    baseline,
    clients,
    database,
    expected,
    quick_pdf,
    url_routes,
)
from isogov.core.tests.world import media_storage, world, world_media  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
WRITES = {"post", "put", "patch", "delete"}
DOCUMENTATION = {"api:schema", "api:docs"}


def endpoints() -> list[tuple]:
    """(route name, URL arguments, HTTP method, action, viewset) for every method of every route of the router."""
    found = []
    for prefix, viewset, basename in router.registry:
        for route in router.get_routes(viewset):
            lookup = viewset.lookup_url_kwarg or viewset.lookup_field or "pk"
            arguments = set(re.findall(r"\?P<(\w+)>", prefix)) | ({lookup} if "{lookup}" in route.url else set())
            for method, action in route.mapping.items():
                if hasattr(viewset, action):
                    found.append((f"api:{route.name.format(basename=basename)}", arguments, method, action, viewset))
    return found


ENDPOINTS = endpoints()


def test_every_api_route_is_walked():
    unmirrored = [(name, method) for name, _a, method, action, viewset in ENDPOINTS if action not in viewset.pages]
    assert not unmirrored, f"name in the viewset's `pages` the page these mirror: {unmirrored}"
    unknown = [(name, action, page) for name, _a, _m, action, viewset in ENDPOINTS
               if (page := viewset.pages.get(action)) not in ROUTES]
    assert not unknown, f"these pages are not in routes.ROUTES: {unknown}"
    walked = {name for name, *_rest in ENDPOINTS} | DOCUMENTATION
    outside = {n for n in url_routes() if n.startswith("api:")} - walked
    assert not outside, f"API routes outside the router's walk: {sorted(outside)}"


def _page_answer(client, url) -> str | int:
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    return "ok" if response.status_code in (200, 302) else response.status_code


def _wanted(page_answer) -> tuple:
    """What the API answers when the page answers `page_answer` (anonymous: 401, not a login page)."""
    if page_answer == "login":
        return (401,)
    if page_answer == "ok":
        return (200, 201, 400)  # a write sent {} is refused by validation, after the access check
    return page_answer if isinstance(page_answer, tuple) else (page_answer,)


def _request(client, method, url):
    if method == "get":
        return client.get(url, HTTP_ACCEPT="application/json")
    return getattr(client, method)(url, data=json.dumps({}), content_type="application/json")


@pytest.mark.parametrize("name,arguments,method,action,viewset", ENDPOINTS,
                         ids=[f"{e[0]}-{e[2]}" for e in ENDPOINTS])
def test_endpoint_answers_each_role_as_its_page(name, arguments, method, action, viewset, world, clients,
                                                 media_storage):
    page = viewset.pages[action]
    kind, cases_of = ROUTES[page]
    allowed = []
    for case in cases_of(world):
        missing = arguments - set(case.kwargs)
        assert not missing, f"{name}: the cases of {page} give no {missing}"
        api_url = reverse(name, kwargs={k: v for k, v in case.kwargs.items() if k in arguments})
        page_url = reverse(page, kwargs=case.kwargs)
        for role, client in clients.items():
            if method == "get":
                page_answer = _page_answer(client, page_url)
            else:
                page_answer = expected(kind, "post" if KINDS[kind][1] else "get", case, role)
            wanted = _wanted(page_answer)
            where = f"{role} {method.upper()} {api_url} mirroring {page} ({case.label or 'case'}): page {page_answer}"
            if method in WRITES and page_answer == "ok":
                allowed.append((role, client, api_url, wanted, where))
                continue
            response = _request(client, method, api_url)
            assert response.status_code in wanted, (where, response.status_code, response.content[:300])
            assert response["Content-Type"].startswith("application/json"), where
            if role in routes.OUTSIDERS:
                assert FOREIGN_MARK not in response.content, (where, "shows a record of 844")
    # Refused writes (and every read) changed nothing.
    assert database() == baseline(world), f"{name} {method}: a request changed the database or the audit trail"
    # Whoever may write is let through to the validation (their write is undone).
    for _role, client, api_url, wanted, where in allowed:
        with transaction.atomic():
            response = _request(client, method, api_url)
            transaction.set_rollback(True)
        assert response.status_code in wanted, (where, response.status_code, response.content[:300])


def test_documentation_needs_a_signed_in_caller(clients):
    assert clients[ANONYMOUS].get(reverse("api:schema")).status_code == 401
    assert clients[ANONYMOUS].get(reverse("api:docs")).status_code == 302
    for role in routes.SIGNED_IN:
        assert clients[role].get(reverse("api:schema")).status_code == 200, role
        assert clients[role].get(reverse("api:docs")).status_code == 200, role
