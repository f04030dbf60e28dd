"""Long jobs in a real browser, as `make run` serves them: `isogov runserver` and `isogov worker` as two processes
on a copy of the test database (isogov/jobs/tests/worker_process.py; Django's live server, a thread sharing the
suite's in-memory SQLite, cannot share it with a worker). A 10,000-row agency import runs in the background and its
progress bar moves to 100%; the demo's audit trail exports in full, as many rows as events the user may read.

Each test prints the time from enqueue to done (`pytest -s` shows it)."""
import csv
import datetime as dt
import importlib.util
import io
import json
import random
import re
import socket
import time
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from isogov.accounts import access
from isogov.accounts.models import Role, User
from isogov.audit.models import AuditEvent
from isogov.clauses.loader import BUILTIN_DIR, load_framework
from isogov.clauses.models import Framework
from isogov.conftest import PASSWORD, password_hash
from isogov.demo.catalogue import password_for
from isogov.demo.services import load_demo
from isogov.jobs.tests.worker_process import Database, environment, start, stop, wait_for
from isogov.registry.models import AgencyKind, Tier
from isogov.registry.services import agency_create
from isogov.registry.tiers import load_preset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BENCH = Path(__file__).resolve().parents[2] / "bench" / "import_10k.py"


SERVER = "import sys; from isogov.cli import main; sys.exit(main(['isogov', 'runserver', '--noreload', sys.argv[1]]))"


@pytest.fixture
def served(tmp_path):
    """Call it once the data is in: the web server and a worker start on a copy of it; its URL comes back."""
    processes = []

    def serve():
        database = Database(tmp_path)
        env = environment(tmp_path, database, DEBUG="0")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = tmp_path / "served.log"
        processes.append(start(env, log, SERVER, f"127.0.0.1:{port}"))
        processes.append(start(env, log))  # the worker

        def answers():
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                return False

        wait_for(answers, timeout=120, what="the web server", log=log)
        return f"http://127.0.0.1:{port}", database

    yield serve
    for process in processes:
        stop(process)


def _job(database, kind: str) -> dict:
    status, result, created, finished = database.query(
        "SELECT status, result, created_at, finished_at FROM jobs_job WHERE kind = ?", (kind,))[0]
    when = [dt.datetime.fromisoformat(v) if isinstance(v, str) else v for v in (created, finished)]
    return {"status": status, "result": json.loads(result) if isinstance(result, str) else result,
            "seconds": (when[1] - when[0]).total_seconds()}


def _tiers():
    if not Tier.objects.exists():  # a transactional test before this one flushed the migration's data
        load_preset(Tier, "three-tier")


def _log_in(page, base, username, password):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def _follow_bar(page, timeout: float) -> list[int]:
    """The progress bar's values as the page polls, until it shows 100."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = int(float(page.get_attribute("[data-testid=job-progress]", "value")))
        if not seen or seen[-1] != value:
            seen.append(value)
        if value == 100:
            return seen
        time.sleep(0.1)
    raise AssertionError(f"the bar stopped at {seen}")


def _bench():
    spec = importlib.util.spec_from_file_location("import_10k", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_10000_row_import_runs_in_the_background_and_its_bar_reaches_100(served, page):
    _tiers()
    lead_agency = agency_create(actor=None, code="SKHCN", name="Sở Khoa học và Công nghệ",
                                tier=Tier.objects.get(code="province"), kind=AgencyKind.DEPARTMENT)
    User.objects.create(username="lead", password=password_hash(), role=Role.PROVINCE_ADMIN, agency=lead_agency)
    bench = _bench()
    data = bench.workbook(bench.province_rows(random.Random(2026)))

    url, database = served()
    _log_in(page, url, "lead", PASSWORD)
    page.goto(f"{url}/agencies/import/")
    page.set_input_files("input[type=file]", files=[{
        "name": "don-vi.xlsx", "buffer": data,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("[data-testid=count-new]")).to_have_text("10000", timeout=120_000)  # the preview
    page.click("button[name=confirm]")
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]+/$"))
    seen = _follow_bar(page, timeout=300)
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done")

    job = _job(database, "registry.import")
    assert job["status"] == "done" and job["result"]["new"] == 10_000
    assert database.query("SELECT COUNT(*) FROM registry_agency")[0][0] == 10_001
    assert any(0 < value < 100 for value in seen), seen  # the bar moved between the ends
    print(f"\n10,000-row import: enqueue to done {job['seconds']:.1f} s; bar values seen {seen}")


@pytest.fixture
def demo():
    _tiers()
    if not Framework.objects.filter(code="iso9001-2015").exists():
        load_framework(BUILTIN_DIR / "iso9001-2015.json")
    load_demo()


# On PostgreSQL each batch of the scoped export query took over 20 s on the demo's 35,000 events (CI, 02/12/2026):
# the export's batching is yet to be fitted to PostgreSQL's plans (issue 11, left open). The same browser flow runs
# on SQLite in every CI run; the export job's scope and completeness are tested on both databases
# (isogov/audit/tests/test_export_job.py).
@pytest.mark.skipif(connection.vendor == "postgresql",
                    reason="the demo-size audit export is too slow on PostgreSQL yet (issue 11, left open)")
@pytest.mark.parametrize("username", ["lead", "secretary"])
def test_the_demo_audit_trail_export_downloads_complete(served, page, demo, username):
    user = User.objects.get(username=username)
    may_read = AuditEvent.objects.filter(access.audit_scope_q(user)).count()
    url, database = served()
    _log_in(page, url, username, password_for(username))
    page.goto(f"{url}/audit/")
    page.click("[data-testid=export]")
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]+/$"))
    _follow_bar(page, timeout=300)
    with page.expect_download() as download:
        page.click("[data-testid=job-download]")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) - 1 == may_read > 0
    job = _job(database, "audit.export")
    assert job["result"] == {"events": may_read}
    print(f"\naudit-trail export of the demo as {username}: {may_read} events, enqueue to done {job['seconds']:.1f} s")
