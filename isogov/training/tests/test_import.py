"""Attendance import: all or nothing, idempotent, with the row, column and reason of every error."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from isogov.audit.models import AuditEvent
from isogov.core.tests import zip_bombs
from isogov.registry.tests.import_helpers import csv_bytes, run, write, xlsx_bytes
from isogov.training.importing import ImportRejected, import_attendance, preview_import
from isogov.training.models import Trainee
from isogov.training.tests.helpers import course, session, trainee

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Họ và tên", "Chức vụ", "Mã đơn vị", "Thư ký ISO", "Hoàn thành", "Số chứng chỉ"]
ROWS = [
    ["1", "Nguyễn Văn An", "Phó Chánh Văn phòng", "842", "Có", "Có", "01/2020"],
    ["2", "Thạch Thị Lan", "Công chức Văn phòng - Thống kê", "29242", "", "x", "02/2020"],
    ["3", "Lê Thị Hoa", "Chuyên viên", "STP", "yes", "Không", ""],
]


def db_state():
    return (list(Trainee.objects.order_by("pk").values()),
            list(AuditEvent.objects.order_by("pk").values_list("pk", "object_type", "changes")))


@pytest.fixture
def sess(province):
    return session(course(province))


def do_import(sess, data, name="diem-danh.xlsx", actor=None):
    return import_attendance(actor=actor, session=sess, data=data, filename=name)


def test_import_then_reimport_changes_nothing(province, sess):
    plan = do_import(sess, xlsx_bytes(ROWS, HEADER), actor=province.admin)
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (3, 0, 0)
    an = Trainee.objects.get(agency=province.d842)
    assert (an.is_iso_secretary, an.completed, an.certificate_number, an.course_id) == (True, True, "01/2020",
                                                                                        sess.course_id)
    hoa = Trainee.objects.get(agency=province.stp)
    assert hoa.is_iso_secretary and not hoa.completed
    events = AuditEvent.objects.filter(object_type="training.trainee")
    assert events.count() == 3 and {e.agency_id for e in events} == {province.d842.pk, province.c29242.pk,
                                                                     province.stp.pk}
    before = db_state()
    plan = do_import(sess, xlsx_bytes(ROWS, HEADER))
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 3)
    # The same people as CSV, names typed without diacritics, match the same trainees.
    rows = [[r[0], r[1], *r[2:]] for r in ROWS]
    assert do_import(sess, csv_bytes(rows, HEADER, delimiter=";"), "x.csv").unchanged == 3
    assert db_state() == before


def test_reimport_updates_changed_rows_with_an_audit_trail(province, sess):
    do_import(sess, xlsx_bytes(ROWS, HEADER))
    rows = [list(r) for r in ROWS]
    rows[2][5], rows[2][6] = "Có", "03/2020"
    rows[0][6], rows[1][6] = "02/2020", "01/2020"  # two certificates swap owners
    plan = do_import(sess, xlsx_bytes(rows, HEADER), actor=province.admin)
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 3, 0)
    assert Trainee.objects.get(agency=province.stp).certificate_number == "03/2020"
    assert Trainee.objects.get(agency=province.d842).certificate_number == "02/2020"
    event = AuditEvent.objects.get(object_type="training.trainee", action="update", agency=province.stp)
    assert event.changes == {"completed": [False, True], "certificate_number": ["", "03/2020"]}


def test_missing_optional_columns_keep_existing_values(province, sess):
    do_import(sess, xlsx_bytes(ROWS, HEADER))
    plan = do_import(sess, csv_bytes([["Nguyễn Văn An", "842"], ["Sơn Văn Tư", "29245"]],
                                     ["full_name", "agency_code"]), "names.csv")
    assert (len(plan.creates), plan.unchanged) == (1, 1)
    assert Trainee.objects.get(agency=province.d842).certificate_number == "01/2020"


BAD = [
    # (rows, header, row, column, reason)
    ([["1", "", "", "842", "", "", ""]], HEADER, 2, "Họ và tên", "A value is required"),
    ([["1", "Nguyễn Văn An", "", "", "", "", ""]], HEADER, 2, "Mã đơn vị", "A value is required"),
    ([["1", "Nguyễn Văn An", "", "999", "", "", ""]], HEADER, 2, "Mã đơn vị", "No agency has the code 999"),
    ([["1", "Nguyễn Văn An", "", "842", "chắc vậy", "", ""]], HEADER, 2, "Thư ký ISO", "not a yes/no answer"),
    ([["1", "Nguyễn Văn An", "", "842", "", "maybe", ""]], HEADER, 2, "Hoàn thành", "not a yes/no answer"),
    ([["1", "Nguyễn Văn An", "", "842", "", "", "07"]], HEADER, 2, "Số chứng chỉ", "completed the course"),
    ([ROWS[0], ["2", "nguyen van an", "", "842", "", "", ""]], HEADER, 3, "Họ và tên", "already on row 2"),
    ([ROWS[0], ["2", "Trần Bé", "", "844", "", "Có", "01/2020"]], HEADER, 3, "Số chứng chỉ", "already used on row 2"),
    ([["1", "Nguyễn Văn An", "x" * 151, "842", "", "", ""]], HEADER, 2, "Chức vụ", "at most 150"),
    ([["Nguyễn Văn An"]], ["Họ và tên"], 1, "Mã đơn vị", "required column is missing"),
    ([["An", "842", "842"]], ["Họ và tên", "Mã đơn vị", "agency_code"], 1, "agency_code", "more than once"),
    ([], HEADER, None, "", "no trainee rows"),
]


@pytest.mark.parametrize("rows, header, row, column, reason", BAD)
def test_bad_files_change_nothing(province, sess, rows, header, row, column, reason):
    trainee(sess, province.d844, "Kim Văn Sơn", certificate="99")
    before = db_state()
    with pytest.raises(ImportRejected) as exc:
        do_import(sess, xlsx_bytes(rows, header))
    errors = exc.value.plan.errors
    assert any(e.row == row and e.column == column and reason in e.message for e in errors), [str(e) for e in errors]
    assert db_state() == before


@pytest.mark.parametrize("data, name, reason", [
    (b"", "x.csv", "empty"), (b"\x00\x01binary", "x.csv", "not a text"), (b"PK\x03\x04junk", "x.xlsx", "damaged"),
    (b"a,b", "x.pdf", "Unsupported file type"),
    ("Chức vụ\n".encode("latin-1", "replace") + b"\xe9t\n", "x.csv", "UTF-8"),
])
def test_unreadable_files_change_nothing(province, sess, data, name, reason):
    before = db_state()
    with pytest.raises(ImportRejected) as exc:
        do_import(sess, data, name)
    assert reason in str(exc.value.plan.errors[0])
    assert db_state() == before


def test_certificate_held_in_another_session_of_the_course(province, sess):
    other = session(sess.course, start=sess.start_date.replace(month=9))
    trainee(other, province.d844, "Kim Văn Sơn", certificate="01/2020")
    before = db_state()
    plan = preview_import(session=sess, data=xlsx_bytes(ROWS, HEADER), filename="x.xlsx")
    assert [str(e) for e in plan.errors] == [(
        "Row 2, column “Số chứng chỉ”: Certificate 01/2020 of this course was already given to Kim Văn Sơn "
        "(session of 15/09/2020).")]
    assert not plan.creates and db_state() == before


def test_command(province, sess, tmp_path):
    path = write(tmp_path, "diem-danh.xlsx", xlsx_bytes(ROWS, HEADER))
    out, _err = run("import-attendance", sess.pk, path, "--dry-run", language="en")
    assert "new trainees: 3" in out and "Dry run" in out and "+ 842\tNguyễn Văn An" in out
    assert not Trainee.objects.exists()
    out, _err = run("import-attendance", sess.pk, path, language="en")
    assert "new trainees: 3" in out and Trainee.objects.count() == 3
    out, _err = run("import-attendance", sess.pk, path, language="en")
    assert "new trainees: 0; updated: 0; unchanged: 3" in out
    bad = write(tmp_path, "bad.csv", csv_bytes([["1", "An", "", "999", "", "", ""]], HEADER))
    before = db_state()
    with pytest.raises(CommandError, match="1 error"):
        run("import-attendance", sess.pk, bad, language="en")
    with pytest.raises(CommandError, match="No training session"):
        run("import-attendance", 9999, path, language="en")
    with pytest.raises(CommandError, match="No such file"):
        run("import-attendance", sess.pk, tmp_path / "nope.xlsx", language="en")
    assert db_state() == before


def test_a_decompression_bomb_is_refused_by_the_preview_the_import_and_the_command(province, sess, tmp_path,
                                                                                  settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_UNCOMPRESSED_BYTES": 1 << 20}
    bomb = zip_bombs.xlsx_bomb(4 << 20)
    refusal = "This file unpacks to 4,0\xa0MB, more than the 1,0\xa0MB allowed: it is refused."
    before = db_state()
    assert [str(e) for e in preview_import(session=sess, data=bomb, filename="x.xlsx").errors] == [refusal]
    with pytest.raises(ImportRejected) as exc:
        do_import(sess, bomb)
    assert [str(e) for e in exc.value.plan.errors] == [refusal]
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("import-attendance", str(sess.pk), str(write(tmp_path, "x.xlsx", bomb)), stderr=err)
    assert refusal in err.getvalue()
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_BYTES": 100}
    with pytest.raises(CommandError, match="the limit is 100"):
        run("import-attendance", sess.pk, write(tmp_path, "big.xlsx", xlsx_bytes(ROWS, HEADER)), language="en")
    assert db_state() == before


def test_a_formula_without_a_computed_value_is_not_a_missing_value(province, sess):
    rows = [["=ROW()-1", "Nguyễn Văn An", "", "=\"8\"&\"42\"", "", "", ""]]
    plan = preview_import(session=sess, data=xlsx_bytes(rows, HEADER, formulas=True), filename="x.xlsx")
    assert [str(e) for e in plan.errors] == [
        "Some cells hold a formula without a computed value: row 2, column “Mã đơn vị”. "
        "Open the file in Excel or LibreOffice, save it and upload it again."]
