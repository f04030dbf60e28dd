"""Every import killed half-way (SIGKILL of the process running it, in the middle of its transaction, after it
has written rows and audit events) leaves nothing behind: every table holds the rows it held before, the audit
trail included, and no file is left in the uploaded files' folder or the temporary folder.

The imports: agencies (`isogov import-agencies`), a session's trainees (`isogov import-attendance`), the
one-stop-shop on-time rates of an objective (its service, which the upload page calls), and the agency import as
a background job run by `isogov worker` (killed in its final transaction; the restarted worker then does it once).
"""
import signal
from pathlib import Path

import pytest
from django.db import transaction

from isogov.jobs.tests.worker_process import WORKER, Database, environment, start, stop, wait_for
from isogov.registry.tests.import_helpers import csv_bytes
from isogov.registry.tests.test_import import ROWS as AGENCY_ROWS

# Run in the child before its import: the audit trail's writers, once they have written their rows inside the
# import's transaction for the Nth time, say so (a marker file) and hang until killed.
FREEZE = """
import os, sys, time, django
django.setup()
import isogov.audit.services as trail
marker, after = os.environ["FREEZE_MARKER"], int(os.environ["FREEZE_AFTER"])
calls = [0]
def frozen(real):
    def write(*args, **kwargs):
        out = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] >= after:
            open(marker, "w").write(str(calls[0]))
            time.sleep(600)
        return out
    return write
def patch_all():
    for name in ("audit_record", "audit_record_many"):
        real = getattr(trail, name)
        wrapped = frozen(real)
        setattr(trail, name, wrapped)  # for modules imported later
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("isogov") and getattr(module, name, None) is real:
                setattr(module, name, wrapped)
"""


def everything(database: Database) -> dict:
    """Every table's rows, in a stable order (the audit trail among them)."""
    tables = [name for (name,) in database.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'" if database.path else
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    return {t: sorted(database.query(f'SELECT * FROM "{t}"'), key=repr) for t in sorted(tables)}


def files(*roots: Path) -> set[str]:
    return {str(p) for root in roots if root.exists() for p in root.rglob("*") if p.is_file()}


def killed(tmp_path: Path, code: str, *, after: int, extra_env: dict | None = None, queue: tuple = ()) -> Database:
    """Run `code` in a child process on a copy of the test database; SIGKILL it once frozen mid-import. The
    `queue`'s tables (a job's claim) may change; every other table must not."""
    database = Database(tmp_path)
    marker = tmp_path / "frozen"
    env = environment(tmp_path, database, FREEZE_MARKER=str(marker), FREEZE_AFTER=str(after),
                      TMPDIR=str(tmp_path / "tmp"), **(extra_env or {}))
    (tmp_path / "tmp").mkdir()
    (tmp_path / "media").mkdir(exist_ok=True)
    before, before_files = everything(database), files(tmp_path / "media", tmp_path / "tmp")
    log = tmp_path / "child.log"
    child = start(env, log, FREEZE + code)
    try:
        wait_for(lambda: marker.exists() or child.poll() is not None, timeout=120, what="the import to be under way",
                 log=log)
        assert marker.exists(), f"the import ended before the freeze:\n{log.read_text()[-3000:]}"
    finally:
        stop(child, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL
    after = everything(database)
    for table in queue:
        before.pop(table), after.pop(table)
    assert after == before, {t: (len(before[t]), len(after[t])) for t in before if before[t] != after.get(t)}
    assert files(tmp_path / "media", tmp_path / "tmp") == before_files
    return database


@pytest.mark.django_db(transaction=True)
def test_an_agency_import_killed_half_way_leaves_nothing(province, tmp_path):
    source = tmp_path / "don-vi.csv"
    source.write_bytes(csv_bytes(AGENCY_ROWS))
    killed(tmp_path, f"""
patch_all()
from django.core.management import call_command
call_command("import-agencies", {str(source)!r})
""", after=1)  # every agency and its event written (bulk), not yet committed


@pytest.mark.django_db(transaction=True)
def test_an_attendance_import_killed_half_way_leaves_nothing(province, tmp_path):
    from isogov.training.tests.helpers import course, session
    from isogov.training.tests.test_import import HEADER, ROWS

    sess = session(course(province))
    source = tmp_path / "diem-danh.csv"
    source.write_bytes(csv_bytes(ROWS, HEADER))
    killed(tmp_path, f"""
import isogov.training.importing
patch_all()
from django.core.management import call_command
call_command("import-attendance", "{sess.pk}", {str(source)!r})
""", after=1)  # the trainees written and their events, not yet committed


@pytest.mark.django_db(transaction=True)
def test_a_onestop_import_killed_half_way_leaves_nothing(province, tmp_path):
    from isogov.objectives.tests.factories import ObjectiveFactory
    from isogov.objectives.tests.helpers import ONESTOP_CSV, READ_ON

    objective = ObjectiveFactory(agency=province.d842, actor=province.alice)
    source = tmp_path / "mot-cua.csv"
    source.write_bytes(ONESTOP_CSV.encode())
    killed(tmp_path, f"""
import datetime as dt
import isogov.objectives.services as services
patch_all()
from isogov.objectives.models import Objective
from isogov.objectives.onestop import read_onestop
objective = Objective.objects.get(pk={objective.pk})
result = read_onestop(data=open({str(source)!r}, "rb").read(), filename="mot-cua.csv", year=2025,
                      period="monthly", today=dt.date.fromisoformat("{READ_ON.isoformat()}"))
assert not result.errors, result.errors
services.measurements_import(objective=objective, actor=None, result=result)
""", after=1)


@pytest.mark.django_db(transaction=True)
def test_an_agency_import_job_killed_half_way_leaves_nothing_and_runs_once_after(province, tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from isogov.jobs import services as jobs
    from isogov.registry import import_job

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    upload = default_storage.save("imports/don-vi.csv", ContentFile(csv_bytes(AGENCY_ROWS)))
    with transaction.atomic():  # queued on commit, as from the import page
        jobs.start(kind=import_job.KIND, title="Import", requested_by=province.admin,
                   params={"name": upload, "filename": "don-vi.csv"})
    database = killed(tmp_path, WORKER.replace("import django; django.setup(); ", "patch_all(); "), after=1,
                      extra_env={"ISOGOV_JOB_LEASE_SECONDS": "2"},
                      queue=("jobs_job", "django_tasks_database_dbtaskresult"))
    # The upload stays while the job may run again: the next run reads it, then deletes it on commit.
    assert (tmp_path / "media" / upload).exists()
    log = tmp_path / "second.log"
    second = start(environment(tmp_path, database, ISOGOV_JOB_LEASE_SECONDS="2"), log,
                   WORKER)
    try:
        wait_for(lambda: database.query("SELECT status FROM jobs_job")[0][0] in ("done", "failed"), timeout=120,
                 what="the job to be done after the restart", log=log)
    finally:
        stop(second)
    assert database.query("SELECT status, attempts FROM jobs_job") == [("done", 2)]
    codes = [r[0] for r in AGENCY_ROWS]
    marks = ",".join("?" * len(codes))  # Database.query writes %s for PostgreSQL
    assert database.query(f"SELECT COUNT(*) FROM registry_agency WHERE code IN ({marks})", codes)[0][0] == len(codes)
    assert database.query("SELECT COUNT(*) FROM audit_auditevent WHERE action = 'create' AND object_type = "
                          "'registry.agency'")[0][0] == 7 + len(codes)  # the province's 7 and the import's, once
    assert not (tmp_path / "media" / upload).exists()
