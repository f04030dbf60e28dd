import re

import pytest
from playwright.sync_api import expect

from isogov.core.tests.files import PDF_BYTES
from isogov.e2e.session import log_in
from isogov.qms.models import Announcement
from isogov.qms.states import QmsState
from isogov.qms.tests.helpers import walk_to_confirmed
from isogov.registry.services import agency_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_filters_opens_agency_and_records_announcement(live_server, page, province, tmp_path, vietnamese):
    agency_update(actor=province.alice, agency=province.c29242, iso_secretary="Phạm Thị Mai")
    walk_to_confirmed(province.c29242, secretary=province.alice, head=province.alice_head)
    log_in(page, live_server.url, "alice")  # she lands on her to-do; the agency list is one click away
    page.click("nav.mainnav a[href='/agencies/']")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(3)  # 842 and its two communes; nothing of Càng Long or the departments
    page.fill("#agency-filters input[name=q]", "phuong")  # typed without diacritics; htmx refreshes the table
    expect(rows).to_have_count(2)
    expect(page).to_have_url(re.compile(r"q=phuong"))
    page.select_option("select[name=state]", "confirmed")
    expect(rows).to_have_count(1)
    expect(page.locator("[data-testid=total]")).to_have_text("1")
    page.click("text=Phường 4")
    expect(page.locator("[data-testid=qms-state]")).to_have_text("Đã xác nhận hiệu lực")

    page.click("a.button.primary[href$='/announce/']")
    signed = tmp_path / "quyet-dinh-cong-bo.pdf"
    signed.write_bytes(PDF_BYTES)
    page.fill("#id_decision_number", "25/QĐ-UBND")
    page.fill("#id_decision_date", "04/05/2020")
    page.fill("#id_signer", "Nguyễn Văn Bình")
    page.set_input_files("#id_signed_file", str(signed))
    page.click("button[type=submit].primary")

    expect(page.locator("[data-testid=qms-state]")).to_have_text("Đã công bố")
    expect(page.locator("#announcements")).to_contain_text("25/QĐ-UBND")
    a = Announcement.objects.get()
    assert a.agency.code == "29242" and a.recorded_by.username == "alice"
    a.agency.refresh_from_db()
    assert a.agency.qms_state == QmsState.ANNOUNCED


def test_secretary_cannot_open_a_foreign_agency(live_server, page, province):
    log_in(page, live_server.url, "alice")
    for code in ("844", "29278", "STP"):
        response = page.goto(f"{live_server.url}/agencies/{code}/")
        assert response.status in (403, 404)
        expect(page.locator("h1")).not_to_contain_text("Càng Long")
    response = page.goto(f"{live_server.url}/agencies/844/announce/")
    assert response.status in (403, 404)
