"""Every route of the URL configuration, walked by every role on real objects (world.py), GET and POST.

Each route is in routes.ROUTES with what its methods do and whom it hides its object from, so a route added
later fails test_every_route_is_walked until someone says who may see it. For each case:

- the anonymous visitor is sent to the login page;
- who may not know the object exists gets 404 (an object of 844 under 844's code, for 842's staff; an object
  of 844 under 842's code, for everybody), whatever the method;
- who may read but not change it gets 403 on a form or a button;
- nothing any refused request did is left in the database, the audit trail or the stored files, and no page
  shown to 842's staff mentions a record of 844;
- and those who may read it or change it are answered (the objects are real: a refusal cannot pass for a
  missing object). Their writes are rolled back.
"""
import io
import zipfile

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from isogov.core.tests import routes
from isogov.core.tests.routes import ANONYMOUS, KINDS, PUBLIC, ROUTES
from isogov.core.tests.world import marker, media_storage, world, world_media  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
FOREIGN_MARK = marker("844").encode()
# Rows these tables hold change with every request (sessions, lockout bookkeeping): not records of anyone's.
SKIPPED_TABLES = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
                  "axes.accessattemptexpiration", "contenttypes.contenttype", "auth.permission"}


def url_routes() -> dict[str, str]:
    """Every route of the URL configuration: its name (namespace:name), or its pattern when unnamed."""
    found = {}

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                found[f"{namespace}{p.name}" if p.name else prefix + str(p.pattern)] = prefix + str(p.pattern)

    walk(get_resolver().url_patterns)
    return found


def _bare(name: str) -> str:
    return name.rsplit(":", 1)[-1]


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """The walk asks who may read a document, not what LibreOffice makes of it (official's own tests do)."""
    monkeypatch.setattr("isogov.core.official.http.docx_to_pdf", lambda docx: b"%PDF-1.4\n%%EOF\n")


@pytest.fixture
def clients(world):
    users = {routes.LEAD: world.lead, routes.SECRETARY: world.bob, routes.HEAD: world.bob_head,
             routes.OUTSIDER_SECRETARY: world.alice, routes.OUTSIDER_HEAD: world.alice_head,
             routes.INSPECTOR: world.inspector, routes.VIEWER: world.viewer,
             routes.NATIONAL_VIEWER: world.national_viewer, routes.PROVINCE_VIEWER: world.viewer_844,
             routes.OUTSIDER_VIEWER: world.viewer_842}
    result = {ANONYMOUS: Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        result[role] = client
    return result


# --- what is left behind -----------------------------------------------------------------------------------


def database() -> dict:
    snapshot = {}
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED_TABLES:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        snapshot[model._meta.label_lower] = list(model._default_manager.order_by("pk").values_list(*fields))
    return snapshot


def baseline(world) -> dict:
    """Every test starts from the world as built (its own changes are rolled back): its picture, taken once."""
    if not hasattr(world, "database"):
        world.database = database()
    return world.database


def stored_files(root) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def restore_files(root, files: dict) -> None:
    for p in list(root.rglob("*")):
        if p.is_file() and str(p.relative_to(root)) not in files:
            p.unlink()
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)


def body(response) -> bytes:
    """What a reader gets: the page, the file, and what an XLSX or DOCX holds inside its zip."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            content += b"".join(package.read(name) for name in package.namelist())
    return content


# --- the walk ----------------------------------------------------------------------------------------------


def test_every_route_is_walked():
    declared = set(ROUTES) | PUBLIC
    # The REST API answers JSON (401 rather than the login page): its own matrix walks it (test_api_matrix.py).
    found = {n for n in url_routes() if not n.startswith("api:")}
    unwalked = {n for n in found - declared
                if _bare(n) not in PUBLIC and n.split(":")[0] not in routes.PUBLIC_NAMESPACES}
    assert not unwalked, f"say in routes.ROUTES who may see these routes: {sorted(unwalked)}"
    stale = set(ROUTES) - found
    assert not stale, f"routes.ROUTES names routes that no longer exist: {sorted(stale)}"


def expected(kind: str, method: str, case, role: str):
    """'login', 404, 405, 403 or 'ok' (answered: the request reaches the page or the form)."""
    meaning = KINDS[kind][0 if method == "get" else 1]
    if role == ANONYMOUS:
        return "login"
    if meaning is None:
        return 405
    if role in case.hidden:
        return (403, 404) if meaning == "write" and role in case.refused_before_lookup else 404
    allowed = case.read if meaning == "read" else case.write
    return "ok" if role in allowed else 403


def check(response, want, role, url, method, case) -> None:
    got = response.status_code
    where = f"{role} {method.upper()} {url} ({case.label or 'case'})"
    if want == "login":
        assert got == 302 and response["Location"].startswith(reverse("login")), (where, got)
    elif want == "ok":
        assert got not in (403, 404, 405) and got < 500, (where, got)
        if method == "get":
            assert got in case.get_ok, (where, got)
    elif isinstance(want, tuple):
        assert got in want, (where, got, want)
    else:
        assert got == want, (where, got, want)
    if role in routes.OUTSIDERS:
        assert FOREIGN_MARK not in body(response), (where, "shows a record of 844")


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_refuses_whoever_may_not_see_or_change(name, world, clients, media_storage):
    kind, cases_of = ROUTES[name]
    writers = []
    for case in cases_of(world):
        url = reverse(name, kwargs=case.kwargs)
        for role, client in clients.items():
            for method in ("get", "post"):
                want = expected(kind, method, case, role)
                if want == "ok" and method == "post":
                    writers.append((role, url, case))
                    continue
                response = getattr(client, method)(url)
                check(response, want, role, url, method, case)
    # Refused requests (and the readers' GETs) changed nothing.
    assert database() == baseline(world), f"{name}: a request changed the database or the audit trail"
    assert stored_files(media_storage) == world.files, f"{name}: a request changed the stored files"
    # In each case one who may change it is answered (the agency's own secretary when she may): the object is
    # real and the route reaches it. What she did is undone for the next route.
    first = {}
    for role, url, case in sorted(writers, key=lambda w: w[0] != routes.SECRETARY):
        first.setdefault(url, (role, case))
    for url, (role, case) in first.items():
        with transaction.atomic():
            response = clients[role].post(url, case.extra)
            transaction.set_rollback(True)
        restore_files(media_storage, world.files)
        check(response, "ok", role, url, "post", case)


def test_the_world_holds_every_model(world):
    """The walk is only as good as its objects: a model with no row in the world is walked by nobody."""
    empty = [m._meta.label for m in apps.get_models()
             if m._meta.app_label in {"accounts", "audit"} | {a.split(".")[-1] for a in _isogov_apps()}
             and not m._default_manager.exists()]
    assert not empty, f"build one of each in world.py: {empty}"


def _isogov_apps() -> list[str]:
    from django.conf import settings

    return [a for a in settings.INSTALLED_APPS if a.startswith("isogov.")]


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_route_answers_everyone(name, clients):
    routes_by_name = {_bare(n): (n, pattern) for n, pattern in url_routes().items()}
    if name not in routes_by_name:
        pytest.skip(f"no route {name!r} in this configuration")
    route, pattern = routes_by_name[name]
    path = reverse(route) if route else "/" + pattern
    for role, client in clients.items():
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code < 500, (role, method, path, response.status_code)
