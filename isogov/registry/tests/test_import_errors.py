"""Every kind of bad input: reported with row, column and reason, and the registry left exactly as it was."""
import io
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from isogov.registry.importing import ImportRejected, import_agencies
from isogov.registry.models import AgencyKind
from isogov.registry.services import agency_create
from isogov.registry.tests.import_helpers import HEADER, csv_bytes, registry_state, run, write, xlsx_bytes

pytestmark = pytest.mark.django_db


def row(code="30001", name="Xã Hòa Thuận", tier="Cấp xã", parent="842", kind="UBND xã", mandatory="",
        secretary="", email="", phone=""):
    return [code, name, tier, parent, kind, mandatory, secretary, email, phone]


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return out.getvalue()


# (file name, content, [(row, column, part of the reason)]); the header is row 1.
CASES = {
    "unknown parent": ("a.xlsx", xlsx_bytes([row(), row("30002", parent="NOPE")]),
                       [(3, "Mã đơn vị cấp trên", "No agency has the code NOPE")]),
    "cycle in the file": ("a.xlsx", xlsx_bytes([row("D1", "Huyện 1", "Cấp huyện", "D2", "UBND huyện"),
                                                row("D2", "Huyện 2", "Cấp huyện", "D1", "UBND huyện")]),
                          [(2, "Mã đơn vị cấp trên", "cycle: D1 → D2 → D1"),
                           (3, "Mã đơn vị cấp trên", "cycle: D2 → D1 → D2")]),
    "self parent": ("a.csv", csv_bytes([row(), row("30002", parent="30002")]),
                    [(3, "Mã đơn vị cấp trên", "cannot be its own parent")]),
    "duplicate code": ("a.xlsx", xlsx_bytes([row(), row("30002"), row("30001", "Xã khác")]),
                       [(4, "Mã đơn vị", "already used on row 2")]),
    "missing name": ("a.xlsx", xlsx_bytes([row(), row("30002", name="")]), [(3, "Tên đơn vị", "A value is required")]),
    "missing code": ("a.csv", csv_bytes([row(code="")]), [(2, "Mã đơn vị", "A value is required")]),
    "missing tier": ("a.csv", csv_bytes([row(tier="  ")]), [(2, "Cấp", "A value is required")]),
    "missing column": ("a.xlsx", xlsx_bytes([row()[:2] + row()[3:]], HEADER[:2] + HEADER[3:]),
                       [(1, "Cấp", "required column is missing")]),
    "duplicate column": ("a.csv", csv_bytes([[*row(), "x"]], [*HEADER, "code"]),
                         [(1, "code", "appears more than once")]),
    "bad email": ("a.xlsx", xlsx_bytes([row(email="an@")]), [(2, "Email", "not a valid email address")]),
    "bad code": ("a.xlsx", xlsx_bytes([row(code="30/01")]), [(2, "Mã đơn vị", "not a valid code")]),
    "code with a space": ("a.csv", csv_bytes([row(code="30 01")]), [(2, "Mã đơn vị", "not a valid code")]),
    "unknown tier": ("a.xlsx", xlsx_bytes([row(tier="cấp thôn")]), [(2, "Cấp", "Unknown tier “cấp thôn”")]),
    "unknown kind": ("a.xlsx", xlsx_bytes([row(kind="hợp tác xã")]), [(2, "Loại hình", "Unknown kind")]),
    "bad mandatory": ("a.xlsx", xlsx_bytes([row(mandatory="có lẽ")]), [(2, "Bắt buộc áp dụng", "not a yes/no")]),
    "parent on a lower tier": ("a.xlsx", xlsx_bytes([row("D9", "Huyện 9", "Cấp huyện", "29242", "UBND huyện")]),
                               [(2, "Mã đơn vị cấp trên", "on a lower tier")]),
    "too long": ("a.xlsx", xlsx_bytes([row(phone="0" * 40)]), [(2, "Điện thoại", "at most 32")]),
    "headers only": ("a.csv", csv_bytes([]), [(None, "", "no agency rows")]),
    "header row empty": ("a.xlsx", xlsx_bytes([[], row()], None), [(None, "", "column headers")]),
    "corrupt xlsx": ("a.xlsx", b"PK\x03\x04 this is not really a zip" * 20, [(None, "", "not a valid Excel")]),
    "zip that is not a workbook": ("a.xlsx", zip_without_workbook(), [(None, "", "not a valid Excel")]),
    "binary junk named .csv": ("a.csv", bytes(range(256)) * 8, [(None, "", "not a text (CSV) file")]),
    "xlsx named .csv": ("a.csv", xlsx_bytes([row()]), [(None, "", "not")]),
    # What Excel's plain "CSV" gives on Vietnamese Windows: Windows-1258, tone marks as combining characters.
    "not utf-8": ("a.csv",
                  unicodedata.normalize("NFD", csv_bytes([row()], bom=False).decode()).encode("cp1258", "replace"),
                  [(None, "", "not in UTF-8 (line 1)")]),
    "unsupported extension": ("a.xls", xlsx_bytes([row()]), [(None, "", "Unsupported file type “.xls”")]),
    "no extension": ("agencies", xlsx_bytes([row()]), [(None, "", "Unsupported file type")]),
    "empty csv": ("a.csv", b"", [(None, "", "The file is empty")]),
    "empty xlsx": ("a.xlsx", b"", [(None, "", "The file is empty")]),
    "only a bom": ("a.csv", "\ufeff\r\n".encode(), [(None, "", "")]),
}


def assert_errors(errors, expected):
    found = [(e.row, e.column, e.message) for e in errors]
    for want_row, want_column, want_text in expected:
        assert any(r == want_row and c == want_column and want_text in m for r, c, m in found), found


@pytest.mark.parametrize("case", CASES)
def test_bad_file_changes_nothing_and_says_where(province, tmp_path, case):
    name, data, expected = CASES[case]
    before = registry_state()
    with pytest.raises(ImportRejected) as exc:
        import_agencies(actor=province.admin, data=data, filename=name)
    assert_errors(exc.value.plan.errors, expected)
    assert registry_state() == before
    with pytest.raises(CommandError):
        run("import-agencies", write(tmp_path, name, data), "--language", "en")
    assert registry_state() == before


def test_one_bad_row_blocks_the_whole_file_and_every_bad_row_is_reported(province, tmp_path):
    rows = [row("30001"), row("30002", email="x@"), row("30003"), row("30004", tier="thôn"), row("30005", name="")]
    before = registry_state()
    with pytest.raises(CommandError) as exc:
        run("import-agencies", write(tmp_path, "a.xlsx", xlsx_bytes(rows)), "--language", "en")
    assert "3 error(s)" in str(exc.value)
    assert registry_state() == before


def test_cli_refuses_a_missing_file(province, tmp_path):
    before = registry_state()
    with pytest.raises(CommandError, match="No such file"):
        run("import-agencies", tmp_path / "missing.xlsx", "--language", "en")
    assert registry_state() == before


def test_cli_messages_default_to_the_site_language(province, tmp_path, settings):
    """Without --language the messages are in settings.LANGUAGE_CODE (Vietnamese), whatever is active."""
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import-agencies", str(write(tmp_path, "a.csv", csv_bytes([row(email="x@")]))),
                     stdout=io.StringIO(), stderr=err)
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("“%(value)s” is not a valid email address.") % {"value": "x@"}
        line = _("Row %(row)s, column “%(column)s”: %(message)s") % {"row": 2, "column": "Email", "message": reason}
        summary = _("%(count)s error(s): nothing was imported.") % {"count": 1}
    assert err.getvalue().splitlines() == [line] and str(exc.value) == summary


def test_cli_prints_each_error_on_its_own_line(province, tmp_path):
    rows = [row("30001", email="x@"), row("30002", parent="NOPE")]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import-agencies", str(write(tmp_path, "a.csv", csv_bytes(rows))), "--language", "en",
                     stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == ["Row 2, column “Email”: “x@” is not a valid email address.",
                     "Row 3, column “Mã đơn vị cấp trên”: "
                     "No agency has the code NOPE, in this file or in the registry."]


def test_cycle_through_the_registry_when_reparenting(province):
    # In the registry CC hangs under SKHCN; the file puts SKHCN under CC.
    agency_create(actor=None, code="CC", name="Chi cục TĐC", tier=province.tiers["province"], parent=province.skhcn,
                  kind=AgencyKind.SUB_DEPARTMENT)
    before = registry_state()
    data = xlsx_bytes([row("SKHCN", "Sở Khoa học và Công nghệ", "Cấp tỉnh", "CC", "sở", "Có")])
    with pytest.raises(ImportRejected) as exc:
        import_agencies(actor=province.admin, data=data, filename="a.xlsx")
    assert_errors(exc.value.plan.errors, [(2, "Mã đơn vị cấp trên", "cycle: SKHCN → CC → SKHCN")])
    assert registry_state() == before


def test_existing_child_left_on_a_higher_tier_is_refused(province):
    agency_create(actor=None, code="CC", name="Chi cục TĐC", tier=province.tiers["province"], parent=province.skhcn,
                  kind=AgencyKind.SUB_DEPARTMENT)
    before = registry_state()
    data = xlsx_bytes([row("SKHCN", "Sở Khoa học và Công nghệ", "Cấp huyện", "", "sở", "Có")])
    with pytest.raises(ImportRejected) as exc:
        import_agencies(actor=province.admin, data=data, filename="a.xlsx")
    assert_errors(exc.value.plan.errors, [(2, "Cấp", "Chi cục TĐC (CC) sits under this agency")])
    assert registry_state() == before


def test_raising_a_tier_above_the_registry_parent_is_refused(province):
    before = registry_state()
    data = csv_bytes([["29242", "Phường 4", "Cấp tỉnh"]], HEADER[:3])  # no parent column: 842 stays the parent
    with pytest.raises(ImportRejected) as exc:
        import_agencies(actor=province.admin, data=data, filename="a.csv")
    assert_errors(exc.value.plan.errors, [(2, "Cấp", "The parent 842 is on a lower tier")])
    assert registry_state() == before


def test_reparenting_under_a_descendant_is_a_cycle(province):
    before = registry_state()
    data = xlsx_bytes([row("842", "Thành phố Trà Vinh", "Cấp xã", "29242", "UBND huyện", "Có")])
    with pytest.raises(ImportRejected) as exc:
        import_agencies(actor=province.admin, data=data, filename="a.xlsx")
    assert_errors(exc.value.plan.errors, [(2, "Mã đơn vị cấp trên", "cycle: 842 → 29242 → 842")])
    assert registry_state() == before


def test_errors_use_the_header_as_written(province):
    header = ["STT", " CODE ", "Name", "tier", "parent_code"]
    data = xlsx_bytes([[1, "30001", "Xã A", "cấp thôn", "842"]], header)
    with pytest.raises(ImportRejected) as exc:
        import_agencies(actor=None, data=data, filename="a.xlsx")
    assert [(e.row, e.column) for e in exc.value.plan.errors] == [(2, "tier")]


@pytest.mark.parametrize("case", ["unknown parent", "cycle in the file", "corrupt xlsx", "not utf-8", "missing column",
                                  "unsupported extension"])
def test_upload_page_lists_the_errors_and_changes_nothing(province, as_user, case, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    name, data, expected = CASES[case]
    before = registry_state()
    response = as_user(province.admin).post(reverse("registry:agency_import"),
                                            {"file": SimpleUploadedFile(name, data)})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-errors"' in html
    for want_row, want_column, want_text in expected:
        assert want_text.replace("“", "&ldquo;") in html or want_text in html
        if want_row is not None:  # the row number and the column as the file wrote it, beside the reason
            assert f'<td class="num">{want_row}</td><td>{escape(want_column)}</td>' in html
    assert registry_state() == before and list(tmp_path.iterdir()) == []


def test_console_script_exits_non_zero(tmp_path):
    """The real `isogov` script: an unreadable file needs no database, so this runs against an empty var dir."""
    script = Path(sys.executable).parent / "isogov"
    if not script.exists():
        pytest.skip("the isogov console script is not installed")
    path = write(tmp_path, "agencies.xls", b"old excel")
    env = {**os.environ, "ISOGOV_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "isogov.settings"}
    env.pop("DATABASE_URL", None)  # never the database of the machine running the tests
    result = subprocess.run([str(script), "import-agencies", str(path), "--language", "en"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "Unsupported file type “.xls”" in result.stderr


def test_upload_page_speaks_the_users_language(province, as_user, client, tmp_path, settings):
    """The reasons come in the language the person chose (here Vietnamese), through gettext."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    as_user(province.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    name, data, _expected = CASES["unknown parent"]
    html = client.post(reverse("registry:agency_import"), {"file": SimpleUploadedFile(name, data)}).content.decode()
    with translation.override("vi"):
        reason = _("No agency has the code %(code)s, in this file or in the registry.") % {"code": "NOPE"}
    assert escape(reason) in html
