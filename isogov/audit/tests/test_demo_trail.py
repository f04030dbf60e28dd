"""The demo's whole trail (the one issue 7 found broken: 500 on /audit/, an export cut at line 326) renders page
by page and exports in full, with every field labelled and every object named."""
import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

from isogov.audit.models import AuditEvent

URL = "/audit/"
PAGE = 500


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                 "OPTIONS": {"location": str(tmp_path_factory.mktemp("media"))}}}
    with django_db_blocker.unblock(), override_settings(STORAGES=storages):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with translation.override("vi"):
                call_command("demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def lead(demo, db, client, settings):
    from isogov.accounts.models import Role, User

    settings.ISOGOV = {**settings.ISOGOV, "AUDIT_PAGE_SIZE": PAGE}
    client.force_login(User.objects.filter(role=Role.PROVINCE_ADMIN).first(),
                       backend="django.contrib.auth.backends.ModelBackend")
    client.post(reverse("set_language"), {"language": "vi", "next": URL})
    return client


# Every page of the whole story's trail: on PostgreSQL each page of 500 took about 20 s in CI (02/12/2026), over an
# hour in all; the pages' rendering is the same on both databases and is checked on SQLite in every CI run. The
# trail list's speed on PostgreSQL at this size is left to the national-scale issue (14).
@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the whole demo trail page by page is too slow on PostgreSQL yet (issue 14)")
def test_every_page_of_the_demo_trail_renders_labelled_and_named(lead):
    total = AuditEvent.objects.count()
    assert total > 1000
    problems = set()
    for page in range(1, total // PAGE + 2):
        response = lead.get(URL, {"page": page})
        assert response.status_code == 200, page
        for row in response.context["rows"]:
            event = row["event"]
            for change in row["changes"]:
                if change["field"] == change["key"] or "_" in change["field"]:
                    problems.add(f"{event.object_type} {change['key']}: unlabelled")
                if "(since deleted)" in change["after"] + change["before"] or "đã bị xóa" in change["after"]:
                    problems.add(f"{event.object_type} {change['key']}: {change['after']}")
    assert not problems, "\n".join(sorted(problems))
    response = lead.get(URL, {"agency": AuditEvent.objects.exclude(agency=None).first().agency.code})
    assert response.status_code == 200


def test_the_demo_trail_exports_in_full(lead):
    response = lead.get(reverse("audit:event_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff"))))
    assert len(rows) - 1 == AuditEvent.objects.count()
