"""Issue 7: every service that writes the audit trail runs once; then the trail renders in Vietnamese and English,
its export holds every event, no related object shows as a raw id nor a file as its storage path, no field goes
by its English name in Vietnamese, and the page costs the same queries whatever the trail's length."""
import ast
import csv
import importlib
import io
import re
import sys

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.audit import presentation
from isogov.audit import services as audit_services
from isogov.audit.keys import TEXT
from isogov.audit.models import AuditEvent
from isogov.audit.tests.every_service import WRITERS, run_every_service

pytestmark = pytest.mark.django_db
URL = "/audit/"
AUDIT_CALLS = {"audit_record", "audit_record_many"}
# Labels that read the same in both languages.
SAME_IN_BOTH = {"Email", "ID"}


def _writers_in_source() -> dict[str, set[str]]:
    """{module: its top-level functions that call the audit trail}, read from the source."""
    found = {}
    for name in WRITERS:
        module = importlib.import_module(f"isogov.{name}")
        tree = ast.parse(open(module.__file__, encoding="utf-8").read())
        found[name] = {
            node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and any(isinstance(c, ast.Call) and getattr(c.func, "id", None) in AUDIT_CALLS for c in ast.walk(node))}
    return found


@pytest.fixture
def calls(monkeypatch):
    """(module, top-level function) of every writer that reached the trail."""
    seen = set()
    real = audit_services._event

    def spy(actor, entry, at):
        frame = sys._getframe(1)
        while frame is not None:
            module = frame.f_globals.get("__name__", "").removeprefix("isogov.")
            if module in WRITERS:
                seen.add((module, frame.f_code.co_qualname.split(".")[0]))
            frame = frame.f_back
        return real(actor, entry, at)

    monkeypatch.setattr(audit_services, "_event", spy)
    return seen


@pytest.fixture
def trail(province, iso2015, settings, calls):
    settings.ISOGOV = {**settings.ISOGOV, "AUDIT_PAGE_SIZE": 5000}  # the whole trail on one page
    return run_every_service(province)


def _in(client, language: str):
    client.post(reverse("set_language"), {"language": language, "next": URL})
    return client


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff"))))


def test_every_service_that_writes_the_trail_has_run(trail, calls):
    assert set(_writers_in_source()) == set(WRITERS)
    for module, functions in _writers_in_source().items():
        missed = {f for f in functions if (module, f) not in calls}
        assert not missed, f"{module}: {sorted(missed)} not run by every_service.run_every_service"


def _rows_by_event(response) -> dict[int, list[dict]]:
    return {row["event"].pk: row["changes"] for row in response.context["rows"]}


def test_the_trail_renders_every_event_in_both_languages(province, client, trail):
    client.force_login(province.admin, backend="django.contrib.auth.backends.ModelBackend")
    total = AuditEvent.objects.count()
    assert total > 150
    pages = {}
    for language in ("vi", "en"):
        _in(client, language)
        for params in ({}, {"agency": "842"}, {"agency": "842", "units": "on"}):
            response = client.get(URL, params)
            assert response.status_code == 200, (language, params)
            assert f'lang="{language}"' in response.content.decode()
        response = client.get(URL)
        assert len(response.context["rows"]) == total
        pages[language] = _rows_by_event(response)
        rows = _csv(client.get(reverse("audit:event_export")))
        assert len(rows) - 1 == total
        rows = _csv(client.get(reverse("audit:event_export"), {"agency": "842"}))
        assert len(rows) - 1 == AuditEvent.objects.filter(agency=province.d842).count()

    events = {e.pk: e for e in AuditEvent.objects.all()}
    problems = []
    for pk, rows in pages["vi"].items():
        event = events[pk]
        english = {r["key"]: r["field"] for r in pages["en"][pk]}
        for row in rows:
            key, where = row["key"], f"{event.object_type} {row['key']}"
            info = presentation.key_info(event.object_type, key)
            if row["field"] == english[key] and row["field"] not in SAME_IN_BOTH:
                problems.append(f"{where}: label {row['field']!r} is not translated")
            if row["field"] == key or "_" in row["field"]:
                problems.append(f"{where}: label {row['field']!r} is the key itself")
            for value in (row["before"], row["after"]):
                if "(since deleted)" in value or "đã bị xóa" in value:
                    problems.append(f"{where}: {value!r} lost its name")
                if info.ref is not TEXT and re.fullmatch(r"[\d, —]*\d[\d, —]*", value):
                    problems.append(f"{where}: {value!r} is a raw id or code")
                if isinstance(info.field, models.FileField) and "/" in value:
                    problems.append(f"{where}: {value!r} is a storage path")
    assert not problems, "\n".join(sorted(set(problems)))


def test_deleted_objects_and_files_keep_their_names(province, client, trail):
    client.force_login(province.admin, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(URL, {"agency": "842", "object_type": "risks.riskaction", "action": "delete"}).content.decode()
    assert "Số hóa hồ sơ" in html  # the risk the action belonged to, deleted with it
    html = client.get(URL, {"object_type": "events.material"}).content.decode()
    assert "Tài liệu hội nghị.pdf" in html and not re.search(r"events/\d+/", html)
    html = client.get(URL, {"object_type": "documents.version"}).content.decode()
    assert "Quy trình v1 sửa.pdf" in html and "documents/842" not in html
    html = client.get(URL, {"object_type": "programme.plan"}).content.decode()
    assert "Quyết định kế hoạch đã ký.pdf" in html and "programme/decisions" not in html
    assert "Sở Khoa học và Công nghệ" in html  # the lead unit, not its id


def test_the_page_costs_the_same_for_a_longer_trail(province, client, trail):
    client.force_login(province.admin, backend="django.contrib.auth.backends.ModelBackend")
    client.get(URL)  # the session's language and the clause library are settled before counting

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    small = count()
    events = list(AuditEvent.objects.all())
    for _copy in range(3):
        for event in events:
            event.pk = None
        AuditEvent.objects.bulk_create(events)
    assert AuditEvent.objects.count() == 4 * len(events)
    assert count() == small
    with CaptureQueriesContext(connection) as queries:
        rows = _csv(client.get(reverse("audit:event_export")))
    assert len(rows) - 1 == 4 * len(events)
    # One query per kind of object named, per chunk of the export; never one per event.
    assert len(queries) < len(events) / 4
