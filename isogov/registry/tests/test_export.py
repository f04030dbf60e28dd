"""Export to .xlsx and .csv: the list's filters, the reader's scope, formula-safe cells, and the round trip."""
import csv
import datetime as dt
import io
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from isogov.core.sheets import csv_cell as escape_csv
from isogov.registry.exporting import HEADERS
from isogov.registry.importing import preview_import
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.services import agency_create, agency_merge
from isogov.registry.tests.import_helpers import csv_bytes, registry_state, run, write, xlsx_bytes

pytestmark = pytest.mark.django_db
URL = reverse("registry:agency_export")


def xlsx_table(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in r] for r in sheet.iter_rows()]


def csv_table(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def body(response) -> bytes:
    """Both formats are sent as they are written (the CSV streamed, the XLSX from a temporary file)."""
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content)


def codes(table) -> set[str]:
    return {r[0] for r in table[1:]}


@pytest.fixture
def awkward(province):
    """Agencies whose cells a spreadsheet would otherwise misread, plus a merged one."""
    t = province.tiers
    agency_create(actor=None, code="CMD", name="=HYPERLINK(\"http://evil.example\",\"Bấm vào\")", tier=t["province"],
                  kind=AgencyKind.PUBLIC_SERVICE_UNIT, phone="+84 294 3862 111", iso_secretary="@Đặng Thị Ánh")
    agency_create(actor=None, code="CCTDC", name="Chi cục Tiêu chuẩn Đo lường Chất lượng",
                  tier=t["province"], parent=province.skhcn, kind=AgencyKind.SUB_DEPARTMENT, mandatory=False,
                  email="cctdc@travinh.gov.vn", phone="-", iso_secretary="'=quoted")
    agency_create(actor=None, code="29246", name="Phường 2", tier=t["commune"], parent=province.d842,
                  kind=AgencyKind.COMMUNE_COMMITTEE, iso_secretary="'+ hai dấu")
    old = agency_create(actor=None, code="29247", name="Xã Long Đức (cũ)", tier=t["commune"], parent=province.d842)
    agency_merge(actor=None, agency=old, into=province.c29242, effective_date=dt.date(2025, 7, 1))
    return province


def test_export_commands_are_complete_and_by_extension(awkward, tmp_path):
    run("export-agencies", tmp_path / "all.xlsx")
    run("export-agencies", tmp_path / "all.csv")
    xlsx, rows = xlsx_table((tmp_path / "all.xlsx").read_bytes()), csv_table((tmp_path / "all.csv").read_bytes())
    assert xlsx[0] == HEADERS and rows[0] == HEADERS
    everything = {"SKHCN", "STP", "842", "844", "29242", "29245", "29278", "CMD", "CCTDC", "29246", "29247"}
    assert codes(xlsx) == everything and codes(rows) == everything
    phuong4 = next(r for r in xlsx if r[0] == "29242")
    assert phuong4[:6] == ["29242", "Phường 4", "Cấp xã", "842", "UBND xã", "Không"]


def test_export_command_refuses_an_unknown_extension(province, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unsupported file type"):
        run("export-agencies", tmp_path / "all.ods", "--language", "en")
    assert not (tmp_path / "all.ods").exists()


def test_xlsx_cells_that_look_like_formulas_stay_text(awkward, as_user):
    response = as_user(awkward.admin).get(URL, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    data = body(response)
    sheet = load_workbook(io.BytesIO(data)).active
    cells = {c.value: c for r in sheet.iter_rows() for c in r if c.value}
    for text in ("=HYPERLINK(\"http://evil.example\",\"Bấm vào\")", "+84 294 3862 111", "@Đặng Thị Ánh", "-"):
        assert cells[text].data_type == "s", text  # "f" would be a formula
    assert b"<f>" not in data  # no formula element anywhere in the workbook


def test_csv_cells_that_look_like_formulas_get_an_apostrophe(awkward, as_user):
    table = csv_table(body(as_user(awkward.admin).get(URL, {"format": "csv"})))
    row = next(r for r in table if r[0] == "CMD")
    assert row[1] == "'=HYPERLINK(\"http://evil.example\",\"Bấm vào\")"
    assert row[6] == "'@Đặng Thị Ánh" and row[8] == "'+84 294 3862 111"
    sub = next(r for r in table if r[0] == "CCTDC")
    assert sub[8] == "'-" and sub[6] == "''=quoted"
    assert next(r for r in table if r[0] == "29246")[6] == "''+ hai dấu"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_changes_nothing(awkward, tmp_path, fmt):
    path = tmp_path / f"registry.{fmt}"
    run("export-agencies", path)
    before = registry_state()
    plan = preview_import(data=path.read_bytes(), filename=path.name)
    assert plan.errors == [] and plan.creates == [] and plan.updates == [] and plan.paths == {}
    assert plan.unchanged == 11
    out, _err = run("import-agencies", path, "--language", "en")
    assert "New agencies: 0; updated: 0; unchanged: 11." in out
    assert registry_state() == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_of_an_import_gives_the_file_back(province, tmp_path, fmt):
    """The other direction: what was imported is what comes out, cell for cell."""
    row = ["30001", "=1+1", "Cấp xã", "842", "UBND xã", "Có", "", "", "+84 1"]
    if fmt == "xlsx":
        data, read = xlsx_bytes([row], HEADERS[:9]), xlsx_table
    else:
        data, read = csv_bytes([[escape_csv(v) for v in row]], HEADERS[:9]), csv_table
    run("import-agencies", write(tmp_path, f"in.{fmt}", data))
    run("export-agencies", tmp_path / f"out.{fmt}")
    exported = next(r for r in read((tmp_path / f"out.{fmt}").read_bytes()) if r[0] == "30001")
    assert exported[:9] == (row[:6] + [None, None, row[8]] if fmt == "xlsx" else [escape_csv(v) for v in row])


def test_download_honours_the_list_filters(awkward, as_user):
    client = as_user(awkward.admin)
    communes = codes(csv_table(body(client.get(URL, {"format": "csv", "tier": "commune"}))))
    assert communes == {"29242", "29245", "29278", "29246"}  # the merged 29247 is not active
    everything = codes(csv_table(body(client.get(URL, {"format": "csv", "tier": "commune", "status": ""}))))
    assert "29247" in everything
    found = codes(csv_table(body(client.get(URL, {"format": "csv", "q": "cang long"}))))
    assert found == {"844", "29278"}
    optional = codes(csv_table(body(client.get(URL, {"format": "csv", "mandatory": "no"}))))
    assert "CCTDC" in optional and "STP" not in optional


def test_alice_exports_only_her_subtree(province, as_user):
    for fmt, read in (("xlsx", xlsx_table), ("csv", csv_table)):
        table = read(body(as_user(province.alice).get(URL, {"format": fmt})))
        assert codes(table) == {"842", "29242", "29245"}
        assert "Sở Tư pháp" not in str(table) and "Huyện Càng Long" not in str(table)


@pytest.mark.parametrize("who,expected", [("bob", {"844", "29278"}), ("charlie", {"STP"})])
def test_other_agency_users_export_only_their_own(province, as_user, who, expected):
    table = csv_table(body(as_user(getattr(province, who)).get(URL, {"format": "csv"})))
    assert codes(table) == expected


def test_anonymous_cannot_export(client, province):
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_unknown_format_is_a_bad_request(province, as_user):
    assert as_user(province.admin).get(URL, {"format": "pdf"}).status_code == 400


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_query_count_does_not_grow_with_the_data(province, as_user, monkeypatch, fmt):
    # Chunks of 5 rows: the larger registry is read in several fetches, still one query.
    monkeypatch.setattr("isogov.registry.exporting.CHUNK", 5)
    client = as_user(province.admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            body(client.get(URL, {"format": fmt}))  # a streamed body is read, and queried, as it is sent
        return len(ctx)

    small = queries()
    for i in range(40):
        agency_create(actor=None, code=f"3{i:04d}", name=f"Xã {i}", tier=province.tiers["commune"],
                      parent=province.d844)
    assert queries() == small


def test_the_csv_is_streamed_in_pieces_of_a_few_rows(province, as_user, monkeypatch):
    """Sent as it is read, a few rows at a time, never the whole registry in memory: the pieces stay small
    however many agencies there are."""
    monkeypatch.setattr("isogov.registry.exporting.CHUNK", 5)
    for i in range(23):
        agency_create(actor=None, code=f"3{i:04d}", name=f"Xã {i}", tier=province.tiers["commune"],
                      parent=province.d844)
    response = as_user(province.admin).get(URL, {"format": "csv", "status": ""})
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="agencies-' in response["Content-Disposition"]
    pieces = list(response.streaming_content)
    lines = [piece.count(b"\r\n") for piece in pieces]
    assert max(lines) <= 1 + 5 and sum(lines) == Agency.objects.count() + 1  # the header, one line per agency
    assert csv_table(b"".join(pieces))[0] == HEADERS


def test_a_csv_that_fails_half_way_says_it_is_incomplete(province, as_user, monkeypatch):
    """The headers are sent before the rows: a failure after them must not pass for a complete file."""
    from isogov.registry import exporting

    rows = exporting.agency_rows

    def failing(agencies):
        def broken():
            yield from itertools.islice(rows(agencies), 2)
            raise RuntimeError("database gone")
        return broken()

    monkeypatch.setattr(exporting, "agency_rows", failing)
    table = csv_table(body(as_user(province.admin).get(URL, {"format": "csv"})))
    assert len(table) == 4 and table[-1][0].startswith("The export failed after 2 agencies")


def test_exports_open_whatever_old_records_hold(province):
    """Control characters and formula-like text stored before the cleaner (tab and CR prefixes too)."""
    from isogov.core.tests.hostile import csv_rows, poison, xlsx_cells
    from isogov.registry.exporting import export_agencies

    for agency in Agency.objects.all():
        poison(agency)
    agencies = Agency.objects.all()
    cells = xlsx_cells(export_agencies(agencies=agencies, fmt=".xlsx"))
    assert any("HYPERLINK" in str(c.value) for c in cells)
    rows = csv_rows(export_agencies(agencies=agencies, fmt=".csv").decode("utf-8-sig"))
    assert len(rows) == agencies.count() + 1
