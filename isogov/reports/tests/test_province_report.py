"""The province's 2020 report (world.py works its figures out by hand): the same in every format as the dashboard's
figures at 31/12/2020, and unchanged by anything dated after that day."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from isogov.core.tests.libreoffice import require_libreoffice
from isogov.dashboard.figures import province_figures
from isogov.qms.models import Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.reports import services
from isogov.reports.documents import province_context, report_docx, report_pdf
from isogov.reports.exports import report_xlsx
from isogov.reports.report import province_report
from isogov.reports.tests import extract, world

pytestmark = pytest.mark.django_db
END = dt.date(2020, 12, 31)
R = Decimal


@pytest.fixture
def w(province):
    return world.build(province)


def _files(user) -> dict:
    report = province_report(user=user, year=2020)
    return {"docx": extract.docx_tables(report_docx(report)), "xlsx": extract.xlsx_rows(report_xlsx(report))}


def test_the_2020_figures_worked_out_by_hand(province, w):
    report = province_report(user=province.admin, year=2020)
    assert not report.provisional
    assert report.section("qms").cells() == [
        ["Provincial", 2, 2, 1, R("50.0"), 1, R("50.0"), 1, 0],
        ["District", 2, 2, 1, R("50.0"), 0, R("0.0"), 1, 0],
        ["Commune", 3, 0, 0, None, 0, None, 0, 3],
        ["Whole province", 7, 4, 2, R("50.0"), 1, R("25.0"), 2, 3]]
    assert report.section("follow").cells()[-1] == ["Whole province", 1, R("14.3"), 1, 1, 1, R("14.3")]
    assert dict(report.section("training").cells()) == {
        "Training sessions held in the year": 1, "People trained in the year": 3, "Of whom completed the course": 3,
        "Agencies whose staff were trained in the year": 2, "Agencies covered by the training on 31/12": 1}
    inspections = dict(report.section("inspections").cells())
    assert inspections["Agencies inspected on site (record signed)"] == 1
    assert inspections["Agencies whose records and reports were checked"] == 1
    assert (inspections["Findings"], inspections[" · Minor nonconformity"], inspections[" · Observation"]) == (2, 1, 1)
    assert inspections["Of which closed by 31/12"] == 0
    budget = report.section("budget").cells()
    assert budget[-1] == ["Total", 104_500_000, 99_500_000, 40_500_000, 40_500_000]
    assert [row[-1] for row in budget[1:-1]] == [24_500_000, 12_000_000, 4_000_000]


def test_the_same_figures_as_the_dashboard_on_31_december(province, w):
    figures = province_figures(user=province.admin, as_of=END)
    report = province_report(user=province.admin, year=2020)
    for row, tier in zip(report.section("qms").rows, [*figures.tiers, figures.total], strict=True):
        assert [row[k] for k in ("agencies", "must_apply", "announced", "maintaining", "building", "not_started")] \
            == [tier.agencies, tier.must_apply, tier.announced, tier.maintaining, tier.building, tier.not_started]
        assert (row["announced_rate"], row["maintaining_rate"]) == (tier.announced_rate, tier.maintaining_rate)
    for row, tier in zip(report.section("follow").rows, [*figures.tiers, figures.total], strict=True):
        assert (row["compliant"], row["ca_overdue"], row["legal_overdue"], row["trained"]) == (
            tier.compliant, tier.ca_overdue, tier.legal_overdue, tier.trained)


def test_the_command_lines_report_is_the_lead_s(province, w):
    """user None (the command line) reads the whole province, as the province-wide roles do."""
    whole = province_report(user=None, year=2020)
    assert whole.sections == province_report(user=province.admin, year=2020).sections
    assert dict(whole.section("training").cells())["People trained in the year"] == 3


def test_later_facts_leave_the_2020_report_unchanged(province, w):
    before = _files(province.admin)
    world.after(province, w)
    assert _files(province.admin) == before
    # ... while the facts did change: 2021 counts STP as announced and the merged commune no longer.
    later = province_report(user=province.admin, year=2021).section("qms").cells()
    assert later[0][3] == 2 and later[-1][1] == 7  # 7 - one merged commune + the new department


def test_the_files_carry_the_figures_of_31_december(province, w):
    services.text_save(actor=province.admin, year=2020, agency=None, number="125", signed_on=dt.date(2020, 12, 15),
                       signer_title="Phó Giám đốc", signer_name="Nguyễn Văn A",
                       difficulties="Kinh phí còn hạn chế.\nNhân sự kiêm nhiệm.", proposals="Tăng kinh phí.")
    report = province_report(user=province.admin, year=2020)
    docx = report_docx(report)
    tables = extract.docx_tables(docx)
    figures = province_figures(user=province.admin, as_of=END)
    qms = tables[0]
    total = figures.total
    assert qms[-1] == ["Whole province", "7", "4", "2", "50,0", "1", "25,0", "2", "3"]
    assert [r[1] for r in qms[1:]] == [str(t.agencies) for t in [*figures.tiers, total]]
    budget = next(t for t in tables if t[0][0] == "Plan")
    assert budget[-1] == ["Total", "104.500.000", "99.500.000", "40.500.000", "40.500.000"]
    text = extract.docx_text(docx)
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 125/BC-SKHCN",
                 "Trà Vinh, ngày 15 tháng 12 năm 2020", "Nơi nhận:", "- Bộ Khoa học và Công nghệ;", "- Lưu: VT.",
                 "PHÓ GIÁM ĐỐC", "Nguyễn Văn A", "Kinh phí còn hạn chế.", "Nhân sự kiêm nhiệm.", "Tăng kinh phí."):
        assert part in text, part
    rows = extract.xlsx_rows(report_xlsx(report))
    section = extract.xlsx_section(rows, report.section("qms").title)
    assert section[-1] == ["Whole province", 7, 4, 2, 50, 1, 25, 2, 3]
    assert [r[1] for r in section[1:]] == [t.agencies for t in [*figures.tiers, total]]
    assert extract.xlsx_section(rows, report.section("budget").title)[-1] == [
        "Total", 104_500_000, 99_500_000, 40_500_000, 40_500_000]
    assert ["Kinh phí còn hạn chế.\nNhân sự kiêm nhiệm."] in rows


def test_the_pdf_carries_the_same_figures(province, w):
    require_libreoffice()
    text = extract.pdf_text(report_pdf(province_report(user=province.admin, year=2020)))
    flat = " ".join(text.split())
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "…/BC-SKHCN", "Nơi nhận:"):
        assert part in flat, part
    assert "104.500.000 99.500.000 40.500.000 40.500.000" in flat
    assert "7 4 2 50,0 1 25,0 2 3" in flat


def _grow(province, to: int) -> None:
    """Agencies (and a dated transition for each) added in bulk up to `to`, as a big province has."""
    have = Agency.objects.count()
    tier = province.tiers["commune"]
    new = [Agency(code=f"X{i}", name=f"Xã {i}", tier=tier, parent=province.d844, path=f"{province.d844.path}X{i}/",
                  mandatory=i % 2 == 0) for i in range(have, to)]
    Agency.objects.bulk_create(new, batch_size=2000)
    moved = Agency.objects.filter(code__startswith="X").values_list("pk", flat=True)
    Transition.objects.bulk_create([Transition(agency_id=pk, from_state=QmsState.NOT_STARTED,
                                               to_state=QmsState.BUILDING, at=world.at(dt.date(2020, 5, 1)))
                                    for pk in moved[::3]], batch_size=2000)


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        province_context(province_report(user=user, year=2020))
    return len(ctx.captured_queries)


def test_the_same_queries_at_100_and_at_10000_agencies(province, w):
    _grow(province, 100)
    small = _queries(province.admin)
    _grow(province, 10_000)
    assert Agency.objects.count() == 10_000
    assert _queries(province.admin) == small
    report = province_report(user=province.admin, year=2020)
    assert report.section("qms").rows[-1]["agencies"] == 10_000
