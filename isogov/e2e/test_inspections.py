"""The year's inspection in a real browser (issue 9): the lead drafts the plan, takes the proposal of 30, changes
it with the one third counted as he ticks, and approves it; the inspector records an inspection with one finding
and downloads the record; the agency's secretary sees the corrective action due within two months."""
import datetime as dt
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from isogov.capa.models import Nonconformity
from isogov.core.dates import add_months
from isogov.e2e.session import log_in
from isogov.inspections.models import Finding, InspectionPlan
from isogov.inspections.tests.helpers import qualify
from isogov.registry.models import AgencyKind
from isogov.registry.services import agency_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()


@pytest.fixture
def big_province(province):
    """The conftest province (4 agencies must apply) and 60 more departments: 64, so the law's third is 22."""
    for n in range(60):
        agency_create(actor=None, code=f"S{n:02d}", name=f"Sở số {n:02d}", tier=province.tiers["province"],
                      kind=AgencyKind.DEPARTMENT)
    qualify(province.inspector, province.admin)
    return province


def test_plan_proposal_inspection_and_the_agency_deadline(live_server, page, big_province, vietnamese):
    p, base = big_province, live_server.url
    log_in(page, base, "lead")
    page.goto(f"{base}/inspections/")
    page.click("a.button.primary[href$='/inspections/new/']")
    page.fill("#id_year", str(TODAY.year))
    page.fill("#id_period_start", f"01/01/{TODAY.year}")
    page.fill("#id_period_end", f"30/11/{TODAY.year}")
    expect(page.locator("#id_onsite_target")).to_have_value("30")
    expect(page.locator("#id_inspecting_unit")).to_have_value("Chi cục Tiêu chuẩn Đo lường Chất lượng")
    page.select_option("#id_leader", str(p.inspector.pk))
    page.check(f"#id_team input[value='{p.inspector.pk}']")
    page.click("button[type=submit].primary")
    plan = InspectionPlan.objects.get(year=TODAY.year)

    page.goto(f"{base}/inspections/{plan.pk}/onsite/")
    boxes = page.locator("input[name=agencies]")
    expect(boxes).to_have_count(64)
    live = page.locator("[data-testid=onsite-live]")
    expect(live).to_contain_text("30")
    expect(live).to_have_class(re.compile(r"\bok\b"))
    checked = page.locator("input[name=agencies]:checked")
    expect(checked).to_have_count(30)
    # He drops nine: 21 is below the third (22), and the count says so before he saves.
    for box in checked.all()[:9]:
        box.uncheck()
    expect(live).to_contain_text("21")
    expect(live).to_have_class(re.compile(r"\bbad\b"))
    page.locator("input[name=agencies]:not(:checked)").first.check()
    expect(live).to_have_class(re.compile(r"\bok\b"))
    page.check("#onsite-842")  # Thành phố Trà Vinh, whether the proposal ticked it or not
    ticked = checked.count()
    assert ticked in (22, 23)
    page.click("button[type=submit].primary")
    expect(page.locator("[data-testid=onsite-count]")).to_contain_text(f"{ticked} trên 64")
    assert plan.onsite.count() == ticked and plan.onsite.filter(code="842").exists()

    page.goto(f"{base}/inspections/{plan.pk}/")
    page.fill("#id_decision_number", "125/QĐ-UBND")
    page.fill("#id_decision_date", TODAY.strftime("%d/%m/%Y"))
    page.click("[data-testid=approve-form] button[type=submit]")
    expect(page.locator("[data-testid=plan-status]")).to_have_text("Đã phê duyệt")
    inspection = plan.inspections.get(agency__code="842")

    page.context.clear_cookies()
    log_in(page, base, "inspector")
    page.goto(f"{base}/inspections/visits/{inspection.pk}/")
    form = page.locator("[data-testid=finding-form]")
    form.locator("#id_point").select_option("5")
    form.locator("#id_grade").select_option("major")
    form.locator("#id_description").fill("Chưa đánh giá nội bộ trong 12 tháng qua")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=findings]")).to_contain_text("Chưa đánh giá nội bộ")
    record_day = TODAY.strftime("%d/%m/%Y")
    page.fill("#id_record_date", record_day)
    page.click("#record form.inline button[type=submit]")
    expect(page.locator("[data-testid=record-date]")).to_have_text(record_day)
    with page.expect_download() as download:
        page.click("[data-testid=record-docx]")
    text = "\n".join(par.text for par in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    tables = "\n".join(c.text for t in Document(download.value.path()).tables for r in t.rows for c in r.cells)
    assert "Thành phố Trà Vinh" in text + tables and "Chưa đánh giá nội bộ" in text + tables

    finding = Finding.objects.get(inspection=inspection)
    due = add_months(TODAY, 2)
    assert finding.nonconformity.respond_by == due
    page.context.clear_cookies()
    log_in(page, base, "alice")
    page.goto(f"{base}/agencies/842/capa/")
    row = page.locator("[data-testid=nc-table] tbody tr", has_text="Chưa đánh giá nội bộ")
    expect(row.locator("[data-testid=respond-by]")).to_contain_text(due.strftime("%d/%m/%Y"))
    assert Nonconformity.objects.filter(agency=p.d842).count() == 1
