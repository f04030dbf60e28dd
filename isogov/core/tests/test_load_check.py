"""The load test's checker (bench/load/check.py) can fail: a write acknowledged but missing, one applied twice, a
measurement's period not holding its last value, an export the worker did not finish, each is reported.

The writes are made here by the same services the pages and the API call, marked as the locustfile marks them,
and acknowledged through the same log (bench/load/marks.py); the load itself runs in `make load` (docs/
performance.md, "Load test"). The locustfile imports locust, which patches the standard library for gevent on
import, so it is imported in a child process.
"""
import datetime as dt
import importlib.util
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from isogov.accounts.models import TokenScope
from isogov.accounts.services import token_create
from isogov.audit import exporting
from isogov.capa.services import nonconformity_open
from isogov.documents.services import document_create
from isogov.jobs import services as jobs
from isogov.jobs.models import Job, Status
from isogov.objectives.services import measurement_record, objective_create
from isogov.risks.models import Risk
from isogov.risks.services import risk_create

LOAD = Path(__file__).resolve().parents[3] / "bench" / "load"
RUN = "c0ffee"


def _load(name: str):
    sys.path.insert(0, str(LOAD))
    spec = importlib.util.spec_from_file_location(f"isogov_load_{name}", LOAD / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _load("check")
marks = sys.modules["marks"]  # as check.py imported it


@pytest.fixture
def written(province, tmp_path):
    """One acknowledged write of each kind, in the database as the server would leave it."""
    alice, agency = province.alice, province.d842
    log = marks.AckLog(tmp_path / "acks.jsonl")
    today = timezone.localdate()
    n = iter(range(1, 100))

    def ack(kind, **extra):
        mark = marks.marker(RUN, 7, next(n))
        log.add(marks.Ack(kind=kind, marker=mark, status=201, username=alice.username, agency=agency.code,
                          extra=extra))
        return mark

    mark = ack("risk")
    risk_create(agency=agency, actor=alice, kind="risk", description=f"{mark} a risk", likelihood=2, impact=3,
                owner="Văn phòng", review_date=today + dt.timedelta(days=30))
    mark = ack("nonconformity")
    nonconformity_open(agency=agency, actor=alice, source="process_monitoring", description=f"{mark} an NC")
    mark = ack("document")
    document_create(agency=agency, actor=alice, code=mark, title="Quy trình", kind="procedure", owner_name="VP")
    token_create(actor=alice, user=alice, name=ack("token"), scope=TokenScope.READ_WRITE)
    objective = objective_create(agency=agency, actor=alice, year=today.year, title="Đúng hạn", comparator="ge",
                                 target=Decimal(95), unit="percent", period="yearly")
    # The same period measured twice: the row holds the second value, the trail both.
    for _ in range(2):
        mark = ack("measurement", objective=objective.pk, period=1)
        measurement_record(objective=objective, actor=alice, period_index=1, value=Decimal(90), note=f"{mark} đo")
    job = jobs.start(kind=exporting.KIND, title="export", requested_by=alice, agency=agency,
                     params={"query": f"agency={agency.code}&load={ack('export')}"})
    Job.objects.filter(pk=job.pk).update(status=Status.DONE)
    log.close()
    return {"acks": tmp_path / "acks.jsonl", "agency": agency, "alice": alice, "objective": objective, "job": job}


def test_every_acknowledged_write_found_once(written):
    report = check.check(RUN, written["acks"])
    assert report.ok, report.lines()
    assert dict(report.acknowledged) == {"risk": 1, "nonconformity": 1, "document": 1, "token": 1,
                                         "measurement": 2, "export": 1}
    assert not any(report.unacknowledged.values())


def test_a_deleted_row_is_a_lost_write(written):
    Risk.objects.filter(description__startswith=f"LT{RUN}-").delete()
    report = check.check(RUN, written["acks"])
    assert not report.ok
    assert report.lost["risk"] == [f"LT{RUN}-07-0001"]
    assert any(line.startswith("LOST risk") for line in report.lines())


def test_a_write_applied_twice_is_a_duplicate(written, province):
    document_create(agency=province.d844, actor=province.bob, code=f"LT{RUN}-07-0003", title="Bản sao",
                    kind="procedure", owner_name="VP")
    report = check.check(RUN, written["acks"])
    assert not report.ok
    assert report.duplicated["document"] == [f"LT{RUN}-07-0003"]


def test_a_period_that_lost_its_last_value_is_stale(written):
    # A write nobody acknowledged overwrote the period's row: the last acknowledged value is no longer there.
    measurement_record(objective=written["objective"], actor=written["alice"], period_index=1, value=Decimal(80),
                       note=f"LT{RUN}-99-0001 not acknowledged")
    report = check.check(RUN, written["acks"])
    assert report.stale and not any(report.lost.values())
    assert report.unacknowledged["measurement"] == [f"LT{RUN}-99-0001"]


def test_an_unfinished_export_is_reported(written):
    Job.objects.filter(pk=written["job"].pk).update(status=Status.QUEUED)
    report = check.check(RUN, written["acks"])
    assert not report.ok and len(report.unfinished) == 1


def test_the_log_refuses_an_unknown_write(tmp_path):
    log = marks.AckLog(tmp_path / "acks.jsonl")
    with pytest.raises(ValueError):
        log.add(marks.Ack(kind="comment", marker=marks.marker(RUN, 1, 1), status=201, username="x"))
    with pytest.raises(ValueError):
        log.add(marks.Ack(kind="risk", marker="no marker", status=201, username="x"))


def test_the_locustfile_writes_only_what_the_checker_reads():
    code = ("import locustfile, marks; "
            "assert set(locustfile.WRITE_KINDS) == set(marks.KINDS), locustfile.WRITE_KINDS; "
            "assert {'secretary', 'head', 'admin', 'inspector', 'viewer'} <= set(locustfile.ROLE_ACTIONS); "
            "print('ok')")
    result = subprocess.run([sys.executable, "-c", code], cwd=LOAD, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
