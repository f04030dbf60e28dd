"""Importing agencies from .xlsx and .csv: what a good file does, on the command line and on the upload page."""
import unicodedata

import pytest
from django.core.management import get_commands

from isogov.audit.models import Action, AuditEvent
from isogov.core.text import fold
from isogov.registry.importing import preview_import
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.tests.import_helpers import HEADER, agency, csv_bytes, registry_state, run, write, xlsx_bytes

pytestmark = pytest.mark.django_db

# Communes come before the district they belong to, and one commune hangs under district 842 already in the registry.
ROWS = [
    ["30001", "Xã Hòa Thuận", "Xã", "850", "UBND xã", "", "Nguyễn Thị Mai", "hoathuan@travinh.gov.vn", "0294 3855 001"],
    ["30002", "Phường 9", "cấp xã", "842", "ubnd xa", "x", "", "", ""],
    ["850", "Huyện Châu Thành", "Cấp huyện", "", "UBND huyện", "Có", "Trần Văn Bình", "", "+84 294 3855 000"],
    ["SYT", "Sở Y tế", "cap tinh", "", "sở", "yes", "", "syt@travinh.gov.vn", ""],
    ["CCDS", "Chi cục Dân số", "TỈNH", "SYT", "Chi cục", "Không", "", "", ""],
    ["TTYT", "Trung tâm Y tế huyện Châu Thành", "Cấp huyện", "850", "đơn vị sự nghiệp", "no", "", "", ""],
]


def test_commands_with_a_dash_are_found():
    commands = get_commands()
    assert commands["import-agencies"] == "isogov.registry"
    assert commands["export-agencies"] == "isogov.registry"


def test_cli_creates_agencies_with_parents_paths_and_audit(province, tmp_path):
    out, _err = run("import-agencies", write(tmp_path, "don-vi.xlsx", xlsx_bytes(ROWS)), "--language", "en")
    assert "New agencies: 6; updated: 0; unchanged: 0." in out
    commune = agency("30001")
    assert commune.parent.code == "850" and commune.path == "/850/30001/"
    assert commune.tier.code == "commune" and commune.kind == AgencyKind.COMMUNE_COMMITTEE
    assert commune.mandatory is False  # blank in a present column means no
    assert commune.search_text == f"30001 {fold('Xã Hòa Thuận')}"
    assert commune.phone == "0294 3855 001" and commune.email == "hoathuan@travinh.gov.vn"
    assert agency("30002").path == "/842/30002/" and agency("30002").mandatory is True
    assert agency("CCDS").path == "/SYT/CCDS/" and agency("CCDS").kind == AgencyKind.SUB_DEPARTMENT
    assert agency("TTYT").kind == AgencyKind.PUBLIC_SERVICE_UNIT and agency("TTYT").path == "/850/TTYT/"
    assert agency("SYT").kind == AgencyKind.DEPARTMENT and agency("850").phone == "+84 294 3855 000"
    created = AuditEvent.objects.filter(action=Action.CREATE, object_type="registry.agency",
                                        agency__code__in=[r[0] for r in ROWS])
    assert created.count() == 6
    event = created.get(agency__code="30001")
    assert event.changes["parent"] == "850" and event.changes["tier"] == "commune"
    assert event.changes["name"] == "Xã Hòa Thuận" and event.actor_name == "system"


def test_reimporting_the_same_file_changes_nothing(province, tmp_path):
    path = write(tmp_path, "don-vi.xlsx", xlsx_bytes(ROWS))
    run("import-agencies", path)
    before = registry_state()
    out, _err = run("import-agencies", path, "--language", "en")
    assert registry_state() == before and "New agencies: 0; updated: 0; unchanged: 6." in out
    assert preview_import(data=path.read_bytes(), filename=path.name).unchanged == len(ROWS)


def test_headers_are_folded_aliases_accepted_and_other_columns_ignored(province, tmp_path):
    header = ["STT", "  code ", "NAME", "Tier", "Parent_Code", "ghi chú", "KIND"]
    rows = [[1, 30001, "Xã Long Đức", "xa", 842, "tách từ phường 4", "so_nganh"],
            [2, 30002.0, "Xã Long Hòa", "Commune", "842", "", "Department, board or sector (sở, ban, ngành)"]]
    run("import-agencies", write(tmp_path, "list.xlsx", xlsx_bytes(rows, header)))
    assert agency("30001").parent.code == "842"  # codes typed as numbers come back as the same text
    assert agency("30002").code == "30002"
    assert not Agency.objects.filter(code__in=["30001.0", "30002.0", "1"]).exists()
    assert agency("30002").kind == AgencyKind.DEPARTMENT
    # No "mandatory" column: a new agency takes its tier's default (communes are encouraged).
    assert agency("30001").mandatory is False


def test_absent_optional_columns_keep_existing_values(province, tmp_path):
    rows = [["STP", "Sở Tư pháp tỉnh Trà Vinh", "Cấp tỉnh"], ["842", "Thành phố Trà Vinh", "Cấp huyện"]]
    run("import-agencies", write(tmp_path, "names.csv", csv_bytes(rows, HEADER[:3])))
    stp = agency("STP")
    assert stp.name == "Sở Tư pháp tỉnh Trà Vinh" and stp.iso_secretary == "Lê Thị Hoa"
    assert stp.secretary_key == "le thi hoa"  # the folded name the training coverage matches trainees to
    assert stp.kind == AgencyKind.DEPARTMENT and stp.mandatory is True
    assert agency("29242").parent.code == "842"
    event = AuditEvent.objects.get(action=Action.UPDATE, agency__code="STP")
    assert event.changes == {"name": ["Sở Tư pháp", "Sở Tư pháp tỉnh Trà Vinh"]}
    assert not AuditEvent.objects.filter(action=Action.UPDATE, agency__code="842").exists()


@pytest.mark.parametrize("delimiter,bom", [(",", True), (",", False), (";", True), (";", False)])
def test_csv_with_or_without_bom_comma_or_semicolon_and_nfc(province, tmp_path, delimiter, bom):
    decomposed = unicodedata.normalize("NFD", "Xã Hòa Minh")
    rows = [["30010", decomposed, "Cấp xã", "842", "UBND xã", "Có", "Lê Văn Tư", "", "'+84 91 000 0000"]]
    run("import-agencies", write(tmp_path, "x.csv", csv_bytes(rows, delimiter=delimiter, bom=bom)))
    new = agency("30010")
    assert new.name == unicodedata.normalize("NFC", "Xã Hòa Minh") and new.parent.code == "842"
    assert new.phone == "+84 91 000 0000"  # one protective apostrophe before + is removed
    assert new.mandatory is True


def test_updates_are_audited_with_before_and_after(province, tmp_path):
    rows = [["STP", "Sở Tư pháp", "Cấp tỉnh", "", "sở", "Không", "Phạm Thị Lan", "stp@travinh.gov.vn", ""],
            ["SKHCN", "Sở Khoa học và Công nghệ", "Cấp tỉnh", "", "sở", "Có", "Trần Văn Lâm", "", ""]]
    out, _err = run("import-agencies", write(tmp_path, "u.xlsx", xlsx_bytes(rows)), "--language", "en")
    stp = agency("STP")
    assert stp.mandatory is False and stp.iso_secretary == "Phạm Thị Lan" and stp.email == "stp@travinh.gov.vn"
    assert stp.secretary_key == "pham thi lan"  # and on a bulk update
    event = AuditEvent.objects.get(action=Action.UPDATE, agency=stp)
    assert event.changes == {"mandatory": [True, False], "iso_secretary": ["Lê Thị Hoa", "Phạm Thị Lan"],
                             "email": ["", "stp@travinh.gov.vn"]}
    assert not AuditEvent.objects.filter(action=Action.UPDATE, agency__code="SKHCN").exists()
    assert "New agencies: 0; updated: 1; unchanged: 1." in out


def test_reparenting_moves_the_subtree(province, tmp_path):
    rows = [["842", "Thành phố Trà Vinh", "Cấp huyện", "SKHCN", "UBND huyện", "Có", "Nguyễn Văn An", "", ""]]
    run("import-agencies", write(tmp_path, "move.xlsx", xlsx_bytes(rows)))
    assert agency("842").path == "/SKHCN/842/"
    assert agency("29242").path == "/SKHCN/842/29242/" and agency("29245").path == "/SKHCN/842/29245/"
    assert agency("844").path == "/844/"
    event = AuditEvent.objects.get(action=Action.UPDATE, agency__code="842")
    assert event.changes == {"parent": [None, "SKHCN"]}


def test_moving_a_parent_moves_unchanged_rows_and_new_children_too(province, tmp_path):
    rows = [["29242", "Phường 4", "Cấp xã", "842", "UBND xã", "Không", "", "", ""],
            ["30001", "Xã Long Đức", "Cấp xã", "842", "UBND xã", "Không", "", "", ""],
            ["842", "Thành phố Trà Vinh", "Cấp huyện", "SKHCN", "UBND huyện", "Có", "Nguyễn Văn An", "", ""]]
    out, _err = run("import-agencies", write(tmp_path, "move.xlsx", xlsx_bytes(rows)), "--language", "en")
    assert "New agencies: 1; updated: 1; unchanged: 1." in out
    assert agency("29242").path == "/SKHCN/842/29242/" and agency("29245").path == "/SKHCN/842/29245/"
    assert agency("30001").path == "/SKHCN/842/30001/"
    assert not AuditEvent.objects.filter(agency__code="29242", action=Action.UPDATE).exists()


def test_new_parent_further_down_for_an_existing_agency(province, tmp_path):
    rows = [["29278", "Thị trấn Càng Long", "Cấp xã", "845", "UBND xã", "Không", "", "", ""],
            ["845", "Huyện Cầu Kè", "Cấp huyện", "", "UBND huyện", "Có", "", "", ""]]
    run("import-agencies", write(tmp_path, "m.csv", csv_bytes(rows)))
    assert agency("29278").path == "/845/29278/" and agency("29278").parent.code == "845"


def test_dry_run_reports_and_writes_nothing(province, tmp_path):
    before = registry_state()
    rows = [*ROWS, ["STP", "Sở Tư pháp (mới)", "Cấp tỉnh", "", "sở", "Có", "Lê Thị Hoa", "", ""]]
    out, _err = run("import-agencies", write(tmp_path, "d.xlsx", xlsx_bytes(rows)), "--dry-run", "--language", "en")
    assert registry_state() == before
    assert "+ 30001" in out and "~ STP" in out and "Sở Tư pháp → Sở Tư pháp (mới)" in out
    assert "New agencies: 6; updated: 1; unchanged: 0." in out and "Dry run" in out
